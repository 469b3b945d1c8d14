# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared
DB ?= armswatch.db
HOST ?= 127.0.0.1
PORT ?= 8000
# The articles the demo serves: the shared seed and dev corpora and a sample of the bench corpus (on-topic
# articles, see scripts/bench_sample.py) when they are beside the project, else the bundled copy.
BENCH := $(SHARED)/corpus/bench/bench-10k.tar.gz
DEMO_SAMPLE := .demo/bench-sample
DEMO_INPUTS := $(if $(wildcard $(SHARED)/corpus/seeds),$(SHARED)/corpus/seeds $(SHARED)/corpus/dev/*.md,examples/articles)
DEMO_BENCH := $(if $(wildcard $(BENCH)),$(DEMO_SAMPLE))

.PHONY: demo test venv lint bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (armswatch needs Python 3.11; set PYTHON=...)" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

$(DEMO_SAMPLE): $(VENV)/.installed
	$(BIN)/python scripts/bench_sample.py $(BENCH) $@ --count 500

# Ingest exits 1 when some inputs were rejected (each is reported); the demo serves the rest.
demo: $(VENV)/.installed $(DEMO_BENCH)
	$(BIN)/armswatch ingest --db $(DB) $(DEMO_INPUTS) $(DEMO_BENCH) || [ $$? -eq 1 ]
	$(BIN)/armswatch serve --db $(DB) --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks scripts
	SKIP_BROWSER=$(SKIP_BROWSER) ./scripts/ensure-browser.sh
	SKIP_BROWSER=$(SKIP_BROWSER) $(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/search.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .demo
