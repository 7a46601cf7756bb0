# jixiao: `make run` sets everything up, ingests corpus/ and opens the UI; `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
DEV ?= ../shared/dev
PORT ?= 8501

.PHONY: run setup ingest ui test system eval bench train clean lint

run: ingest
	$(BIN)/jixiao ui --data $(DATA) --port $(PORT)

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	touch $@

ingest: setup
	$(BIN)/jixiao ingest corpus/ --data $(DATA)

ui: setup
	$(BIN)/jixiao ui --data $(DATA) --port $(PORT)

# What the tests need from Debian: chromium (browser and printed-PDF tests), a CJK font, LibreOffice
# (Word → PDF), Tesseract with its Chinese data (scanned PDFs and images), antiword (Word 97 files),
# LibreOffice Calc (the tests' Excel 97 and OpenDocument workbooks). Installed when missing (root or
# sudo); a test whose tool is still missing says why and is skipped.
DEBIAN_PACKAGES := chromium fonts-noto-cjk libreoffice-writer-nogui tesseract-ocr tesseract-ocr-chi-sim \
  antiword libreoffice-calc-nogui
system:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing from Debian: $$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	  || echo "could not install $$missing: the tests that need them will be skipped"; \
	fi

test: setup system
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

eval: setup
	$(BIN)/jixiao eval entities
	$(BIN)/jixiao eval areas --departments
	$(BIN)/jixiao eval search
	@if [ -d $(DEV)/gold ]; then \
	  for what in entities areas search layout meta indicators renditions; do $(BIN)/jixiao eval $$what --gold $(DEV); done; \
	else echo "no dev set at $(DEV): its figures are skipped"; fi

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# INGEST_REPORTS=300,3000,10000 for the largest run (about an hour on two cores)
INGEST_REPORTS ?= 300,3000
bench: setup $(VENV)/.bench-installed
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.ingest_scale --reports $(INGEST_REPORTS) --workers 1,2 --cluster

train: setup
	$(BIN)/jixiao train $$( [ -d $(DEV)/gold ] && echo --gold $(DEV) )

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache
