# `make run`: set up .venv and run the pipeline on the sample. `make test`: set up, then the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Prefect's home (.prefect/), analytics and log level are set by flows.cli.prefect_env, used by the CLI and tests.

.PHONY: setup run test lint eval bench clean

# The modules setup.py compiles with mypyc (flows/speedups.py COMPILED): an edit reinstalls, so compiles them again.
COMPILED := $(foreach m,numbers context claimants dates text layout extract,flows/$(m).py)

$(BIN)/estimates: pyproject.toml setup.py $(COMPILED)
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,dask]"  # the dask extra: tests/test_task_runners.py needs it
	touch $@

setup: $(BIN)/estimates

run: setup
	$(BIN)/estimates run

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy --ignore-missing-imports --warn-unreachable $(COMPILED)

eval: setup
	$(BIN)/estimates eval

bench: setup
	$(BIN)/pip install --quiet -e ".[dev,dask,bench]"
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) .prefect data/estimates.duckdb* data/exports build flows/_build.py *.so flows/*.so
