# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test check bench bench-scale clean package

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@scripts/sysdeps.sh run
	$(PY) -m lscp_desktop

test: $(STAMP)
	@scripts/sysdeps.sh test
	$(MAKE) --no-print-directory check
	@# A crash of the interpreter itself (a fatal signal) is summed up at the end: the test
	@# running and each thread's innermost frames (scripts/crash_report.py).
	QT_QPA_PLATFORM=offscreen LSCP_TEST_CRASH_DIR=build/test-crash $(PY) -m pytest \
		|| { status=$$?; [ $$status -le 128 ] \
			|| $(PY) scripts/crash_report.py build/test-crash $$status; exit $$status; }

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The one-folder bundle for this operating system in dist/lscp-desktop/, then the smoke test of
# the built binary (headless). The Windows installer is built from it: packaging/README.md.
PACKAGE_STAMP := $(VENV)/.package-stamp
$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,package]'
	@touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	@scripts/sysdeps.sh run
	rm -rf build/pyinstaller dist/lscp-desktop
	@start=$$(date +%s); \
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/lscp-desktop.spec || exit 1; \
	echo "bundle built in $$(( $$(date +%s) - start )) s: dist/lscp-desktop/"
	QT_QPA_PLATFORM=offscreen $(PY) packaging/smoke.py dist/lscp-desktop

bench: $(STAMP)
	@scripts/sysdeps.sh run
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

# The benchmarks whose work grows with the action log, at 1x, 3x and 10x the large demo's actions.
bench-scale: $(STAMP)
	@scripts/sysdeps.sh run
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py --scale 1,3,10

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
