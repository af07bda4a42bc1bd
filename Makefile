# The two commands of the README: `make serve` and `make test`. Both set up what they need and
# skip what is already there, so a second run starts in seconds.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
WHEELS := .cache/pyodide-wheels
WHEELS_STAMP := $(WHEELS)/.installed
PYODIDE_RULES := .cache/pyodide-tests/rules.json
PYODIDE_SCENARIOS := .cache/pyodide-tests/scenarios.json
PYODIDE_BODIES := .cache/pyodide-tests/bodies.json
LH_STAMP := tools/lighthouse/node_modules/.installed
MUTMUT_STAMP := $(VENV)/.mutmut-installed

.PHONY: help setup serve build test lint types unit unit-coverage test-pyodide stdlib-list e2e bench lighthouse mutation freshness goldens clean

help:
	@echo "make serve   set up, build and serve the site at http://$(HOST):$(PORT)/ (live reload)"
	@echo "make test    set up and run every check: lint, types, unit, Pyodide and browser tests"
	@echo "make build   write the static site to site/"
	@echo "make bench   measure the calculator against bare stock Pyodide and the site's own Pyodide (writes bench/results.json)"
	@echo "make lighthouse  Lighthouse on every page, mobile and desktop (bench/lighthouse.json)"
	@echo "make mutation    mutation testing of calc/ with mutmut (slow; last line: the score)"
	@echo "make freshness   look for every rule's quote in its source's page (network; a Markdown report)"
	@echo "make goldens     after a rule change: regenerate what follows from the rules, show the diff"
	@echo "make stdlib-list after calc imports a new standard-library module: list it for the page"

$(PY_STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

# --ignore-scripts: the one install script (vnu-jar's) would fetch a Java runtime from GitHub;
# Java comes from Debian instead (scripts/ensure_java.sh).
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# pytest and its pure-Python dependencies, as wheels for the Pyodide test run (from PyPI).
$(WHEELS_STAMP): tests/pyodide/requirements.txt $(PY_STAMP)
	@rm -rf $(WHEELS) && mkdir -p $(WHEELS)
	$(BIN)/python -m pip download --disable-pip-version-check -q --no-deps --only-binary=:all: \
	  --python-version 3.14 --implementation py --abi none --platform any \
	  -d $(WHEELS) -r tests/pyodide/requirements.txt
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP)

build: setup
	$(BIN)/mkdocs build --strict

serve: setup
	$(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

# JavaScript too: Biome lints and checks formatting; TypeScript type-checks the page's modules
# and the worker (JSDoc types, `// @ts-check`; nothing is compiled).
lint: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/biome ci --error-on-warnings .
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.worker.json
	node scripts/lint_workflows.mjs .github/workflows/*.yml

types: $(PY_STAMP)
	$(BIN)/mypy --strict calc scripts bench

unit: setup
	@scripts/ensure_java.sh
	$(BIN)/python -m pytest tests --ignore=tests/e2e

test-pyodide: setup $(WHEELS_STAMP)
	@mkdir -p $(dir $(PYODIDE_RULES))
	$(BIN)/python -m calc rules bundle -o $(PYODIDE_RULES)
	$(BIN)/python -m tests.scenarios.load --json $(PYODIDE_SCENARIOS) --bodies $(PYODIDE_BODIES)
	CEC_RULES_BUNDLE=$(CURDIR)/$(PYODIDE_RULES) CEC_SCENARIOS_JSON=$(CURDIR)/$(PYODIDE_SCENARIOS) \
	CEC_BODIES_JSON=$(CURDIR)/$(PYODIDE_BODIES) \
	  node tests/pyodide/run.mjs $(WHEELS) -q tests/unit tests/scenarios tests/hostile/test_imports.py \
	    tests/hostile/test_backups.py tests/property/test_incremental.py

# After calc imports a new module of the standard library: list it for the page's zip (the
# Pyodide run above fails until then).
stdlib-list:
	@CEC_STDLIB_UPDATE=1 $(MAKE) --no-print-directory test-pyodide

e2e: setup
	@scripts/ensure_chromium.sh $(BIN)/python
	@scripts/ensure_engines.sh
	$(BIN)/python -m pytest tests/e2e

# The tests without a browser (with calc's coverage) and the same tests inside Pyodide run side by
# side: each keeps one core busy. Then the browser tests, which need both cores.
test: setup $(WHEELS_STAMP)
	@scripts/ensure_chromium.sh $(BIN)/python
	@scripts/ensure_engines.sh
	@scripts/ensure_java.sh
	$(MAKE) --no-print-directory lint types
	$(MAKE) --no-print-directory -j2 --output-sync=target unit-coverage test-pyodide
	$(BIN)/python -m pytest tests/e2e

unit-coverage: setup
	$(BIN)/python -m pytest --cov=calc tests --ignore=tests/e2e

# Do the sources still say what the rules quote? Fetches every source page (see
# scripts/freshness.py; FRESHNESS_ARGS="--pages DIR" reads saved copies instead). Exit 1: a quote
# is missing or a page is gone.
freshness: $(PY_STAMP)
	$(BIN)/python -m scripts.freshness $(FRESHNESS_ARGS)

# After a rule change (docs/maintainers.md): regenerate what legitimately follows from the live
# rules (the pages' golden copies, the retired-rules answers) and show what changed, to review
# before committing. The machinery's own tests use fixture rules and need no regenerating.
goldens: $(PY_STAMP)
	$(BIN)/python -m tests.docs.golden --update >/dev/null
	$(BIN)/python -m tests.unit.test_retired_rules --update
	$(BIN)/python -m tests.scenarios.fees --update
	@git --no-pager diff --stat -- tests/docs/golden tests/unit/golden tests/scenarios || true

# Benchmarks, not tests: figures for the Performance page (docs), on this machine.
bench: setup
	@scripts/ensure_chromium.sh $(BIN)/python
	$(BIN)/python -m bench.run

$(LH_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: setup $(LH_STAMP)
	@scripts/ensure_chromium.sh $(BIN)/python
	$(BIN)/python -m bench.lighthouse

# Mutation testing, not part of `make test` (it takes long): see scripts/mutation.py.
# mutmut is installed on its own, against the pins in requirements.txt.
$(MUTMUT_STAMP): $(PY_STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check -q -c requirements.txt mutmut==3.8.1
	@touch $@

# MODULES="calc.engine calc.status": only those modules, afresh (minutes, not an hour).
mutation: $(MUTMUT_STAMP)
	$(BIN)/python -m scripts.mutation $(if $(MODULES),--modules $(MODULES)) $(MUTATION_ARGS)

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov mutants
