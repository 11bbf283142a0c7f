"""WSGI entry point. Loading it checks the exercise library, so a broken one stops the server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supple.settings")

application = get_wsgi_application()

from supple.library.catalogue import get_library  # noqa: E402  (needs Django set up)

get_library()
