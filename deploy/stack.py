"""The production layout, run locally: `make prod-up` / `make prod-down` (and `render-site` for a real host).

    .venv/bin/python deploy/stack.py up        # nginx + gunicorn (uvicorn workers) + daphne (/ws/) + worker
    .venv/bin/python deploy/stack.py down      # stops what `up` started (by the pids it wrote)
    .venv/bin/python deploy/stack.py status
    .venv/bin/python deploy/stack.py render-site --server-name comenius.example.org --out /etc/nginx/sites-…

`up` runs everything as the invoking user on high ports, against PostgreSQL and Redis on this machine, with
production settings (COMENIUS_MODE=production) from the environment it builds in `production_env()`:

* a database of its own (PROD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/comenius_prod), created
  when missing, migrated, and — on an empty database — loaded with the demo data (PROD_DEMO_DATA=demo, the
  default; "cast" loads only the smoke test's people, "none" nothing; the seeding runs in demo mode: production
  refuses demo data);
* Redis database 12 (PROD_REDIS_URL) for the cache and the channel layer;
* a generated secret key and a self-signed TLS certificate for localhost in var/prod/, so that the production
  settings (secure cookies, HTTPS redirect) hold unchanged; only HSTS is off (a browser would otherwise pin
  localhost to HTTPS for a year, and `make run` is plain HTTP there);
* nginx on PROD_HTTP_PORT (8480, redirects) and PROD_HTTPS_PORT (8443), the app on 127.0.0.1:PROD_APP_PORT (8481),
  daphne on 127.0.0.1:PROD_WS_PORT (8482). Logs and pid files in var/prod/.
"""

# Every command this script runs is its own (the environment's programs, fixed arguments): no untrusted input.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BIN = ROOT / ".venv" / "bin"
RUN_DIR = Path(os.environ.get("PROD_RUN_DIR", ROOT / "var" / "prod"))
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")


@dataclass(frozen=True)
class Ports:
    http: int = int(os.environ.get("PROD_HTTP_PORT", "8480"))
    https: int = int(os.environ.get("PROD_HTTPS_PORT", "8443"))
    app: int = int(os.environ.get("PROD_APP_PORT", "8481"))
    ws: int = int(os.environ.get("PROD_WS_PORT", "8482"))


PORTS = Ports()
DATABASE_URL = os.environ.get("PROD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/comenius_prod")
REDIS_URL = os.environ.get("PROD_REDIS_URL", "redis://127.0.0.1:6379/12")
ORIGIN = f"https://localhost:{PORTS.https}"
CERT = RUN_DIR / "tls" / "cert.pem"
KEY = RUN_DIR / "tls" / "key.pem"
# On an empty database: "demo" loads the demo data (seed_demo), "cast" only the smoke test's people
# (deploy/smoke_data.py), "none" nothing.
DEMO_DATA = os.environ.get("PROD_DEMO_DATA", "demo")
MAX_BODY_MB = 110  # SPACE_FILE_MAX_MB (100) and the form around it


# --- configuration ---------------------------------------------------------------------------------------------


def render(template: Path, values: dict[str, str]) -> str:
    """The template with every @NAME@ replaced; an unknown or forgotten placeholder is an error."""
    text = template.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if "@" in "".join(line.split("#", 1)[0] for line in text.splitlines()):
        raise SystemExit(f"{template}: a placeholder was left unfilled")
    return text


def site_values(
    *,
    server_name: str,
    http_listen: str,
    https_listen: str,
    https_origin: str,
    static_root: Path,
    media_root: Path,
    cert: Path,
    key: Path,
    app_upstream: str,
    ws_upstream: str,
) -> dict[str, str]:
    return {
        "SERVER_NAME": server_name,
        "HTTP_LISTEN": http_listen,
        "HTTPS_LISTEN": https_listen,
        "HTTPS_ORIGIN": https_origin,
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "TLS_CERT": str(cert),
        "TLS_KEY": str(key),
        "APP_UPSTREAM": app_upstream,
        "WS_UPSTREAM": ws_upstream,
        "MAX_BODY_MB": str(MAX_BODY_MB),
    }


def _kept_secret(name: str, length: int) -> str:
    path = RUN_DIR / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(length), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def secret_key() -> str:
    return _kept_secret("secret_key", 64)


def metrics_token() -> str:
    """The bearer token of /metrics (core/observability.py); the smoke journey reads it here."""
    return _kept_secret("metrics_token", 32)


METRICS_DIR = RUN_DIR / "metrics"  # prometheus-client's multiprocess files: every process writes, /metrics adds up


def production_env() -> dict[str, str]:
    """The environment of every process of the local stack: production mode, this machine's services."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "COMENIUS_MODE": "production",
            "DEBUG": "false",
            "SECRET_KEY": secret_key(),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SITE_URL": ORIGIN,
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "COMENIUS_VAR_DIR": str(RUN_DIR),
            "MEDIA_ROOT": str(RUN_DIR / "media"),
            "MEDIA_ACCEL_REDIRECT": "/protected-media/",
            "EMAIL_URL": f"file://{RUN_DIR / 'mail'}",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": env.get("LOG_LEVEL", "INFO"),
            "LOG_FORMAT": "json",
            "METRICS_TOKEN": metrics_token(),
            "PROMETHEUS_MULTIPROC_DIR": str(METRICS_DIR),
            "COMENIUS_BIND": f"127.0.0.1:{PORTS.app}",
            "COMENIUS_WORKERS": env.get("COMENIUS_WORKERS", "2"),
        }
    )
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database() -> None:
    import psycopg

    name = urlparse(DATABASE_URL).path.lstrip("/")
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def ensure_certificate() -> None:
    if CERT.exists() and KEY.exists():
        return
    CERT.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(KEY), "-out", str(CERT)],
        check=True, capture_output=True,
    )  # fmt: skip
    KEY.chmod(0o600)


def write_nginx_config() -> Path:
    for part in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (RUN_DIR / "nginx-tmp" / part).mkdir(parents=True, exist_ok=True)
    site = site_values(
        server_name="localhost 127.0.0.1",
        http_listen=f"127.0.0.1:{PORTS.http}",
        https_listen=f"127.0.0.1:{PORTS.https}",
        https_origin=f"https://$host:{PORTS.https}",
        static_root=RUN_DIR / "static",
        media_root=RUN_DIR / "media",
        cert=CERT,
        key=KEY,
        app_upstream=f"127.0.0.1:{PORTS.app}",
        ws_upstream=f"127.0.0.1:{PORTS.ws}",
    )
    (RUN_DIR / "comenius.conf").write_text(render(DEPLOY / "nginx" / "comenius.conf.in", site), encoding="utf-8")
    # nginx started by root would hand its workers to "nobody"; the local stack's workers run as whoever started it.
    user_line = f"user {os.environ.get('USER', 'root')};" if os.geteuid() == 0 else "# (not root: no user switch)"
    config = RUN_DIR / "nginx.conf"
    config.write_text(
        render(DEPLOY / "nginx" / "local.conf.in", {"RUN_DIR": str(RUN_DIR), "USER_LINE": user_line}),
        encoding="utf-8",
    )
    return config


# --- processes -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Service:
    name: str
    command: list[str]
    marker: str  # a word of the command line, so that a recycled pid is never mistaken for ours


def services() -> list[Service]:
    return [
        Service("web", [str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py")], "gunicorn"),
        Service(
            "ws",
            [
                str(BIN / "daphne"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(PORTS.ws),
                "--proxy-headers",
                "comenius.asgi:application",
            ],
            "daphne",
        ),
        Service("worker", [str(BIN / "python"), "manage.py", "run_worker"], "run_worker"),
    ]


def pid_file(name: str) -> Path:
    return RUN_DIR / f"{name}.pid"


def alive(pid: int, marker: str) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return marker in cmdline


def running(name: str, marker: str) -> int | None:
    try:
        pid = int(pid_file(name).read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if alive(pid, marker) else None


def nginx_command(config: Path, *args: str) -> list[str]:
    return [NGINX, "-c", str(config), "-p", str(RUN_DIR), *args]


def wait_healthy(timeout: float = 60) -> dict[str, str]:
    context = ssl.create_default_context(cafile=str(CERT))
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{ORIGIN}/healthz", context=context, timeout=5) as answer:  # noqa: S310
                return json.loads(answer.read())
        except (urllib.error.URLError, OSError, ValueError) as error:
            last = str(error)
        time.sleep(0.5)
    raise SystemExit(f"the stack did not become healthy within {timeout:.0f} s: {last} (logs in {RUN_DIR})")


def up() -> None:
    if any(running(service.name, service.marker) for service in services()) or running("nginx", "nginx"):
        raise SystemExit("The local production stack is running already (make prod-down stops it).")
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    # The metrics files of a previous run would be added to this one's: start empty.
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir()
    ensure_certificate()
    ensure_database()
    env = production_env()
    # collectstatic (hashing and compressing every file) runs while the database is migrated and seeded.
    collect = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env
    )
    manage("migrate", "--noinput", "-v", "0", env=env)
    demo = {**env, "COMENIUS_MODE": "demo", "DEBUG": "false", "TASKS_BACKEND": "immediate", "LOG_LEVEL": "WARNING"}
    if DEMO_DATA == "demo":
        manage("seed_demo", "--if-empty", env=demo)
    elif DEMO_DATA == "cast":
        subprocess.run([str(BIN / "python"), str(DEPLOY / "smoke_data.py")], cwd=ROOT, env=demo, check=True)
    if collect.wait() != 0:
        raise SystemExit("collectstatic failed")
    config = write_nginx_config()
    subprocess.run(nginx_command(config, "-t", "-q"), check=True)
    for service in services():
        log = (RUN_DIR / f"{service.name}.log").open("ab")
        process = subprocess.Popen(
            service.command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        pid_file(service.name).write_text(str(process.pid))
    subprocess.run(nginx_command(config), check=True)
    health = wait_healthy()
    print(f"Comenius (production settings) on {ORIGIN}/ — health: {health}; logs in {RUN_DIR}")


def stop(pid: int, marker: str, timeout: float = 30) -> None:
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive(pid, marker):
        time.sleep(0.1)
    if alive(pid, marker):
        os.kill(pid, signal.SIGKILL)


def down() -> None:
    nginx = running("nginx", "nginx")
    if nginx:
        stop(nginx, "nginx")
    for service in reversed(services()):
        pid = running(service.name, service.marker)
        if pid:
            stop(pid, service.marker)
        pid_file(service.name).unlink(missing_ok=True)
    print("The local production stack is stopped.")


def status() -> int:
    states = {service.name: running(service.name, service.marker) for service in services()}
    states["nginx"] = running("nginx", "nginx")
    for name, pid in states.items():
        print(f"{name:7} {'running, pid ' + str(pid) if pid else 'stopped'}")
    return 0 if all(states.values()) else 1


def render_site(arguments: argparse.Namespace) -> None:
    """The nginx site of a real host (Debian's nginx.conf includes it from sites-enabled)."""
    values = site_values(
        server_name=arguments.server_name,
        http_listen="80",
        https_listen="443",
        https_origin="https://$host",
        static_root=Path(arguments.static_root),
        media_root=Path(arguments.media_root),
        cert=Path(arguments.cert),
        key=Path(arguments.key),
        app_upstream=arguments.app_upstream,
        ws_upstream=arguments.ws_upstream,
    )
    Path(arguments.out).write_text(render(DEPLOY / "nginx" / "comenius.conf.in", values), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("up")
    commands.add_parser("down")
    commands.add_parser("status")
    site = commands.add_parser("render-site", help="write the nginx site file of a real host")
    site.add_argument("--server-name", required=True)
    site.add_argument("--out", required=True)
    site.add_argument("--static-root", default="/srv/comenius/var/static")
    site.add_argument("--media-root", default="/srv/comenius/media")
    site.add_argument("--cert", help="e.g. /etc/letsencrypt/live/<name>/fullchain.pem", required=True)
    site.add_argument("--key", help="e.g. /etc/letsencrypt/live/<name>/privkey.pem", required=True)
    site.add_argument("--app-upstream", default="127.0.0.1:8001")
    site.add_argument("--ws-upstream", default="127.0.0.1:8002")
    arguments = parser.parse_args()
    if arguments.command == "up":
        up()
    elif arguments.command == "down":
        down()
    elif arguments.command == "status":
        return status()
    else:
        render_site(arguments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
