# entente: `make vet` sets up and vets the shipped examples; `make test` sets up and runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: setup browser vet test lint brief golden bench mutation serve clean

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

# Headless Chromium prints PDF notes and runs the browser tests (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (PDF notes and browser tests need it)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { \
	  echo "could not install chromium: install it (apt-get install chromium) and run make test again"; exit 1; }; }

test: setup browser lint
	$(BIN)/python -m pytest

# ruff: lint and format check (configured in pyproject.toml); `$(BIN)/ruff format .` fixes the format.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

brief: setup
	@mkdir -p build
	@for f in examples/*.yaml; do n=$$(basename $$f .yaml); for ext in md html pdf docx; do \
	  $(BIN)/entente brief "$$f" -o "build/$$n.$$ext" || exit $$?; done; done

# After an intended change to policies, profiles or output: refresh every golden file, then
# review `git diff` before committing.
golden: setup
	ENTENTE_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_compile.py tests/test_brief.py tests/test_invalid_inputs.py \
	  tests/test_cli.py::test_conditioned_offer_text_output_matches_golden tests/test_case_compare.py::test_every_case_verdict_in_full_is_the_reviewed_one \
	  --deselect tests/test_brief.py::test_readme_example_note_is_the_golden_note
	$(BIN)/entente brief examples/iuu-fishing-add-human-rights.yaml --today 2026-11-24 > docs/brief-example.md
	$(BIN)/entente brief examples/iuu-fishing-add-human-rights.yaml --today 2026-11-24 -o docs/brief-example.docx
	@mkdir -p build
	$(BIN)/entente brief examples/iuu-fishing-add-human-rights.yaml --today 2026-11-24 -o build/brief-example.pdf
	$(BIN)/python scripts/first_page.py build/brief-example.pdf docs/brief-example.png
	ENTENTE_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_workspace_browser.py -k accessibility  # docs/workspace-*.png
	$(BIN)/entente facts --format markdown > docs/facts.md
	$(BIN)/python docs/sync_readme.py

# The benchmarks also need the bench extra (GoRules ZEN, which bench/peers.py compares durable_rules with).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py

# Mutation testing of the core modules (mutmut, [tool.mutmut] in pyproject.toml) in a copy under build/;
# writes docs/mutation.md. A report, not a CI gate: about an hour on two idle cores, four under load.
mutation: setup
	$(BIN)/python -m pip install --quiet -e '.[mutation]'
	$(BIN)/python scripts/mutation.py

# The workspace on http://127.0.0.1:8000/, the HTTP API under /api/v1 (docs at /api/docs); the record in
# ~/.local/share/entente/record.db.
serve: setup
	$(BIN)/entente serve

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info build
