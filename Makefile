# CSTO Registry. `make serve` and `make test` work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create .venv and install the project with its test and bench tools

.PHONY: serve
serve: install ## Serve the site with the built-in dataset on http://127.0.0.1:8000
	$(BIN)/csto init
	$(BIN)/csto serve --host 127.0.0.1 --port 8000

.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests where this user can (else say how)
	@sh scripts/ensure-chromium.sh

.PHONY: test
test: install browser ## Run the whole test suite (CSTO_DATABASE_URL picks the database; SQLite by default)
	$(BIN)/pytest

.PHONY: screenshots
screenshots: install browser ## Save screenshots of the main pages to docs/screenshots/ (needs Chromium)
	CSTO_SCREENSHOTS=docs/screenshots $(BIN)/pytest -m e2e -p no:cacheprovider

.PHONY: lint
lint: install ## Check formatting and lint rules
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/mypy

.PHONY: bench
bench: install ## Run the registry benchmark (1,000,000 tenures) and write bench/README.md
	$(BIN)/python bench/run.py

.PHONY: bench-api
bench-api: install ## Load the site and API on loopback (needs wrk: apt-get install wrk) and write bench/README.md
	$(BIN)/python bench/api.py

.PHONY: bench-exports
bench-exports: install ## Time and memory of the standard exports next to the YAML export -> bench/README.md
	$(BIN)/python bench/exports.py

.PHONY: bench-search
bench-search: install ## Full-text search at 1,000,000 tenures next to a hand-written FTS query -> bench/README.md
	$(BIN)/python bench/search.py

.PHONY: bench-cli
bench-cli: install ## The CLI's CPU and wall time per answer next to importing Django alone -> bench/README.md
	$(BIN)/python bench/cli.py

.PHONY: bench-changes
bench-changes: install ## What changed over a year at 1,000,000 tenures next to two snapshots -> bench/README.md
	$(BIN)/python bench/changes.py

.PHONY: bench-history
bench-history: install ## Reads as recorded and what a revision keeps, at 1,000,000 tenures -> bench/README.md
	$(BIN)/python bench/history.py

.PHONY: bench-web
bench-web: install ## Render time and weight of the main pages (built-in and 1,000,000-tenure data) -> bench/README.md
	$(BIN)/python bench/web.py
