# sphinx-protocols: the one entry point. `make html` sets everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# sphinx-build, with a broken conf.py reported in plain words (as `protocols check` does)
SPHINX := $(BIN)/python -m sphinx_protocols.cli.build
OUT    := _build
# the editor's port: `make serve` links every clause to it ("Edit this clause")
EDIT_PORT ?= 8765
# FROM and TO are taken as typed: make itself would otherwise run a $(shell ...) written in them.
override FROM := $(value FROM)
override TO := $(value TO)
export FROM TO

.PHONY: html partner publish audit pdf docs test check lint clean help serve edit a11y axe review review-from bench \
	conformance fuzz corpus-slow

# An ordinary build prints a short summary; V=1 shows every detail (each finding, each step of Sphinx).
V ?=
ifeq ($(V),1)
QUIET := -v
else
QUIET := -q
endif

help:
	@echo "make html   build the public website into $(OUT)/html (fails on errors; V=1 for every detail)"
	@echo "make partner  build the partners' website, with partner-only pages and clauses, into $(OUT)/partner"
	@echo "make publish  the public website with its PDFs in $(OUT)/html/pdf, checked for partner-only text"
	@echo "make audit  prove that no partner-only text is in the public website $(OUT)/html"
	@echo "make pdf    make one PDF per protocol, and one of the whole partnership, into $(OUT)/pdf"
	@echo "make check  validate the protocols and list findings, without writing a site"
	@echo "make docs   build the user guide into $(OUT)/docs"
	@echo "make serve  preview the site while you edit: it rebuilds each time you save"
	@echo "make edit   edit, preview and save the protocols in your web browser"
	@echo "make a11y   check every page in a real browser and update the accessibility statement"
	@echo "make review FROM=buckinghamshire/V0.5   what changed since that version: a review pack on the partners' site, as PDF and JSON"
	@echo "make conformance   the built site and PDFs through the HTML, WCAG (5 widths), PDF/UA and needimport checks"
	@echo "make test   run the tests"
	@echo "make fuzz N=2000   damage the bundled protocols at random N times; every crash is saved in tests/malformed/crashes"
	@echo "make lint   check the code style"
	@echo "make bench  time our extension against bare sphinx-needs and plain MyST (SIZES=1000,3000,10000 RUNS=3)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,pdf,browser,serve,conformance,import,edit]"
	@touch $(STAMP)

html: $(STAMP)
	@$(SPHINX) -b html -W --keep-going $(QUIET) protocols $(OUT)/html

partner: $(STAMP)
	@$(SPHINX) -b html -W --keep-going $(QUIET) -t partners protocols $(OUT)/partner

pdf: $(STAMP)
	@$(SPHINX) -b pdf -W --keep-going $(QUIET) protocols $(OUT)/pdf

# What the publishing workflows run: the public site, its PDFs inside it (every protocol page links
# to its PDF and its signature page PDF), then the check that nothing partner-only is in it.
publish: $(STAMP)
	@$(SPHINX) -b html -W --keep-going $(QUIET) -D protocols_pdf_links=1 protocols $(OUT)/html
	@$(SPHINX) -b pdf -W --keep-going $(QUIET) protocols $(OUT)/pdf
	@mkdir -p $(OUT)/html/pdf && cp $(OUT)/pdf/*.pdf $(OUT)/html/pdf/
	@$(MAKE) --no-print-directory audit

audit: $(STAMP)
	@$(BIN)/protocols audit-public $(OUT)/html --project protocols

check: $(STAMP)
	$(BIN)/protocols check protocols

docs: $(STAMP)
	$(SPHINX) -b html -W --keep-going -n -q docs $(OUT)/docs
	@echo "The guide is in $(OUT)/docs/index.html"

# axe-core for the browser checks, pinned in package.json; without npm those checks are skipped
axe: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@npm ci --no-audit --no-fund --silent || echo "npm could not install axe-core: the browser checks will be skipped."

test: $(STAMP) axe
	$(BIN)/python -m pytest -q

# the seeded fuzzer (tests/malformed/fuzz.py): N cases from seed SEED; the tests run 300
N ?= 2000
SEED ?= 0
fuzz: $(STAMP)
	$(BIN)/python tests/malformed/fuzz.py $(N) $(SEED)

# the corpus with its slow cases too (a 1 MB field, a 10,000-item page)
corpus-slow: $(STAMP)
	PROTOCOLS_SLOW=1 $(BIN)/python -m pytest -q tests/malformed

serve: $(STAMP)
	$(BIN)/sphinx-autobuild protocols $(OUT)/serve --keep-going -q -D protocols_show_problems=1 \
		-D protocols_editor_url=http://127.0.0.1:$(EDIT_PORT)/ \
		--port 8000 --host 127.0.0.1 --watch templates --watch ext

edit: $(STAMP)
	$(BIN)/protocols edit protocols --port $(EDIT_PORT)

a11y: html axe
	$(BIN)/protocols a11y $(OUT)/html --results protocols/accessibility-results.json
	$(SPHINX) -b html -q protocols $(OUT)/html
	@echo "The accessibility statement is updated: $(OUT)/html/accessibility.html"

# The built site (make html) and PDFs (make pdf) through independent validators; fails on any error.
conformance: $(STAMP) axe
	@test -f $(OUT)/html/index.html || { echo "make conformance checks the built site: run 'make html' and 'make pdf' first." >&2; exit 2; }
	$(BIN)/protocols conformance $(OUT)/html --pdf $(OUT)/pdf --results protocols/conformance-results.json

# FROM: a tag, a commit, or a protocol's folder and version (buckinghamshire/V0.5); TO: default the files now.
# They reach the command as environment variables ("$$FROM"), never pasted into the shell line,
# so a quote, a semicolon or a backtick in them is only ever text.
review: review-from $(STAMP)
	$(BIN)/protocols diff --pack $(OUT)/review/pack.json -- "$$FROM" $${TO:+"$$TO"}
	$(SPHINX) -b html -W --keep-going -q -t partners protocols $(OUT)/partner
	$(SPHINX) -b pdf -W --keep-going -q -t partners -D protocols_pdf_only=review protocols $(OUT)/review/pdf
	@echo "The review pack (for partners): $(OUT)/partner/review.html, $(OUT)/review/pdf/review-pack.pdf and $(OUT)/review/pack.json"

review-from:
	@test -n "$$FROM" || { echo "make review needs FROM, the version to compare with: a tag, a commit, or a protocol's folder and version, for example: make review FROM=buckinghamshire/V0.5" >&2; exit 2; }

SIZES ?= 1000,3000,10000
RUNS  ?= 3
bench: $(STAMP)
	$(BIN)/python benchmarks/side_by_side.py --sizes "$$SIZES" --runs "$$RUNS"

lint: $(STAMP)
	$(BIN)/ruff check ext tests docs benchmarks scripts

clean:
	rm -rf $(OUT)
