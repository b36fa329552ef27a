# entente: `make vet` sets up and vets the shipped examples; `make test` sets up and runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup vet test check bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v < (3, 13) else "entente needs Python 3.11 or 3.12 (durable-rules does not build on 3.13)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

vet: setup
	$(BIN)/entente check
	@for f in examples/*.yaml; do echo "== $$f"; $(BIN)/entente vet "$$f" --fail-on none || exit $$?; echo; done

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
