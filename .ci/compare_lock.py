"""Compare the installed environment with the lock: `uv export` on standard input, `uv pip freeze` in a file.

Fails (exit 1) on a locked package that is missing or at another version, and on an installed package the
lock does not name, so what CI tested is exactly what `make run` installs for a user.
"""

from __future__ import annotations

import re
import sys

from packaging.markers import Marker
from packaging.utils import canonicalize_name

# What `python -m venv` seeds into every environment: the installer's own tools, not the application's.
VENV_SEED = {"pip", "setuptools", "wheel"}
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)\s*(?:;\s*(.+))?$")


def pins(lines: list[str], *, with_markers: bool) -> dict[str, str]:
    found: dict[str, str] = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", "-e", "--")):
            continue
        match = PIN.match(line)
        if not match:
            continue
        name, version, marker = match.groups()
        if with_markers and marker and not Marker(marker).evaluate():
            continue  # locked for another platform or Python
        found[canonicalize_name(name)] = version
    return found


def main() -> int:
    locked = pins(sys.stdin.read().splitlines(), with_markers=True)
    with open(sys.argv[1]) as freeze:
        installed = pins(freeze.read().splitlines(), with_markers=False)
    problems = [
        f"{name}: locked {version}, installed {installed.get(name, 'nothing')}"
        for name, version in sorted(locked.items())
        if installed.get(name) != version
    ]
    problems += [
        f"{name}: installed {version}, not in the lock"
        for name, version in sorted(installed.items())
        if name not in locked and name not in VENV_SEED
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"The environment holds exactly the {len(locked)} locked packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
