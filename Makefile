# Two front doors: `make run` (the app on SQLite with demo data) and `make test`.
# Every step is a file target, so a second run skips what is already done.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SCSS := $(shell find static/scss -name '*.scss')

.PHONY: run test setup lint serve-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/build/app.css: node_modules/.package-lock.json $(SCSS) bin/copy-assets.mjs
	npm run --silent build

setup: $(VENV)/.runtime static/build/app.css

run: setup
	DEBUG=true $(MANAGE) migrate --no-input
	DEBUG=true $(MANAGE) load_demo
	DEBUG=true $(MANAGE) runserver 127.0.0.1:8000

test: $(VENV)/.test static/build/app.css
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	DEBUG=true $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
