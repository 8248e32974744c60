"""WSGI entry point (waitress, gunicorn, uWSGI …), warmed before it serves.

Django imports the URL patterns (and with them every view) on a process's first request, and Jinja2
compiles a template the first time it renders it: together half a second, paid by the first requests
each worker serves. ``warm()`` does both as the server loads the application, before it accepts a
request (and once for all workers under ``gunicorn --preload``, see docs/deploy.md); then the objects
loaded are frozen out of the garbage collector's full collections.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
application = get_wsgi_application()


def warm() -> None:
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018  # imports every view and builds the reverse lookup
    for engine in engines.all():
        env = getattr(engine, "env", None)  # the Jinja2 engine: compile the app's pages
        if env is not None:
            for name in env.list_templates(extensions=["html"]):
                env.get_template(name)


warm()
# What is loaded now lives as long as the process: the garbage collector need not walk it again on every
# full collection (a pause of tens of milliseconds in the middle of a request otherwise).
gc.collect()
gc.freeze()
