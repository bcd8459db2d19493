# Two commands: `make run` sets everything up and serves http://127.0.0.1:8050;
# `make test` sets everything up and runs every test (unit, integration and browser).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANIFEST := data/processed/manifest.json
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: install data store run test lint bench chromium

# Re-install only when the lock file changes (the stamp is newer than the lock otherwise).
install: $(INSTALLED)

$(INSTALLED): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

# Rebuild the processed store from ../shared/data/raw (or EDU_RAW_DIR).
data: $(INSTALLED)
	$(BIN)/python -m dashboard.build build-data

# Rebuild it only when a raw file or the build code changed since it was built: its manifest
# keeps a stamp of them (`python -m dashboard.build stamp` prints the current one).
store: $(INSTALLED)
	$(BIN)/python -m dashboard.build build-data --if-changed

# Build the store only when there is none yet.
$(MANIFEST): | $(INSTALLED)
	$(BIN)/python -m dashboard.build build-data

run: store
	@echo "Serving on http://127.0.0.1:8050 (Ctrl+C to stop)"
	PORT=8050 HOST=127.0.0.1 $(BIN)/gunicorn app:server -c gunicorn.conf.py

# Debian's chromium for the browser tests (Playwright never downloads a browser here).
chromium:
	@test -x $(CHROMIUM) || ($(SUDO) apt-get update && \
		$(SUDO) apt-get install -y --no-install-recommends chromium)

# The store is rebuilt when its inputs changed (about 15 s), so the tests never see a stale one.
# pytest exits 5 when it collected no tests: that is a failure, not a pass.
# PYTEST_ARGS narrows the run, e.g. make test PYTEST_ARGS="-m browser".
test: store chromium
	$(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

lint: $(INSTALLED)
	$(BIN)/ruff check .

bench: $(INSTALLED) | $(MANIFEST)
	$(BIN)/python benchmarks/build_data.py
	$(BIN)/python benchmarks/pages.py
