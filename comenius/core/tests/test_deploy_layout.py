"""The production layout's files (deploy/) are the ones that run: the systemd units start the same commands as
`make prod-up`, systemd accepts them, and the nginx site of a real host passes `nginx -t`.
The layout itself runs in `make prod-smoke` (deploy/smoke.py), which CI runs."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
sys.path.insert(0, str(DEPLOY))
import stack  # noqa: E402


def exec_start(unit: Path) -> list[str]:
    [line] = [line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


def test_units_run_the_commands_of_the_local_stack():
    on_host = {
        "web": "comenius-web.service",
        "ws": "comenius-ws.service",
        "worker": "comenius-worker.service",
    }
    assert sorted(on_host.values()) == [unit.name for unit in UNITS]
    for service in stack.services():
        command = [
            part.replace("/srv/comenius", str(ROOT)).replace("8002", str(stack.PORTS.ws))
            for part in exec_start(DEPLOY / "systemd" / on_host[service.name])
        ]
        assert command == service.command, service.name


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_accepts_the_units(tmp_path):
    for unit in UNITS:
        here = tmp_path / unit.name
        here.write_text(unit.read_text().replace("/srv/comenius", str(ROOT)))
        result = subprocess.run(  # noqa: S603
            ["systemd-analyze", "verify", "--man=no", str(here)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and not result.stderr.strip(), result.stderr


@pytest.mark.skipif(not Path(stack.NGINX).exists(), reason="nginx is not installed")
def test_the_site_of_a_real_host_passes_nginx_test(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=example.org",  # noqa: S607
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = tmp_path / "comenius.conf"
    subprocess.run(  # noqa: S603
        [sys.executable, str(DEPLOY / "stack.py"), "render-site", "--server-name", "comenius.example.org",
         "--out", str(site), "--cert", str(cert), "--key", str(key)],
        check=True,
    )  # fmt: skip
    text = site.read_text()
    assert "listen 443 ssl http2;" in text
    assert "alias /srv/comenius/var/static/;" in text
    # A real host's nginx.conf includes the site; here the local wrapper does, with its paths in tmp_path.
    for part in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "nginx-tmp" / part).mkdir(parents=True)
    wrapper = stack.render(DEPLOY / "nginx" / "local.conf.in", {"RUN_DIR": str(tmp_path), "USER_LINE": ""})
    (tmp_path / "nginx.conf").write_text(wrapper)
    result = subprocess.run(  # noqa: S603
        [stack.NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
