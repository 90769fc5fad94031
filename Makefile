# The README's commands. `make run` serves the platform; `make test` lints (ruff) and runs
# the whole suite, as CI does (.ci/run).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app jobfair
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
CATALOGS := jobfair/translations
PG_TESTS ?= tests
# Tests run in parallel processes, each with its own database (and its own PostgreSQL cluster).
TEST_WORKERS ?= 2

.PHONY: run test test-sqlite test-postgres install install-dev system-packages \
        translations extract-messages update-messages review-status lint format bench evaluate \
        load-test clean

run: install translations
	$(FLASK) db upgrade
	BIND=$(HOST):$(PORT) $(FLASK) seed-demo --if-empty
	BIN=$(BIN) BIND=$(HOST):$(PORT) WEB_CONCURRENCY=$(WORKERS) ./scripts/serve

test: lint system-packages translations
	$(BIN)/python -m pytest -n $(TEST_WORKERS)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --db=postgres $(PG_TESTS)

test-sqlite: install-dev translations
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

test-postgres: install-dev system-packages translations
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --db=postgres $(PG_TESTS)

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

system-packages:
	./scripts/install-system-packages
	./scripts/install-node-packages

# Compiled catalogs (.mo) are build output: made here, never committed.
translations: install
	$(BIN)/pybabel compile --statistics -d $(CATALOGS)

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 --no-location \
	    --sort-output -o $(CATALOGS)/messages.pot .

update-messages: extract-messages
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --no-fuzzy-matching
	$(FLASK) review-status --update-readme

# How much of the Khmer and Japanese text native speakers have reviewed (docs/operating.md).
review-status: install
	$(FLASK) review-status --update-readme

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	$(BIN)/python bench/bench_matching.py
	$(BIN)/python bench/bench_shortlist.py
	$(BIN)/python bench/bench_job_search.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_recruiters.py
	$(BIN)/python bench/bench_checkin.py
	$(BIN)/python bench/bench_cv_photos.py
	$(BIN)/python bench/bench_partners.py

# Matching quality: every evaluation set, the matcher against three baselines; fails when a
# baseline beats the matcher on any set (the JobBERT-derived sets need ../shared/data).
DATA_DIR ?= ../shared/data
evaluate: install
	$(BIN)/python -m matching.evaluate --data-dir $(DATA_DIR) --check

# The national-fair load test (docs/benchmarks.md): SCALE=small takes a few minutes,
# SCALE=full is 150 exhibitors, 3,000 roles, 50,000 candidates and 200 clients.
SCALE ?= small
load-test: install-dev system-packages translations
	$(BIN)/python bench/load_test.py --scale $(SCALE)

clean:
	rm -rf $(VENV) test-artifacts
