"""The read-replica drill: `make replica-drill` (CI runs it).

It makes a PostgreSQL primary and a streaming replica of it on this machine (two clusters of their own, in a
temporary directory, on ports PRIMARY_PORT and REPLICA_PORT; the machine's own cluster is not touched), loads the
test cast into the primary, and then, with `DATABASE_URL` on the primary and `DATABASE_REPLICA_URL` on the
replica, checks what core/replicas.py promises:

1. a member's page reads come from the replica;
2. right after a write (a message sent), the next page reads from the primary and shows the message;
3. once the pin has passed, reads come from the replica again, which has the message by then;
4. the replica stopped: pages keep working from the primary;
5. the replica back: after the retry interval pages read from it again.

Everything is stopped and removed at the end, also when a check fails.
"""

from __future__ import annotations

# Every command this script runs is its own (PostgreSQL's programs and ours, fixed arguments): no untrusted input.
# ruff: noqa: S603
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PRIMARY_PORT = int(os.environ.get("DRILL_PRIMARY_PORT", "5491"))
REPLICA_PORT = int(os.environ.get("DRILL_REPLICA_PORT", "5492"))
DATABASE = "comenius_drill"
PRIMARY_URL = f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/{DATABASE}"
REPLICA_URL = f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{DATABASE}"


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise SystemExit(f"PostgreSQL's {name} is not installed (/usr/lib/postgresql/*/bin/)")
    return found[-1]


