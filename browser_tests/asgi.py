"""The application the browser tests' daphne server runs: `comenius.asgi:application` itself, with the static
files served in front of it — exactly what `manage.py runserver` (daphne's, `make run`) wraps around it. In
production the web server serves /static/; here the pages need their CSS and scripts (the chat's `chat.js`)."""

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from comenius.asgi import application as comenius_application

# WebSocket connections go straight through to the real application (the handler looks at HTTP only).
application = ASGIStaticFilesHandler(comenius_application)

# The production storage (hashed names) needs `collectstatic` first; like the rest of the suite (conftest.py's
# `site`), this server serves the plain names from the source folders. Set before any page asks for a static URL.
from django.conf import settings  # noqa: E402

settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
