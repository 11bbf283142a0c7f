# supple: `make run` to use it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
SUPPLE_DATA_DIR ?= $(CURDIR)/data
export SUPPLE_DATA_DIR

BIN := $(VENV)/bin
PIP := $(BIN)/pip install -q --disable-pip-version-check -c requirements/constraints.txt

.PHONY: run install test test-deps lint test-sqlite test-postgres bench loadtest screenshots clean

$(BIN)/supple: pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	@touch $@

install: $(BIN)/supple

run: install
	$(BIN)/supple migrate --noinput -v 0
	$(BIN)/supple library check
	$(BIN)/supple collectstatic --noinput -v 0
	$(BIN)/supple serve --port $(PORT)

$(VENV)/.test-deps: $(BIN)/supple pyproject.toml requirements/constraints.txt package-lock.json
	$(PIP) -e '.[test]'
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-deps: $(VENV)/.test-deps
	scripts/install-system-deps

lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Tests marked `postgres` need a real PostgreSQL server and run in the second pass only.
test-sqlite: test-deps
	$(BIN)/pytest -q -p no:cacheprovider -n 2 -m "not postgres"

test-postgres: test-deps
	scripts/with-postgres $(BIN)/pytest -q -p no:cacheprovider -n 2

test: lint test-sqlite test-postgres

bench: test-deps
	$(BIN)/python bench/library_bench.py
	$(BIN)/python bench/library_pages_bench.py
	$(BIN)/python bench/plan_bench.py
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/reminders_bench.py

# Many people at once through `supple serve`, on SQLite then PostgreSQL (bench/loadtest.py).
# About 10 minutes; LOADTEST_USERS (50) and LOADTEST_SECONDS (120 per phase) shorten it.
loadtest: test-deps
	$(BIN)/python bench/loadtest.py

screenshots: test-deps
	SUPPLE_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q -p no:cacheprovider -m browser

clean:
	rm -rf $(VENV) build *.egg-info
