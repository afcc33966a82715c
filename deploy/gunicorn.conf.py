"""gunicorn for Comenius: uvicorn workers serving the ASGI application's HTTP side (`comenius.asgi:application`).

The same file serves `make prod-up` (deploy/stack.py) and the systemd unit (deploy/systemd/comenius-web.service);
everything that differs between them comes from the environment:

  COMENIUS_BIND       where gunicorn listens (default 127.0.0.1:8001; nginx proxies to it)
  COMENIUS_WORKERS    worker processes (default: 2 per core, at most 8)
  COMENIUS_TIMEOUT    seconds a worker may stay silent before it is restarted (default 60)

The chat's WebSockets are served by daphne beside it (deploy/systemd/comenius-ws.service): uvicorn needs
`websockets` or `wsproto` for them, and neither is in the lock.
"""

import multiprocessing
import os

wsgi_app = "comenius.asgi:application"
worker_class = "uvicorn_worker.UvicornWorker"
bind = [os.environ.get("COMENIUS_BIND", "127.0.0.1:8001")]
workers = int(os.environ.get("COMENIUS_WORKERS", min(8, 2 * multiprocessing.cpu_count())))
timeout = int(os.environ.get("COMENIUS_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5  # nginx keeps idle upstream connections open (upstream keepalive); below its 60 s
# A worker is replaced after this many requests (with jitter, so they do not all restart at once): a slow leak
# cannot grow for ever.
max_requests = 5000
max_requests_jitter = 500
# Only nginx on this machine talks to gunicorn: trust its X-Forwarded-For / X-Forwarded-Proto and nobody else's.
forwarded_allow_ips = os.environ.get("COMENIUS_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("COMENIUS_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("COMENIUS_GUNICORN_LOG_LEVEL", "info")
proc_name = "comenius-web"


def child_exit(server: object, worker: object) -> None:
    """A worker that ends (restart, max_requests, crash) leaves its metrics files; its live gauges (open
    WebSockets) must stop counting (prometheus-client's multiprocess mode; core/observability.py)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
