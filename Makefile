# Set-up and everyday commands. `make site` and `make test` work on a fresh
# clone: they create the virtual environment first when it is missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TOOLS  := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.installed

.PHONY: site test lint serve bench bench-cluster bench-gazetteer golden clean eval-lines eval-names eval-dates eval-search model folds lock

# Every package, direct or not, at the version and hash requirements.lock
# records (made by `make lock`); the project itself on top, without
# resolving anything again. The installer comes first, from installer.lock:
# the pip a new venv brings (23.2 on Python 3.11.7) resolves an extra one
# package asks for (justext: lxml[html_clean]) to the newest release on the
# index, not the locked one, and then refuses it as unpinned. (setuptools
# warns, at every editable install, that a folder named like the package may
# shadow it: here that folder is the package, so its warnings are off.)
$(STAMP): pyproject.toml requirements.lock installer.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r installer.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m compileall -q newsdossier
	touch $(STAMP)

# Refresh requirements.lock after changing a dependency in pyproject.toml
# (commit both together). uv resolves for this machine's kind (Linux
# x86_64, CPython 3.11) and takes torch's CPU build from /opt/wheels
# (constraints.txt says why). `make lock UPGRADE=1` moves every package to
# its newest release the ranges allow; `UPGRADE=pyyaml` moves one.
# installer.lock (pip and setuptools, see above) is refreshed the same way.
UPGRADE ?=
UPGRADE_FLAGS = $(if $(filter 1,$(UPGRADE)),--upgrade,$(foreach p,$(subst $(comma), ,$(UPGRADE)),--upgrade-package $(p)))
lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras -c constraints.txt \
		--find-links /opt/wheels --no-emit-find-links --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 \
		$(UPGRADE_FLAGS) \
		--custom-compile-command "make lock" -o requirements.lock
	printf 'pip>=23.3\nsetuptools>=77\n' | $(VENV)/bin/uv pip compile - --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 \
		$(UPGRADE_FLAGS) \
		--custom-compile-command "make lock" -o installer.lock
comma := ,

# Checkers the tests run on the built site: vnu.jar (Nu HTML Checker) and
# axe-core, from the npm registry, pinned by package-lock.json. Scripts are
# off: vnu-jar's would try to download a Java runtime (Java comes from the
# system: tests/tools/system-packages.sh installs it).
$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	bash $(TOOLS)/system-packages.sh
	npm ci --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

# The package's byte code is written first (0.05 s when it is current): an
# editable install has none, and where PYTHONDONTWRITEBYTECODE is set (this
# project's CI machines) every build would otherwise compile the package
# again, about 0.2 s of an added article's build.
site: $(STAMP)
	$(PY) -m compileall -q newsdossier
	$(PY) build.py

# Preview at http://127.0.0.1:8000/ with rebuild and reload on every change.
serve: $(STAMP)
	$(PY) build.py serve

# System packages first (Chromium, a font, Java, Node.js): installed when
# missing, or named with the command that installs them.
test: $(STAMP) $(TOOLS_STAMP) lint
	bash $(TOOLS)/system-packages.sh
	$(PY) -m pytest

# ruff: the code formatted one way, and its lint rules (pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

# Synthetic dossiers of 100, 1,000 and 10,000 articles, with MkDocs and Hugo
# building the same texts in the same run (MkDocs is in the lock's `bench`
# extra; Hugo comes from Debian). `make bench SIZES=100,1000` for fewer sizes,
# `MKDOCS_UP_TO=1000` to leave MkDocs out above 1,000 (20 minutes at 10,000).
SIZES ?=
MKDOCS_UP_TO ?=
bench: $(STAMP)
	command -v hugo >/dev/null || apt-get install -y -q hugo || sudo apt-get install -y -q hugo || echo "no hugo: its columns stay empty"
	$(PY) -m compileall -q newsdossier  # the byte code `make site` writes (see there)
	SIZES=$(SIZES) MKDOCS_UP_TO=$(MKDOCS_UP_TO) $(PY) -m bench.run

# The build on a Dask LocalCluster (2 worker processes, loopback) beside the
# local one: seconds, identical output, what travels to the workers
# (bench/cluster.py). `make bench-cluster SIZES=100,1000,10000` for more.
bench-cluster: $(STAMP)
	$(PY) -m bench.cluster $(if $(SIZES),$(SIZES),100$(comma)1000)

# The build with a gazetteer of 10,000, 30,000 and 100,000 synthetic entities
# (bench/gazetteer.py): seconds per stage and peak memory.
bench-gazetteer: $(STAMP)
	$(PY) -m bench.gazetteer 10000 30000 100000

# How well the line classifier does on labelled pages (see bench/lines.py):
# make eval-lines EVAL=path/to/labelled/pages
EVAL ?= tests/fixtures/pages
eval-lines: $(STAMP)
	$(PY) -m bench.lines $(EVAL)

# How well names the gazetteer lacks are proposed (see bench/candidates.py):
# make eval-names [NAMES=path/to/labelled/texts] [GAZETTEER=dossier/entities.yaml]
NAMES ?= tests/fixtures/names
eval-names: $(STAMP)
	$(PY) -m bench.candidates $(NAMES) $(if $(GAZETTEER),--gazetteer $(GAZETTEER))

# How well search answers (see bench/search.py): the real search script, run
# by Node on a fresh build of the seed site, on the labelled queries of
# bench/search_queries.yaml; precision, recall and absent words answered, for
# the tuning half and the held-out half.
eval-search: $(STAMP)
	$(PY) -m bench.search

# How often a saved page's date is right (see bench/dates.py): the labelled
# shapes of bench/dated_pages.py, or make eval-dates DATES=path/to/saved/pages
eval-dates: $(STAMP)
	$(PY) -m bench.dates $(DATES)

# Retrain the shipped named-entity model from ANERcorp (read where it lies,
# never copied here); writes newsdossier/language/ner_model/anercorp.*
# and ner_model/lexicon.json (word counts of ANERcorp and AQMAR, places, given
# names: the model's features and the finders read it), then
# ner_model/proposing.json (the learnt decision of what to propose, from the
# finders' candidates on ANERcorp's training part and AQMAR).
# MODEL_ARGS: e.g. "--aqmar ../shared/data/aqmar" to train on AQMAR too (see the README).
ANERCORP ?= ../shared/data/anercorp/ANERCorp
SHARED_DATA ?= ../shared/data
MODEL_ARGS ?=
model: $(STAMP)
	$(PY) -m newsdossier.language.ner_training $(ANERCORP) --lexicon $(SHARED_DATA) $(MODEL_ARGS)
	$(PY) -m newsdossier.analysis.proposal_training $(ANERCORP) --aqmar $(SHARED_DATA)/aqmar

# Regenerate camel-tools' character folds shipped with the package (after
# upgrading camel-tools; tests/language/test_fold_table.py says when).
folds: $(STAMP)
	$(PY) -m newsdossier.language.fold_table_make

# Rewrite the golden copy of the seed site after an intended output change;
# review the diff before committing it.
golden: $(STAMP)
	$(PY) -m tests.golden

clean:
	rm -rf site .site.* .cache tests/artifacts