def as_postgres(*command: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """PostgreSQL's server programs refuse to run as root: as root (CI), run them as the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], check=check, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def make_clusters(base: Path) -> tuple[Path, Path]:
    primary, replica = base / "primary", base / "replica"
    as_postgres(pg_bin("initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8")  # fmt: skip
    with (primary / "postgresql.conf").open("a") as conf:
        conf.write(
            f"port = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{base}'\n"
            "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\n"
            "synchronous_commit = off\nshared_buffers = 32MB\n"
        )
    (primary / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n"
    )
    start(primary, "primary")
    # The replica: a base backup of the primary that follows it (-R writes primary_conninfo and standby.signal).
    as_postgres(pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres",
                "-D", str(replica), "-R", "-X", "stream")  # fmt: skip
    with (replica / "postgresql.conf").open("a") as conf:
        conf.write(f"port = {REPLICA_PORT}\n")
    start(replica, "replica")
    return primary, replica


def start(cluster: Path, name: str) -> None:
    as_postgres(pg_bin("pg_ctl"), "-D", str(cluster), "-l", str(cluster.parent / f"{name}.log"), "-w", "start")


def stop(cluster: Path, mode: str = "fast") -> None:
    as_postgres(pg_bin("pg_ctl"), "-D", str(cluster), "-m", mode, "-w", "stop", check=False)


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "COMENIUS_MODE": "demo",
            "DEBUG": "true",  # static files straight from the app folders (no collectstatic for a drill)
            "DATABASE_URL": PRIMARY_URL,
            "TASKS_BACKEND": "immediate",
            "REDIS_URL": "",
            "ALLOWED_HOSTS": "testserver,localhost",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env


def prepare() -> None:
    import psycopg

    with psycopg.connect(f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {DATABASE}")
    env = environment(COMENIUS_VAR_DIR=str(Path(tempfile.gettempdir()) / "comenius-drill-var"))
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, str(ROOT / "deploy" / "smoke_data.py")], cwd=ROOT, env=env, check=True)


def main() -> int:
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="comenius-replica-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    primary = replica = None
    try:
        primary, replica = make_clusters(base)
        prepare()
        env = environment(
            DATABASE_REPLICA_URL=REPLICA_URL,
            REPLICA_PIN_SECONDS="2",
            REPLICA_CHECK_SECONDS="0",
            REPLICA_RETRY_SECONDS="1",
            COMENIUS_VAR_DIR=str(Path(tempfile.gettempdir()) / "comenius-drill-var"),
            DRILL_REPLICA_DIR=str(replica),
        )
        checks = subprocess.run(
            [PYTHON, str(Path(__file__).resolve()), "--checks"], cwd=ROOT, env=env, stderr=subprocess.PIPE
        )
        if checks.returncode != 0:
            for log in sorted(base.glob("*.log")):
                print(f"--- {log.name} ---\n{log.read_text(errors='replace')[-3000:]}")
            # Last, so that the end of CI's output says which check failed.
            print(checks.stderr.decode(errors="replace").strip()[-2000:])
            return 1
    finally:
        for cluster in (replica, primary):
            if cluster is not None:
                stop(cluster, "immediate")
        shutil.rmtree(base, ignore_errors=True)
    print(f"replica drill passed in {time.monotonic() - started:.1f} s")
    return 0


# --- the checks, in a process whose settings have both databases ---------------------------------------------------


def checks() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comenius.settings")
    import django

    django.setup()

    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from comenius.accounts.models import User
    from comenius.core import replicas

    def check(condition: object, message: str) -> None:
        if not condition:
            raise SystemExit(f"REPLICA DRILL FAILED: {message}")

    def caught_up(timeout: float = 10) -> None:
        """Wait until the replica has replayed everything the primary has written so far."""
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            target = cursor.fetchone()[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with connections["replica"].cursor() as cursor:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
                if cursor.fetchone()[0]:
                    return
            time.sleep(0.1)
        raise SystemExit("REPLICA DRILL FAILED: the replica did not catch up within 10 s")

    def page(client: Client, path: str, replica_up: bool = True) -> tuple[int, str, int, int]:
        """The page's status and HTML, and how many queries went to the primary and to the replica (whose
        queries can only be counted while it is up: counting connects)."""
        with CaptureQueriesContext(connections["default"]) as primary_queries:
            if not replica_up:
                response = client.get(path)
                return response.status_code, response.content.decode(), len(primary_queries), 0
            with CaptureQueriesContext(connections["replica"]) as replica_queries:
                response = client.get(path)
        return response.status_code, response.content.decode(), len(primary_queries), len(replica_queries)

    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        check(cursor.fetchone()[0], "the replica is not a standby")
    mette = User.objects.get(email__startswith="mette@")
    lucia = User.objects.get(email__startswith="lucia@")
    client = Client()
    client.force_login(mette)
    caught_up()

    # 1. A member's page reads come from the replica.
    status, html, on_primary, on_replica = page(client, "/people/")
    check(status == 200 and "Lucía" in html, f"/people/ answered {status} for Mette")
    check(on_replica > 0, "the people search read nothing from the replica")
    print(f"1. /people/: {on_replica} queries on the replica, {on_primary} on the primary")

    # 2. Right after a write, the next page reads from the primary and shows what was written.
    text = f"Drill message {time.time():.0f}"
    sent = client.post(f"/people/{lucia.pk}/write/", {"body": text})
    check(sent.status_code == 302, f"sending the message answered {sent.status_code}")
    check(replicas.PIN_COOKIE in sent.cookies, "the answer to a write does not pin the member to the primary")
    status, html, on_primary, on_replica = page(client, sent["Location"])
    check(status == 200 and text in html, "the page after the write does not show the message")
    check(on_replica == 0 and on_primary > 0, f"the page after the write read {on_replica} queries from the replica")
    print(f"2. after the write: {on_primary} queries on the primary, none on the replica; the message is there")

    # 3. Once the pin has passed, reads come from the replica again, which has the message by then.
    time.sleep(2.2)
    caught_up()
    client.cookies.pop(replicas.PIN_COOKIE, None)  # the browser drops it when its max-age ends
    status, html, on_primary, on_replica = page(client, sent["Location"])
    check(status == 200 and text in html and on_replica > 0, "after the pin the replica does not serve the page")
    print(f"3. after the pin: {on_replica} queries on the replica; the message is there")

    # 4. The replica stopped: the pages keep working from the primary.
    # Step 3's page wrote (it marks the conversation read), so its answer pinned Mette to the primary again for
    # REPLICA_PIN_SECONDS; by step 5 that pin may or may not have passed. Drop it, as the browser will.
    client.cookies.pop(replicas.PIN_COOKIE, None)
    replica_dir = Path(os.environ["DRILL_REPLICA_DIR"])
    stop(replica_dir, "immediate")
    connections["replica"].close()
    status, html, on_primary, _on_replica = page(client, "/people/", replica_up=False)
    check(status == 200 and "Lucía" in html, f"/people/ answered {status} with the replica down")
    check(on_primary > 10, f"with the replica down the page read only {on_primary} queries from the primary")
    print(f"4. replica down: /people/ answered {status} from the primary ({on_primary} queries)")

    # 5. The replica back: after the retry interval the pages read from it again.
    start(replica_dir, "replica")
    time.sleep(1.2)
    caught_up()
    status, html, on_primary, on_replica = page(client, "/people/")
    check(status == 200 and on_replica > 0, "the replica is back but the pages do not read from it")
    print(f"5. replica back: {on_replica} queries on the replica again")


if __name__ == "__main__":
    if "--checks" in sys.argv:
        checks()
        sys.exit(0)
    sys.exit(main())
