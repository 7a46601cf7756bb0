# jixiao: `make run` sets everything up, ingests corpus/ and opens the UI; `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
PORT ?= 8501

.PHONY: run setup ingest ui test browser eval bench train clean

run: ingest
	$(BIN)/jixiao ui --data $(DATA) --port $(PORT)

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

ingest: setup
	$(BIN)/jixiao ingest corpus/ --data $(DATA)

ui: setup
	$(BIN)/jixiao ui --data $(DATA) --port $(PORT)

# Chromium for the real-browser UI test comes from Debian's packages (needs root or sudo).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
	  || echo "chromium could not be installed: the browser test will be skipped"; }

test: setup browser
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/jixiao eval entities
	$(BIN)/jixiao eval areas
	$(BIN)/jixiao eval search

bench: setup
	$(BIN)/python -m bench.run

train: setup
	$(BIN)/jixiao train

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache
