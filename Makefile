# Dramatis: `make run` opens the app on the sample article; `make test` runs every check.
# Both create .venv and install the locked dependencies on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian/Ubuntu packages Qt needs at run time: offscreen, and the xcb plugin a desktop (X11) session loads,
# plus Xvfb for the start-up test on a virtual X display. QT_XCB_PLUGIN is checked with ldd as well, so a
# library a later Qt links to is named even when it is not in these lists.
QT_SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
	libx11-6 libx11-xcb1 libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 \
	libxcb-xfixes0 libxcb-xkb1 xvfb xauth
QT_SYSTEM_LIBS := libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 \
	libX11.so.6 libX11-xcb.so.1 libxkbcommon-x11.so.0 libxcb.so.1 libxcb-cursor.so.0 libxcb-icccm.so.4 \
	libxcb-image.so.0 libxcb-keysyms.so.1 libxcb-randr.so.0 libxcb-render.so.0 libxcb-render-util.so.0 \
	libxcb-shape.so.0 libxcb-shm.so.0 libxcb-sync.so.1 libxcb-util.so.1 libxcb-xfixes.so.0 libxcb-xkb.so.1
QT_XCB_PLUGIN = $(wildcard $(VENV)/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so)
# desktop-file-validate and update-desktop-database, for the launcher and its test (optional: skipped without them).
DESKTOP_SYSTEM_PACKAGES := desktop-file-utils

.PHONY: run test lint typecheck bench eval lock screenshot system-deps install-desktop clean

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

# A launcher for this checkout under $XDG_DATA_HOME (~/.local/share): menu entry, icon, file types, dramatis:// links.
install-desktop: $(STAMP)
	$(PY) main.py --install-desktop

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Dramatis needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

# Qt's system libraries (and Xvfb): installed with apt-get when running as root, otherwise named for you.
# A library the xcb plugin links to that no listed package provides is named after the install.
system-deps:
	@missing=""; \
	for lib in $(QT_SYSTEM_LIBS); do \
		ldconfig -p 2>/dev/null | grep -q "$$lib" || missing="$$missing $$lib"; \
	done; \
	unlinked() { for so in $(QT_XCB_PLUGIN); do ldd "$$so" 2>/dev/null | awk '/not found/ {print $$1}'; done | sort -u; }; \
	missing="$$missing $$(unlinked | tr '\n' ' ')"; \
	command -v Xvfb >/dev/null || missing="$$missing Xvfb"; \
	fc-list 2>/dev/null | grep -qi . || missing="$$missing fonts"; \
	if [ -n "$$(echo $$missing)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Qt system libraries:$$missing"; \
			apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get -o DPkg::Lock::Timeout=600 install -y -qq $(QT_SYSTEM_PACKAGES) \
				|| exit 1; \
			still="$$(unlinked | tr '\n' ' ')"; \
			if [ -n "$$still" ]; then \
				echo "The Qt xcb plugin still needs: $$still (find the package with: apt-file search LIBRARY)"; \
				exit 1; \
			fi; \
		else \
			echo "Qt needs system libraries that are missing:$$missing"; \
			echo "Install them with: sudo apt-get install $(QT_SYSTEM_PACKAGES)"; \
			exit 1; \
		fi; \
	fi; \
	if ! command -v desktop-file-validate >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing $(DESKTOP_SYSTEM_PACKAGES) (checks the desktop launcher)"; \
		apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get -o DPkg::Lock::Timeout=600 install -y -qq $(DESKTOP_SYSTEM_PACKAGES); \
	fi

# Regenerate requirements.lock from requirements/*.in (needs network access to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv
	cd requirements && $(PYTHON) -m uv pip compile --quiet --universal --python-version 3.11 \
		--generate-hashes dev.in -o ../requirements.lock
	$(PYTHON) requirements/pin_model_hash.py requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
