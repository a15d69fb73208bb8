# sphinx-protocols: the one entry point. `make html` sets everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINX := $(BIN)/sphinx-build
OUT    := _build

.PHONY: html docs test check lint clean help

help:
	@echo "make html   build the partnership website into $(OUT)/html (fails on errors)"
	@echo "make check  validate the protocols and list findings, without writing a site"
	@echo "make docs   build the user guide into $(OUT)/docs"
	@echo "make test   run the tests"
	@echo "make lint   check the code style"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

html: $(STAMP)
	$(SPHINX) -b html -W --keep-going protocols $(OUT)/html
	@echo "The site is in $(OUT)/html/index.html"

check: $(STAMP)
	$(BIN)/protocols check protocols

docs: $(STAMP)
	$(SPHINX) -b html -W --keep-going -n -q docs $(OUT)/docs
	@echo "The guide is in $(OUT)/docs/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check ext tests docs benchmarks

clean:
	rm -rf $(OUT)
