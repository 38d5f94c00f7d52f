# Two commands do all set-up on a fresh Debian machine:
#   make run   -> venv + install + the app on the built-in demo hub
#   make test  -> venv + install + Debian packages when missing + the whole suite headless
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
QM     := translations/workstation_tr.qm

.PHONY: run test lint bench translations package package-check system-deps-run system-deps-test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Compiled catalogues (.qm) are built from the .ts files, never committed.
$(QM): translations/workstation_tr.ts translations/workstation_en.ts $(STAMP)
	$(BIN)/python packaging/translations.py compile

# Re-scan the sources after changing user-visible text, then translate what is unfinished.
translations: $(STAMP)
	$(BIN)/python packaging/translations.py update
	$(BIN)/python packaging/translations.py compile
	$(BIN)/python packaging/translations.py status

system-deps-run:
	@bash packaging/debian-deps.sh run

system-deps-test:
	@bash packaging/debian-deps.sh test

run: system-deps-run $(STAMP) $(QM)
	$(BIN)/workstation --demo

test: system-deps-test $(STAMP) $(QM)
	$(BIN)/ruff check workstation tests
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=xcb $(BIN)/python -m pytest -q

bench: system-deps-test $(STAMP)
	$(BIN)/python -m workstation.bench

# One-folder bundle (PyInstaller) in build/dist/workstation; see packaging/workstation.spec.
package: $(STAMP) $(QM)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath build/dist \
		--workpath build/pyi packaging/workstation.spec

package-check: package
	build/dist/workstation/workstation --version
	env -u DISPLAY build/dist/workstation/workstation self-check

lint: $(STAMP)
	$(BIN)/ruff check workstation tests
	$(BIN)/lint-imports

clean:
	rm -rf build .pytest_cache
