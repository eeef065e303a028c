"""ASGI entry point: `uvicorn spojka.asgi:application` or another ASGI server."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")

application = get_asgi_application()
