# The lab's commands. `make` alone lists them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,lab,embeddings

.DEFAULT_GOAL := help
.PHONY: help setup run test test-slow test-all lab bench lint lock clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# torch first, pinned, so that no CUDA build is pulled in by sentence-transformers
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -c constraints.txt -e '.[$(EXTRAS)]'
	$(PY) -m ipykernel install --sys-prefix --name euroseclab --display-name "Python (euroseclab)" >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project (pinned by constraints.txt)

run: setup ## the main job: target briefs for NATO, Ukraine and the OSCE and the corpus overview of seeds/, in reports/
	$(PY) -m analysis info seeds
	$(PY) -m analysis report corpus-overview --no-index
	$(PY) -m analysis report-batch target-brief -g target NATO Ukraine OSCE

test: setup ## the test suite (fast tier; tests reading ../shared skip when it is absent)
	$(PY) -m pytest -m "not slow"

test-slow: setup ## the slow tier (full corpora, rendering)
	$(PY) -m pytest -m slow

test-all: setup ## every test
	$(PY) -m pytest

lab: setup ## JupyterLab in the project's environment, kernel "Python (euroseclab)"
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

bench: setup ## run every benchmark in benchmarks/ (reads ../shared/data)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lint: setup ## ruff lint
	$(VENV)/bin/ruff check analysis tests benchmarks

lock: ## re-pin constraints.txt from the current .venv
	$(PIP) freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean: ## remove the environment and caches
	rm -rf $(VENV) .cache .pytest_cache
