# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Targets are incremental: a venv or node_modules that matches its lock file is not reinstalled.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help

VENV        := .venv
BIN         := $(VENV)/bin
PY          := $(BIN)/python
SITE_DIR    := site
HOST        ?= 127.0.0.1
PORT        ?= 8000
# Pages serves https://ORG.github.io/REPO/; tests serve the build under this subpath too.
SITE_URL    ?= http://$(HOST):$(PORT)/

# A Python >= 3.12 on this machine: python3.13, python3.12, then python3; pyenv installs count even
# when the global pyenv version is older (its shims then refuse to run them).
PYTHON_CANDIDATES := python3.13 python3.12 python3 \
  $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) \
  $(wildcard /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9])
FIND_PYTHON = for c in $(PYTHON_CANDIDATES); do \
    if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v "$$c" || echo "$$c"; exit 0; fi; \
  done; exit 1

.PHONY: help setup serve build test test-engine test-build test-browser lint bench fixtures clean distclean seed-fingerprints

help:
	@echo "make serve   build both languages and serve them with live reload on http://$(HOST):$(PORT)/"
	@echo "make test    every test: engine, build, browser (installs what is missing first)"
	@echo "make build   build the site into $(SITE_DIR)/ (strict)"
	@echo "make lint    ruff, mypy --strict, tsc (JSDoc types) and prettier"
	@echo "make bench   performance benchmark in headless Chromium"
	@echo "make fixtures  regenerate the test fixtures derived from the model (after changing the model YAML)"
	@echo "make clean   remove build output (keeps .venv and node_modules)"
	@echo "make seed-fingerprints SEEDS=folder   re-hash the source articles for the originality test"

$(VENV)/.installed: pyproject.toml
	@py=$$($(FIND_PYTHON)) || { \
	  echo "error: Python >= 3.12 is required and none was found (tried: $(PYTHON_CANDIDATES))." >&2; \
	  echo "       Install one (e.g. 'apt-get install python3.12 python3.12-venv', or 'pyenv install 3.12')." >&2; \
	  exit 1; }; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(PY) ] || "$$py" -m venv $(VENV) || { echo "error: '$$py -m venv' failed: install the venv module (python3.12-venv)." >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[site,test,xlsx]"
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm is required (Node.js >= 18 with npm) to install the pinned Pyodide runtime." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.package-lock.json

build: setup
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

serve: setup
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs serve --strict --livereload --dev-addr $(HOST):$(PORT)

# Python: ruff (lint and format) and mypy --strict (settings in pyproject.toml).
# JS: tsc checks the JSDoc types of every script (`// @ts-check`), the build's Node script included,
# prettier checks their format (`npx prettier --write "overrides/**/*.js"` fixes it).
JS_FILES := "overrides/**/*.js" "macros/*.mjs"
LINT = $(BIN)/ruff check assessments macros tests && \
  $(BIN)/ruff format --check assessments macros tests && \
  $(BIN)/mypy && \
  node_modules/.bin/tsc -p tsconfig.json && \
  node_modules/.bin/tsc -p tsconfig.worker.json && \
  node_modules/.bin/tsc -p tsconfig.node.json && \
  node_modules/.bin/prettier --check $(JS_FILES)

lint: setup
	$(LINT)

test-engine: setup
	$(BIN)/pytest tests/engine -q

test-build: build
	$(BIN)/pytest tests/build -q

test-browser: build
	$(BIN)/pytest tests/browser -q

# Lint first, then one pytest run for every layer (the build and browser layers share one strict
# build of the site under a subpath, made once per run: see tests/sitebuild.py). Two workers
# (pytest-xdist), one per core: the browser layer spends most of its time starting Python in
# Chromium, which a second core halves. "worksteal": a worker that runs out of tests takes half of
# the other's queue; with "load", one worker was once left with 111 browser tests queued while the
# other had finished (14 min instead of 9).
TEST_WORKERS ?= 2
test: setup
	$(LINT)
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal

# The originality test compares our texts with hashes of the source articles, never the articles:
# run this when the articles change, and commit tests/fixtures/seed-fingerprints.json.
SEEDS ?= ../shared/seeds
seed-fingerprints: setup
	$(PY) -m tests.originality $(SEEDS)

bench: setup
	$(PY) -m tests.benchmark

# After any change to assessments/models/*.yml (a new version, a question, an option): rewrite the
# fixtures derived from the model. The frozen fixtures of older versions (tests/engine/fixtures/legacy/)
# are never rewritten.
fixtures: setup
	$(PY) -m tests.engine.fixtures.generate
	$(PY) -m tests.fixtures.surveys.generate

clean:
	rm -rf $(SITE_DIR) build .pytest_cache .ruff_cache .hypothesis *.egg-info

distclean: clean
	rm -rf $(VENV) node_modules
