# kwportal — two commands: `make run` and `make test`. Nothing to install by hand.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PORT ?= 3000
export PATH := $(BIN):$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run run-prod test lint audit audit-or-warn unit integration e2e chromium migrate seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@mkdir -p data
	KWPORTAL_DEMO=1 $(BIN)/kwportal migrate
	KWPORTAL_DEMO=1 $(BIN)/kwportal seed --demo --if-empty
	@echo ""
	@echo "  kwportal (demo data, SQLite data/kwportal.db) starts at http://localhost:$(PORT)"
	@echo "  Demo accounts: README.md, or: KWPORTAL_DEMO=1 $(VENV)/bin/kwportal demo-accounts"
	@echo "  Mail goes out through the task queue's worker (kwportal jobs worker), started beside it"
	@echo ""
	KWPORTAL_DEMO=1 $(BIN)/kwportal jobs worker --stop-with-parent & worker=$$!; \
	trap 'kill -0 $$worker 2>/dev/null && kill -INT $$worker; wait $$worker' EXIT; \
	KWPORTAL_DEMO=1 KWPORTAL_PORT=$(PORT) $(BIN)/reflex run --env prod --single-port \
		--frontend-port $(PORT) --backend-port $(PORT)

# The production topology (issue 19, docs/deploy.md): PostgreSQL and Redis from
# KWPORTAL_DATABASE_URL / KWPORTAL_REDIS_URL (defaults: this machine's), WORKERS backend
# processes (granian) sharing the tab state in Redis, the task queue on Redis with its worker
# beside them. Migrates once, before any worker starts; no demo data unless KWPORTAL_DEMO=1.
# kwportal.serve is `reflex run` with granian respawning a worker that died.
# Outside demo mode the secrets must be set: KWPORTAL_SECRET_KEY, KWPORTAL_SIGNING_KEY and
# KWPORTAL_TOTP_KEY (the first command stops naming the missing one).
# BIND: the address the port listens on (loopback: a reverse proxy on this machine).
WORKERS ?= 2
BIND ?= 127.0.0.1
run-prod: export KWPORTAL_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/kwportal
run-prod: export KWPORTAL_REDIS_URL ?= redis://127.0.0.1:6379/1
run-prod: $(VENV)/.installed-run
	$(BIN)/kwportal migrate
	@case "$${KWPORTAL_DEMO,,}" in 1|true|yes|on) $(BIN)/kwportal seed --demo --if-empty;; esac
	@echo ""
	@echo "  kwportal (production topology) listens on $(BIND):$(PORT), public origin $${KWPORTAL_PUBLIC_ORIGIN:-http://localhost:$(PORT)}"
	@echo "  $(WORKERS) backend workers (WORKERS=N), on KWPORTAL_DATABASE_URL and KWPORTAL_REDIS_URL"
	@echo "  the task queue's worker (kwportal jobs worker) runs beside them, on the same Redis"
	@echo ""
	$(BIN)/kwportal jobs worker --stop-with-parent & worker=$$!; \
	trap 'kill -0 $$worker 2>/dev/null && kill -INT $$worker; wait $$worker' EXIT; \
	REFLEX_USE_GRANIAN=1 GRANIAN_WORKERS=$(WORKERS) KWPORTAL_PORT=$(PORT) $(BIN)/python -m \
		kwportal.serve run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT) \
		--backend-host $(BIND)

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; \
		exit 1; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kwportal

# known-vulnerable dependencies fail the build: pip-audit (constraints.txt) and npm audit
# (reflex.lock); an unreachable advisory service fails `make audit` and is reported loudly
# (without failing) by `make test`. Excused ids: .ci/audit-allow.txt
audit: $(VENV)/.installed-dev
	$(BIN)/python .ci/audit.py

audit-or-warn: $(VENV)/.installed-dev
	$(BIN)/python .ci/audit.py --unreachable-warns

unit: $(VENV)/.installed-dev
	$(BIN)/pytest -q -p no:cacheprovider -n 2 tests/unit tests/integration

e2e: $(VENV)/.installed-dev chromium
	$(BIN)/pytest -q -p no:cacheprovider -n 2 --dist loadfile tests/e2e

# unit and integration tests on both cores; the browser tests on two workers too, each
# building and serving its own portal (tests/e2e/harness.web_dir), a test file per worker,
# the longest files first (tests/e2e/schedule.py: its table of seconds per file)
test: $(VENV)/.installed-dev chromium lint audit-or-warn
	$(BIN)/pytest -p no:cacheprovider -n 2 tests/unit tests/integration
	$(BIN)/pytest -p no:cacheprovider -n 2 --dist loadfile tests/e2e

clean:
	rm -rf .web .states $(VENV)
