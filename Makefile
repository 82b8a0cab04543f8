# Set-up and everyday commands. `make site` and `make test` work on a fresh
# clone: they create the virtual environment first when it is missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TOOLS  := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.installed

.PHONY: site test serve bench golden clean eval-lines

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The constraints file pins torch to the CPU build (see constraints.txt).
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Checkers the tests run on the built site: vnu.jar (Nu HTML Checker) and
# axe-core, from the npm registry, pinned by package-lock.json. Scripts are
# off: vnu-jar's would try to download a Java runtime (Java comes from the
# system; .ci/run installs it).
$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	npm ci --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

site: $(STAMP)
	$(PY) build.py

# Preview at http://127.0.0.1:8000/ with rebuild and reload on every change.
serve: $(STAMP)
	$(PY) build.py serve

test: $(STAMP) $(TOOLS_STAMP)
	$(PY) -m pytest

# Synthetic dossiers of 100 and 1,000 articles, with MkDocs building the same
# texts for comparison (installed here only: the site does not need it).
bench: $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt 'mkdocs==1.6.1'
	$(PY) -m bench.run

# How well the line classifier does on labelled pages (see bench/lines.py):
# make eval-lines EVAL=path/to/labelled/pages
EVAL ?= tests/fixtures/pages
eval-lines: $(STAMP)
	$(PY) -m bench.lines $(EVAL)

# Rewrite the golden copy of the seed site after an intended output change;
# review the diff before committing it.
golden: $(STAMP)
	$(PY) -m tests.golden

clean:
	rm -rf site .site.* .cache tests/artifacts
