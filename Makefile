# How to run, test and deploy the RASSO case-journey tracker. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_CASES ?= 3000
DEMO_SEED ?= 2025
DEMO_HISTORY ?= 3000
DEMO_PORT ?= 8000

.PHONY: help install lock assets demo test check lint typecheck security pytest browser-deps bench-data bench backup restore clean messages

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# One virtual environment, filled from the lock (requirements/, `make lock`) with hashes checked: the demo and the
# backups need the runtime lock only, the checks and tests the test lock, the benchmarks the bench lock. The locks agree
# on every package they share, so installing one over another changes nothing already installed.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/pip.txt

$(VENV)/.installed-%: requirements/%.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r $<
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

LOCK := $(VENV)/bin/uv pip compile pyproject.toml --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"

lock: | $(VENV)/.installed-test  ## Lock pyproject.toml's dependencies with their hashes into requirements/ (uv); keeps pins that still fit
	$(LOCK) --output-file requirements/runtime.txt
	$(LOCK) --extra test --constraints requirements/runtime.txt --output-file requirements/test.txt
	$(LOCK) --extra bench --constraints requirements/test.txt --output-file requirements/bench.txt

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-fund --no-audit

static/dist/css/govuk-frontend.min.css: node_modules/.package-lock.json frontend/build.mjs
	npm run --silent build

install: $(VENV)/.installed-test assets  ## Install the locked Python (test lock) and npm dependencies, build assets

assets: static/dist/css/govuk-frontend.min.css  ## Build the GOV.UK and MOJ Frontend assets from npm

demo: $(VENV)/.installed-runtime assets  ## Install, migrate, load demo data and run web, worker and beat on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --cases $(DEMO_CASES) --seed $(DEMO_SEED) --history $(DEMO_HISTORY)
	PY=$(PY) PORT=$(DEMO_PORT) bin/run-demo

# Welsh (locale/cy): gather the words of the translated pages, the complainant's own view and the pages a victim
# liaison officer uses (web.catalogue.SOURCES only; GNU gettext's xgettext and msgmerge, as makemessages needs), then
# compile the .mo with polib. Translate the new entries in
# locale/cy/LC_MESSAGES/django.po, run `$(PY) manage.py compile_welsh` (no gettext needed) and commit both files.
messages: $(VENV)/.installed-test  ## Gather the translated pages' words into the Welsh catalogue (needs GNU gettext) and compile it
	$(PY) manage.py welsh_messages

browser-deps:  ## Make sure Debian's Chromium is present for the browser tests (installs it when run as root)
	@command -v chromium >/dev/null || [ -n "$$CHROMIUM_PATH" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium package (or set CHROMIUM_PATH) for the browser tests"; exit 1; fi; }

lint: $(VENV)/.installed-test  ## ruff, and import-linter: the apps import only the layers below them (pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(VENV)/.installed-test  ## mypy with django-stubs
	$(VENV)/bin/mypy .

security: $(VENV)/.installed-test  ## bandit (fails on a high finding) and pip-audit of the locks (fails on a known-vulnerable pin)
	$(VENV)/bin/bandit -q -r . -x ./.venv,./node_modules,./tests,./var --severity-level high
	$(VENV)/bin/pip-audit --requirement requirements/test.txt --requirement requirements/bench.txt --disable-pip \
	  --progress-spinner off

check: lint typecheck security  ## ruff, import-linter, mypy, bandit and pip-audit

pytest: install browser-deps  ## The test suite alone (pass ARGS=... to pytest)
	$(VENV)/bin/pytest $(ARGS)

test: install browser-deps check pytest  ## Install everything and run the whole test suite with ruff and mypy

bench-data: $(VENV)/.installed-bench  ## A national caseload (BENCH_CASES, default 1,000,000) in the benchmarks' PostgreSQL (DATABASE_URL, or var/bench-services)
	PY=$(PY) bin/bench-data

bench: $(VENV)/.installed-bench assets  ## Load test, sweepers and scorecard on the bench-data database; BENCH_USERS, BENCH_SECONDS, BENCH_PLANS, BENCH_DUE
	PY=$(PY) bin/bench

backup: $(VENV)/.installed-runtime  ## Back up the database (DATABASE_URL's, or the SQLite file) to var/backups/, or to BACKUP=file
	$(PY) manage.py backup_database $${BACKUP:-var/backups/rasso-$$(date +%Y%m%d-%H%M%S).backup}

restore: $(VENV)/.installed-runtime  ## Replace the whole database with BACKUP=file (stop web, worker and beat first)
	@[ -n "$(BACKUP)" ] || { echo "Say which backup: make restore BACKUP=var/backups/…"; exit 1; }
	$(PY) manage.py restore_database "$(BACKUP)" --yes

clean:  ## Remove the virtual environment, npm packages, built assets and local data
	rm -rf $(VENV) node_modules static/dist var
