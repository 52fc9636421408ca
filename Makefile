# Two entry points (see README): `make demo` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= sqlite:///$(CURDIR)/var/demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-postgres install bench bench-ui bench-ui-ingest clean

$(BIN)/tidings: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask,archives]'
	@touch $@

install: $(BIN)/tidings

## Ingest the bundled sample corpus into var/demo.db and serve the web UI + API on 127.0.0.1:8000
demo: install
	$(BIN)/tidings ingest --db $(DEMO_DB) examples/corpus
	$(BIN)/tidings serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

## Run the test suite
test: install
	$(BIN)/python -m pytest -q

## The same suite on PostgreSQL: TIDINGS_TEST_DB=postgresql://user@host:port/db (a user that may
## create databases; `.ci/postgres.sh start` starts a throwaway cluster and prints such a URL)
test-postgres: install
	@test -n "$(TIDINGS_TEST_DB)" || (echo "set TIDINGS_TEST_DB=postgresql://..." && exit 2)
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	TIDINGS_TEST_DB=$(TIDINGS_TEST_DB) $(BIN)/python -m pytest -q

## Run the benchmarks whose figures are in docs/benchmarks.md
bench: install
	$(BIN)/python bench/bench_stories.py
	$(BIN)/python bench/bench_throughput.py --n 300
	$(BIN)/python bench/bench_throughput.py --n 12000 --embedder hashing
	$(BIN)/python bench/bench_latency.py --n 10000
	$(BIN)/python bench/bench_entities.py
	$(BIN)/python bench/bench_ner.py
	$(BIN)/python bench/bench_mentions.py
	$(BIN)/python bench/bench_names.py
	$(BIN)/python bench/bench_watch.py

clean:
	rm -rf $(VENV) var .pytest_cache

## The web UI under load (figures in docs/benchmarks.md, "Web UI (issue 7)")
bench-ui: install
	test -e var/ui-100k.db || $(BIN)/python bench/fill_sql.py var/ui-100k.db --n 100000
	$(BIN)/python bench/bench_load.py --db var/ui-100k.db --clients 50 --duration 60

## The same load while an ingest writes to the store (figures in docs/benchmarks.md, "Reliability")
bench-ui-ingest: install
	test -e var/ui-100k-hashing.db || $(BIN)/python bench/fill_sql.py var/ui-100k-hashing.db --n 100000 --embedder hashing
	$(BIN)/python bench/bench_load.py --db var/ui-100k-hashing.db --clients 50 --duration 60 --no-browser
	$(BIN)/python bench/bench_load.py --db var/ui-100k-hashing.db --clients 50 --duration 60 --no-browser --ingest-during var/ingest-5000.jsonl
