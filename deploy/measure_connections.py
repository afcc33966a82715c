"""Requests per second through gunicorn (uvicorn workers) with DATABASE_CONN_MAX_AGE=0 and =60: the figures
behind the default in settings.py (docs/performance.md, "Connections").

    PROD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/comenius_smoke PROD_DEMO_DATA=cast \
        .venv/bin/python deploy/measure_connections.py

For each setting it starts the local stack (deploy/stack.py), asks the app server directly (no nginx, keep-alive)
for /healthz (one query: the trivial view) and the front page, first with one client and then with four at once,
and stops the stack again.
"""

from __future__ import annotations

import http.client
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack

REQUESTS = int(os.environ.get("MEASURE_REQUESTS", "400"))
PATHS = ["/healthz", "/"]


def run(path: str, clients: int) -> tuple[float, float, float]:
    """(requests per second, p50 ms, p95 ms) for `clients` keep-alive clients sharing REQUESTS requests."""
    timings: list[float] = []
    lock = threading.Lock()

    def client(count: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", stack.PORTS.app, timeout=30)
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https"}
        for _request in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            with lock:
                timings.append(time.perf_counter() - started)
        connection.close()

    for _warm in range(20):
        client(1)
    timings.clear()
    threads = [threading.Thread(target=client, args=(REQUESTS // clients,)) for _client in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    timings.sort()
    return len(timings) / elapsed, statistics.median(timings) * 1000, timings[int(len(timings) * 0.95)] * 1000


def main() -> int:
    print(f"load average at the start: {os.getloadavg()[0]:.2f}; {REQUESTS} requests per row")
    print("| DATABASE_CONN_MAX_AGE | page | clients | req/s | p50 ms | p95 ms |")
    print("|---:|---|---:|---:|---:|---:|")
    for max_age in ("0", "60"):
        os.environ["DATABASE_CONN_MAX_AGE"] = max_age
        stack.up()
        try:
            for path in PATHS:
                for clients in (1, 4):
                    rate, p50, p95 = run(path, clients)
                    print(f"| {max_age} | `{path}` | {clients} | {rate:.0f} | {p50:.1f} | {p95:.1f} |", flush=True)
        finally:
            stack.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
