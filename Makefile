# Spojka: `make run` serves the demo, `make test` runs the whole suite. Needs only python3, make, git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000
HOST ?= 127.0.0.1
LINT_PATHS := src tests $(wildcard bench)
LOCALES := $(wildcard src/spojka/locale/*/LC_MESSAGES/django.po)
CATALOGS := $(LOCALES:.po=.mo)

.PHONY: run test check lint format typecheck messages migrate demo clean
.DEFAULT_GOAL := run

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Installs only when the lock file changed since the last install (e.g. after a `git pull`).
$(VENV)/.installed-run: uv.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --no-dev --quiet
	@touch $@

$(VENV)/.installed-dev: uv.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --quiet
	@touch $@ $(VENV)/.installed-run

# Translations are compiled by Babel (a Python package), so no GNU gettext is needed.
src/spojka/locale/%/LC_MESSAGES/django.mo: src/spojka/locale/%/LC_MESSAGES/django.po | $(VENV)/.installed-run
	$(BIN)/pybabel compile --domain django -i $< -o $@

# The demo shows OpenStreetMap's tiles on the portal's map; MAP_TILE_URL= (empty) turns the map off.
MAP_TILE_URL ?= https://tile.openstreetmap.org/{z}/{x}/{y}.png

run: $(VENV)/.installed-run $(CATALOGS)
	DEBUG=$${DEBUG:-true} $(BIN)/python -m spojka migrate --no-input
	DEBUG=$${DEBUG:-true} $(BIN)/python -m spojka load_demo --if-empty
	@DEBUG=$${DEBUG:-true} $(BIN)/python -m spojka demo_accounts
	@echo "Spojka is at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	DEBUG=$${DEBUG:-true} MAP_TILE_URL='$(MAP_TILE_URL)' $(BIN)/python -m spojka runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev $(CATALOGS)
	$(BIN)/pytest $(PYTEST_ARGS)

check: lint typecheck

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

typecheck: $(VENV)/.installed-dev
	DEBUG=true $(BIN)/mypy

# For developers who change user-facing strings: needs GNU gettext's xgettext.
messages: $(VENV)/.installed-dev
	cd src/spojka && ../../$(BIN)/python -m spojka makemessages --no-obsolete --no-location -l cs -l uk -l en -l ro

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(CATALOGS)
