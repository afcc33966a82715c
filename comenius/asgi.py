"""The ASGI application: Django for HTTP, Channels for the chat's and the notification bell's WebSockets.

`manage.py runserver` serves it through daphne (first in INSTALLED_APPS), so `make run` answers both; in
production any ASGI server (daphne, or uvicorn workers under gunicorn) runs `comenius.asgi:application`.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comenius.settings")
# Set up Django (the app registry) before anything imports models: the consumers below do.
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from comenius.core.observability import CountWebSockets  # noqa: E402
from comenius.notifications import routing as notification_routing  # noqa: E402
from comenius.spaces import routing  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        # A browser sends its Origin with the handshake: only pages of our own hosts (ALLOWED_HOSTS) may open a
        # socket, so another site cannot ride on a member's session cookie. The session then says who it is.
        "websocket": CountWebSockets(
            AllowedHostsOriginValidator(
                AuthMiddlewareStack(
                    URLRouter(routing.websocket_urlpatterns + notification_routing.websocket_urlpatterns)
                )
            )
        ),
    }
)
