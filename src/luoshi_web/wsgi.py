"""WSGI entry point (waitress, gunicorn, uWSGI …)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
application = get_wsgi_application()
