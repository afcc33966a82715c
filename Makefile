# Comenius — the two commands are `make run` and `make test`; everything else is for developers and CI.
SHELL  := /bin/bash
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/1
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/comenius_bench
SMOKE_URL ?= postgres://postgres@127.0.0.1:5432/comenius_smoke
# The suite runs in one process per core (pytest-xdist); TEST_WORKERS=0 runs it in this process alone.
TEST_WORKERS ?= auto

.PHONY: upgrade check-lock run test test-postgres test-browser lint messages check-messages check-deploy bench prod-up prod-down prod-smoke replica-drill clean

# Installs come from uv.lock (exact versions with hashes); pyproject.toml keeps the ranges. uv itself is pinned
# with hashes in requirements/uv.txt and lives beside the environment, so syncing never removes it.
UV     := $(VENV)/uv/bin/uv
UV_ENV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Comenius needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)

$(UV): requirements/uv.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		--target $(VENV)/uv -r requirements/uv.txt

$(VENV)/.installed: pyproject.toml uv.lock $(UV)
	$(UV_ENV) $(UV) sync --quiet --locked --extra dev --python $(BIN)/python
	@rm -f $(VENV)/.installed-browser
	@touch $@

$(VENV)/.installed-browser: pyproject.toml uv.lock $(VENV)/.installed
	$(UV_ENV) $(UV) sync --quiet --locked --extra dev --extra browser --python $(BIN)/python
	@touch $@

## Refresh uv.lock to the newest versions pyproject.toml allows, install them and run the whole suite.
upgrade: $(UV)
	$(UV_ENV) $(UV) lock --upgrade
	@rm -f $(VENV)/.installed $(VENV)/.installed-browser
	$(MAKE) test

## The lock matches pyproject.toml, and the environment holds exactly the locked versions.
check-lock: $(VENV)/.installed
	$(UV_ENV) $(UV) lock --check
	$(UV_ENV) $(UV) export --frozen --no-hashes --no-emit-project --extra dev $(if $(wildcard $(VENV)/.installed-browser),--extra browser) \
		| $(BIN)/python .ci/compare_lock.py <($(UV_ENV) $(UV) pip freeze --python $(BIN)/python)

## The platform with demo data on the embedded default (SQLite, e-mail as files in var/mail/), and beside it the
## background worker (queued tasks and the periodic ones: no cron); stopping the server stops the worker.
## DEBUG is off (the product's own error pages; static files collected, hashed and served by the app itself):
## `make run DEBUG=true` shows Django's debug pages.
run: $(VENV)/.installed
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## The whole suite on the embedded default (SQLite).
test: $(VENV)/.installed
	$(BIN)/pytest -q -n $(TEST_WORKERS)

## The same suite on PostgreSQL (and Redis as the cache).
test-postgres: $(VENV)/.installed
	DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest -q -n $(TEST_WORKERS)

## Real browser (Debian's Chromium) journeys with axe-core accessibility checks.
test-browser: $(VENV)/.installed-browser
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q browser_tests

## Style, types and the layers contract (pyproject.toml: each app imports only the apps below it).
lint: $(VENV)/.installed
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy comenius

## Production settings must pass Django's deployment checks.
check-deploy: $(VENV)/.installed
	COMENIUS_MODE=production DEBUG=false ALLOWED_HOSTS=comenius.example.org \
	SECRET_KEY=ci-only-$$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

## Reference-scale data (1.2 M members, 160 k projects) on PostgreSQL, then p50/p95 server times into docs/performance.md.
bench: $(VENV)/.installed
	$(BIN)/python -c "import psycopg, sys; from urllib.parse import urlparse; u = urlparse(sys.argv[1]); \
	c = psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', autocommit=True); \
	c.execute('SELECT 1 FROM pg_database WHERE datname = %s', [u.path[1:]]).fetchone() or c.execute('CREATE DATABASE ' + u.path[1:])" $(BENCH_URL)
	DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py generate_scale_data --if-empty
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0  # the bench runs with DEBUG off: hashed names
	DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py bench --write docs/performance.md
	DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py bench_digest --write docs/performance.md

## The production layout on this machine (deploy/): nginx with TLS on https://localhost:8443/ (8480 redirects), gunicorn
## with uvicorn workers, daphne for the chat's WebSockets, the task worker; PostgreSQL database comenius_prod
## (created and loaded with the demo data when empty) and Redis database 12. Production settings; logs in var/prod/.
prod-up: $(VENV)/.installed
	$(BIN)/python deploy/stack.py up

prod-down:
	$(BIN)/python deploy/stack.py down

## Smoke journey through nginx (log-in, pages, static files, chat over WebSocket) on a stack of its own, started
## and stopped around it (database comenius_smoke with only the test cast).
prod-smoke: $(VENV)/.installed
	PROD_DATABASE_URL=$(SMOKE_URL) PROD_DEMO_DATA=cast $(BIN)/python deploy/smoke.py

## A primary and a streaming replica of its own (temporary clusters): pages read from the replica, a write pins
## the member to the primary, the replica down leaves the pages on the primary (core/replicas.py).
replica-drill: $(VENV)/.installed
	$(BIN)/python deploy/replica_drill.py

## The catalogs hold exactly the sources' messages and msgfmt -c is clean (CI; completeness is a test).
check-messages: $(VENV)/.installed
	$(BIN)/python .ci/check_messages.py

## Regenerate every translation catalog in comenius/locale (needs GNU gettext) and compile them.
messages: $(VENV)/.installed
	cd comenius && ../$(BIN)/python ../manage.py makemessages --all --no-obsolete --no-location
	# Django's and allauth's messages that our pages show come filled from their own catalogs where they have them.
	$(BIN)/python manage.py third_party_messages --fill
	# English is the source language: every msgstr is its msgid (fuzzy guesses are dropped first).
	msgattrib --clear-fuzzy --empty -o comenius/locale/en/LC_MESSAGES/django.po comenius/locale/en/LC_MESSAGES/django.po
	msgen -o comenius/locale/en/LC_MESSAGES/django.po comenius/locale/en/LC_MESSAGES/django.po
	cd comenius && ../$(BIN)/python ../manage.py compilemessages

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
