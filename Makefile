# Data Academy — `make run` to try it, `make test` to check it. `make help` lists everything.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist); each test module runs whole in one of them.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.venv/bin/python:
	python3.11 -m venv .venv || python3 -m venv .venv
	$(PIP) install --quiet --upgrade pip

.venv/.installed-run: .venv/bin/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt .
	@touch $@

.venv/.installed-test: .venv/.installed-run
	$(PIP) install --quiet -c constraints.txt ".[test]"
	@touch $@

install: .venv/.installed-run ## Create .venv and install the pinned dependencies

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json .venv/.installed-run ## Install GOV.UK Frontend from npm and prepare it to be served
	$(MANAGE) vendor_frontend

migrate: .venv/.installed-run ## Apply database migrations (SQLite unless DATABASE_URL is set)
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo: migrate ## Load the demo content and demo users (idempotent)
	$(MANAGE) load_demo_content

lab: .venv/.installed-run ## Build the in-browser Python lab into var/lab (downloads cached in var/lab-cache)
	$(MANAGE) build_jupyterlite

run: install assets demo lab ## Set everything up and serve on http://127.0.0.1:8000
	@echo "Serving on http://$(HOST):$(PORT)/ — demo users are listed above and in README.md"
	$(MANAGE) runserver $(HOST):$(PORT)

test: .venv/.installed-test assets lab ## Install test dependencies and run the whole suite (TEST_WORKERS=1 for one process)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: .venv/.installed-test ## ruff lint and format check, Django checks, migrations up to date
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

bench: .venv/.installed-run ## Seed a council-sized site into its own database; print time, queries, req/s per page
	$(PY) bench/harness.py $(BENCH_ARGS)

wheels: ## Rebuild the lab's numpy/pandas/markupsafe wheels for Pyodide (as root; 20-60 min; WHEELS_ARGS=--force redoes all)
	bash jupyterlite/wheels/build.sh $(WHEELS_ARGS)

clean: ## Remove the virtualenv, node_modules and built files (keeps db.sqlite3)
	rm -rf .venv node_modules var/frontend var/static var/lab var/lab-cache

.PHONY: help install assets migrate demo lab run test lint bench wheels clean
