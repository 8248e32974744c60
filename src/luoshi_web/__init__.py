"""The luoshi web application: units, users, plans, progress reports and their review, over the core."""
