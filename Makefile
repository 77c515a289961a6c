# Two commands for a fresh machine (see README):
#   make demo   set up everything and build the demo show into output/
#   make test   set up everything and run the tests
VENV   ?= .venv
PYTHON ?= python3
APT_PACKAGES = espeak-ng ffmpeg
# Only the tests need these: a real browser, a real podcast client, Node for npm parsers,
# the W3C's EPUB validator.
TEST_APT_PACKAGES = chromium gpodder nodejs npm epubcheck
NODE_DIRS = tests/feeds/browser tests/feeds/clients

.PHONY: demo test setup system test-system node venv lint bench text-quality clean

demo: setup
	$(VENV)/bin/talkingpaper build

test: setup test-system node
	$(VENV)/bin/python -m pytest -q

setup: system venv

test-system:
	@$(MAKE) --no-print-directory system APT_PACKAGES="$(TEST_APT_PACKAGES)"

node: $(addsuffix /node_modules/.installed,$(NODE_DIRS))

%/node_modules/.installed: %/package-lock.json
	npm ci --prefix $* --no-audit --no-fund --loglevel=error
	touch $@

# System programs: installed with apt-get when we can (root or sudo), otherwise the exact
# command to run is printed and the set-up stops.
system:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg -s $$pkg 2>/dev/null | grep -q '^Status: install ok' || command -v $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "talkingpaper needs these system packages:$$missing"; \
	    echo "  Debian/Ubuntu: sudo apt-get install$$missing"; \
	    echo "  Fedora:        sudo dnf install$$missing"; \
	    echo "  macOS:         brew install$$missing"; \
	    exit 1; \
	  fi; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -e '.[test]'
	touch $@

# mypy reads the three packages; libraries without type hints (lxml, feedgen, pydub, pyttsx3)
# count as untyped rather than as errors.
lint: venv
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --ignore-missing-imports talkingpaper tts feeds

bench: setup
	$(VENV)/bin/python bench/run.py

# The text front end on the shared scorers: fixtures, PolNeAR dev (POLNEAR_DEV_GOLD or
# ../polnear-gold-dev), the extraction benchmark as text and HTML, scripting speed.
text-quality: venv
	$(VENV)/bin/python bench/text_quality.py

clean:
	rm -rf output/episodes output/feed.xml output/.cache output/cast.json
