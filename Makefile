# Dramatis: `make run` opens the app on the sample article; `make test` runs every check.
# Both create .venv and install the locked dependencies on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian/Ubuntu packages Qt needs at run time (offscreen included).
QT_SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
QT_SYSTEM_LIBS := libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3

.PHONY: run test lint typecheck bench eval lock screenshot system-deps clean

run: $(STAMP) system-deps
	$(PY) main.py $(ARGS)

test: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py --write $(BENCH_ARGS)

# Score every development set in ../shared/eval with its score.py and print one table (slow; not in CI).
eval: $(STAMP)
	$(PY) bench/eval_all.py $(EVAL_ARGS)

screenshot: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) main.py --screenshot docs/screenshot.png --size 1400x900

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Dramatis needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

# Qt's system libraries: installed with apt-get when running as root, otherwise named for you.
system-deps:
	@missing=""; \
	for lib in $(QT_SYSTEM_LIBS); do \
		ldconfig -p 2>/dev/null | grep -q "$$lib" || missing="$$missing $$lib"; \
	done; \
	fc-list 2>/dev/null | grep -qi . || missing="$$missing fonts"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Qt system libraries:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_SYSTEM_PACKAGES); \
		else \
			echo "Qt needs system libraries that are missing:$$missing"; \
			echo "Install them with: sudo apt-get install $(QT_SYSTEM_PACKAGES)"; \
			exit 1; \
		fi; \
	fi

# Regenerate requirements.lock from requirements/*.in (needs network access to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv
	cd requirements && $(PYTHON) -m uv pip compile --quiet --universal --python-version 3.11 \
		--generate-hashes dev.in -o ../requirements.lock
	$(PYTHON) requirements/pin_model_hash.py requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
