"""Admin for reporting (entries are read-only: corrections are new versions; verdicts and statuses follow them)."""
