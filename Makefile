# The two commands in the README: `make serve` and `make test`. Both install what they need first.
# Another Python: `make build PYTHON=python3.12` (3.11.5 or later: scripts/system-packages checks it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# The Pages workflow sets NPM_CI_FLAGS=--omit=dev: a build needs only package.json's dependencies, not
# the test and benchmark tools (on a machine installed so, remove .venv/.installed before `make test`).
NPM_CI_FLAGS ?=

.PHONY: install system-build system-test serve build test lint format clean

install: $(VENV)/.installed

# System packages (scripts/system-packages holds the one list): checked on every run, installed when missing.
system-build:
	@PYTHON=$(PYTHON) scripts/system-packages build

system-test:
	@PYTHON=$(PYTHON) scripts/system-packages test

$(VENV)/.installed: requirements.txt package-lock.json | system-build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	npm ci --no-audit --no-fund --loglevel=error $(NPM_CI_FLAGS)
	touch $@

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict --site-dir site

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The tests build the site themselves, once (tests/conftest.py), under a subpath and strictly.
test: system-test lint
	$(BIN)/python -m checks validate
	$(BIN)/pytest -n 2 --dist loadscope

clean:
	rm -rf site build dist *.egg-info .cache
