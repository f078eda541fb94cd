"""WSGI entry point (gunicorn config.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What the site loads at start lives as long as the worker: its views now (not at the first
# request), then all of it moved out of the garbage collector's scans (gc.freeze, as the
# Python docs advise for servers), so a request that makes many objects (an import of
# thousands of lines, a large report) does not rescan the whole site at every collection.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
