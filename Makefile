# docgen: `make` builds every letter in letters/, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= build
PO     := $(wildcard locales/*/LC_MESSAGES/docgen.po)
MO     := $(PO:.po=.mo)

.PHONY: all letters print-letters test lint catalogs compile data fuzz site bench bench-scale bench-smoke clean

all: letters

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Compiled catalogs are build products, never committed.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -D docgen -i $< -o $@

compile: $(MO)

# A letter is what `docgen build letters/` takes: every .yaml or .yml below letters/, hidden files
# and folders skipped; its outputs go to $(OUT)/<its path below letters/, without suffix>/.
LETTERS_DIR ?= letters
LETTERS := $(shell find $(LETTERS_DIR) -mindepth 1 -name '.*' -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print | LC_ALL=C sort)
STAMPS  := $(foreach l,$(LETTERS),$(OUT)/$(basename $(l:$(LETTERS_DIR)/%=%))/.docgen.json)

TODO    := $(OUT)/.docgen-todo

# One rule per letter keeps real prerequisites: the depfile docgen writes beside each stamp names
# every input the letter's PDFs were made from (the templates it used, the catalogs of its
# languages, fonts, docgen's code), so an edit rebuilds exactly what it affects. The rule only
# notes the letter; then ONE docgen process builds every letter noted, its worker processes doing
# the parallel work (a process per letter would pay docgen's start-up for each, and `make -j`
# would start more processes than there are cores).
letters: $(STAMPS)
	@if [ -s $(TODO) ]; then set -- $$(sort -u $(TODO)); rm -f $(TODO); $(BIN)/docgen build "$$@" --root $(LETTERS_DIR) --out $(OUT); fi

$(OUT)/%/.docgen.json: $(LETTERS_DIR)/%.yaml $(STAMP) $(MO)
	@mkdir -p $(OUT) && echo $< >> $(TODO)
$(OUT)/%/.docgen.json: $(LETTERS_DIR)/%.yml $(STAMP) $(MO)
	@mkdir -p $(OUT) && echo $< >> $(TODO)

-include $(wildcard $(STAMPS:.json=.d))

# What make calls a letter, and the stamp it expects (tests/test_paths.py compares it with docgen's).
print-letters:
	@$(foreach l,$(LETTERS),echo $(l) $(OUT)/$(basename $(l:$(LETTERS_DIR)/%=%))/.docgen.json;)

test: $(STAMP) $(MO)
	$(BIN)/ruff check docgen tests benchmarks
	$(BIN)/ruff format --check docgen tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check docgen tests benchmarks
	$(BIN)/ruff format --check docgen tests benchmarks

# Extract house-style strings from templates and code, merge them into every catalog, compile.
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --sort-by-file --no-wrap \
	    -o locales/docgen.pot .
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching -D docgen -i locales/docgen.pot -d locales
	$(MAKE) compile

# Tables generated once and committed, so that builds read them instead of computing them: the
# code points of every font file (docgen/fonts/coverage.json), num2words' ordinals
# (locales/ordinals.json), ICU's collation order of country names (locales/collation.json), and
# Babel's CLDR data a build reads (locales/*/cldr.json, locales/country-codes.json). Run after
# changing a font, a countries.yaml, num2words, ICU or Babel; tests/test_generated.py checks them.
data: $(STAMP)
	$(BIN)/python -m docgen.generated

# The static site of every letter: index.html, manifest.json, feed.atom (docs/ci.md).
site: $(STAMP) $(MO)
	$(BIN)/docgen publish letters/ --out site

BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@

# Speed and memory against bare reportlab, WeasyPrint and Typst (results: docs/benchmarks.md).
bench: $(BENCH_STAMP) $(MO)
	$(BIN)/python benchmarks/bench.py

# Issue 15's scale: 2,000 generated letters with --jobs 2 (linear time, flat worker memory, no-op);
# the --jobs 1 row is left out (it would take as long again).
bench-scale: $(BENCH_STAMP) $(MO)
	$(BIN)/python benchmarks/bench.py --letters 2000 --batch-jobs 2 --batch-reps 1 --reps 5 --cold-reps 3

# The benchmark's smoke run; tests/test_bench_smoke.py also runs it under `make test`.
bench-smoke: $(STAMP) $(MO)
	$(BIN)/python benchmarks/bench.py --quick

# A longer property-based campaign than the one `make test` runs.
fuzz: $(STAMP) $(MO)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py tests/test_path_properties.py \
	    tests/test_po_properties.py

clean:
	rm -rf $(OUT) site $(MO)
