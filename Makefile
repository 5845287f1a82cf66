# The two entry points of the README. Both set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/seeds

.PHONY: demo test bench install

$(BIN)/newsprism: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/newsprism

# Analyse the seeds into out/report.json (the store is out/newsprism.db) and print the stories.
demo: install
	mkdir -p out
	$(BIN)/newsprism analyze $(SEEDS) --db out/newsprism.db --json out/report.json
	@echo "report: out/report.json   store: out/newsprism.db"

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m benchmarks
