"""luoshi (落实): read a government's planning documents, judge completion, issue its reports.

The core never imports Django; the web app and the CLI call these functions.
"""

__version__ = "0.1.0"
