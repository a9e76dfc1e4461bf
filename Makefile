# How to run, test and deploy the RASSO case-journey tracker. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_CASES ?= 3000
DEMO_SEED ?= 2025
DEMO_HISTORY ?= 3000
DEMO_PORT ?= 8000

.PHONY: help install assets demo test check lint typecheck security pytest browser-deps bench-data bench backup restore clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-fund --no-audit

static/dist/css/govuk-frontend.min.css: node_modules/.package-lock.json frontend/build.mjs
	npm run --silent build

install: $(VENV)/.installed assets  ## Install Python and npm dependencies into .venv and node_modules, build assets

assets: static/dist/css/govuk-frontend.min.css  ## Build the GOV.UK and MOJ Frontend assets from npm

demo: install  ## Install, migrate, load demo data and run web, worker and beat on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --cases $(DEMO_CASES) --seed $(DEMO_SEED) --history $(DEMO_HISTORY)
	PY=$(PY) PORT=$(DEMO_PORT) bin/run-demo

browser-deps:  ## Make sure Debian's Chromium is present for the browser tests (installs it when run as root)
	@command -v chromium >/dev/null || [ -n "$$CHROMIUM_PATH" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium package (or set CHROMIUM_PATH) for the browser tests"; exit 1; fi; }

lint: $(VENV)/.installed  ## ruff, and import-linter: the apps import only the layers below them (pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(VENV)/.installed  ## mypy with django-stubs
	$(VENV)/bin/mypy .

security: $(VENV)/.installed  ## bandit (fails on a high finding) and pip-audit (fails on a known-vulnerable pin)
	$(VENV)/bin/bandit -q -r . -x ./.venv,./node_modules,./tests,./var --severity-level high
	$(VENV)/bin/pip-audit --skip-editable --local --progress-spinner off

check: lint typecheck security  ## ruff, import-linter, mypy, bandit and pip-audit

pytest: install browser-deps  ## The test suite alone (pass ARGS=... to pytest)
	$(VENV)/bin/pytest $(ARGS)

test: install browser-deps check pytest  ## Install everything and run the whole test suite with ruff and mypy

bench-data: install  ## A national caseload (BENCH_CASES, default 1,000,000) in the benchmarks' PostgreSQL (DATABASE_URL, or var/bench-services)
	PY=$(PY) bin/bench-data

bench: install  ## Load test, sweepers and scorecard on the bench-data database; BENCH_USERS, BENCH_SECONDS, BENCH_PLANS, BENCH_DUE
	PY=$(PY) bin/bench

backup: $(VENV)/.installed  ## Back up the database (DATABASE_URL's, or the SQLite file) to var/backups/, or to BACKUP=file
	$(PY) manage.py backup_database $${BACKUP:-var/backups/rasso-$$(date +%Y%m%d-%H%M%S).backup}

restore: $(VENV)/.installed  ## Replace the whole database with BACKUP=file (stop web, worker and beat first)
	@[ -n "$(BACKUP)" ] || { echo "Say which backup: make restore BACKUP=var/backups/…"; exit 1; }
	$(PY) manage.py restore_database "$(BACKUP)" --yes

clean:  ## Remove the virtual environment, npm packages, built assets and local data
	rm -rf $(VENV) node_modules static/dist var
