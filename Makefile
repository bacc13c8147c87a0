# The study's build. `make` alone lists the targets.
# Every target that needs Python first builds .venv from requirements.lock, so a fresh
# clone needs nothing but this file and a Python 3.11.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

# make runs from the project's folder only: its paths (params/, build/, lib/) are relative to it.
PROJECT_DIR := $(patsubst %/,%,$(dir $(realpath $(firstword $(MAKEFILE_LIST)))))
ifneq ($(PROJECT_DIR),$(realpath $(CURDIR)))
$(error make körs i $(CURDIR), men projektets mapp är $(PROJECT_DIR): kör make där (cd $(PROJECT_DIR) och make …) eller med make -C $(PROJECT_DIR) …)
endif

PARAMS ?= params/svedala-trelleborg-2023.yaml
# The params file's path reaches make's rules and the shell as it is written: letters (å, ä, ö too), digits and
# . _ - / only, so that no space, quote or ; can split it or run anything.
PATH_CHARACTERS := a b c d e f g h i j k l m n o p q r s t u v w x y z å ä ö \
  A B C D E F G H I J K L M N O P Q R S T U V W X Y Z Å Ä Ö 0 1 2 3 4 5 6 7 8 9 . _ - /
without = $(if $(2),$(call without,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
ifneq ($(words $(value PARAMS))$(call without,$(value PARAMS),$(PATH_CHARACTERS)),1)
$(error PARAMS='$(value PARAMS)' går inte att använda: sökvägen till parameterfilen får bara innehålla bokstäver, siffror och tecknen . _ - / (inga mellanslag, citattecken eller andra tecken); byt namn på filen, t.ex. till params/uppfoljning-2024.yaml)
endif
STUDY := $(basename $(notdir $(PARAMS)))
OUT := build/$(STUDY)

BOOT_PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
PYTHON := $(VENV)/bin/python
KERNEL := collabstudy
ENV_STAMP := $(VENV)/.environment-ready
# KEEP_ENV=1: use $(VENV) as it is, never rebuild it (the tests and the benchmark run a copy of the
# project on this environment; unlike make's -o, a variable reaches the sub-make of `run`).
KEEP_ENV ?= 0
ENV_DEP := $(if $(filter 1,$(KEEP_ENV)),,$(ENV_STAMP))
# The kernel papermill uses must be the project's own, whatever a user-level kernelspec says.
export JUPYTER_PATH := $(abspath $(VENV))/share/jupyter
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Every notebook, export and test is a fresh Python process: without cached bytecode each one
# compiles pandas, nbformat & co. from source again (seconds per process). Bytecode is cached as it
# is first imported (lib/'s in the ignored __pycache__/); compiling the whole environment at set-up
# took 15 s for modules no step imports (JupyterLab's server, …).
unexport PYTHONDONTWRITEBYTECODE

LIB_SOURCES := $(shell find lib -name '*.py' -not -path '*/__pycache__/*')
NOTEBOOK_SOURCES := $(wildcard notebooks/*.ipynb)
TEMPLATE_FILES := $(wildcard templates/rapport/*)
# The report's Swedish text (Jinja2): which steps read it is in $(STEP_DEPS) (LIB_<step>); a new template
# regenerates that list.
TEXT_TEMPLATES := $(shell find templates/rapporttext -name '*.j2' 2>/dev/null)

# The steps, the raw files each reads and the lib/ modules each runs come from the step declaration
# (lib/collabstudy/study/steps.py), the params file and the notebooks' imports: generated into
# $(STEP_DEPS) by collabstudy.runner.dependencies (STEPS, REVIEWERS_STEP, INPUTS_<step>, LIB_<step>).
STEP_DEPS := $(OUT)/.make/inputs.mk
# The name list (its rule is below), named before $(STEP_DEPS) is read: an earlier study's run waits for it there,
# so that this run and that one never build it twice at once.
NAMES_CACHE := build/cache/names-se.tsv
# `run` itself only takes the lock and starts the make that builds (`report`), which reads $(STEP_DEPS).
NO_STUDY_GOALS := help setup lock test lint lab clean clean-cache clean-env bench new-study git-filter coding-sheets golden where run test-varied
ifneq ($(filter-out $(NO_STUDY_GOALS),$(MAKECMDGOALS)),)
include $(STEP_DEPS)
endif

# Content decides what re-runs, not only file times (collabstudy.runner.digests): each step also depends on
# its stamp $(DIGESTS)/<step>.stamp, new exactly when the content (SHA-256) of an input differs from what the
# step's last successful run read. So a corrected delivery with an older file time (`cp -p`, unzipped, saved
# from a mail) re-runs the steps that read it; a newer file time still does too. One process sets every stamp
# before make compares anything, on every run (`+`: also under `make -n`); a step that succeeds records what
# it read ($(call built,<step>)). `inputs` is $(STEP_DEPS), made from the params file and the code.
DIGESTS := $(OUT)/.make/digests
DIGEST_GROUPS := inputs: $(PARAMS) $(LIB_SOURCES) $(NOTEBOOK_SOURCES) $(TEXT_TEMPLATES) \
  $(foreach s,$(STEPS),$(s): notebooks/$(s).ipynb $(PARAMS) $(LIB_$(s)) $(TEMPLATE_FILES) \
    $(filter-out build/%,$(INPUTS_$(s))))
built = if [ -f $(DIGESTS)/$(1).seen ]; then mv -f $(DIGESTS)/$(1).seen $(DIGESTS)/$(1).built; fi

# The Swedish lexicon (Hunspell sv_SE, LGPL-3.0) from the npm registry, pinned by version and checksum.
LEXICON := build/cache/sv-lexicon
LEXICON_PACKAGE := dictionary-sv@4.0.0
LEXICON_SHA256 := bbecca87cf98c9902d0cd1b0f9b373ac6d1410a78ade851ea453a7b922e7164f
# axe-core (MPL-2.0), the accessibility checker the browser tests run on every page, from the npm registry,
# pinned by version and checksum like the lexicon.
AXE := build/cache/axe-core
AXE_PACKAGE := axe-core@4.14.1
AXE_SHA256 := e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
# `make run` uses every core unless the caller chose (make -jN run); steps that do not depend on
# each other (02 and 03) then run side by side. Each step's output is printed when it is done.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
PARALLEL := $(if $(filter -j%,$(MAKEFLAGS)),,-j$(JOBS))
EXECUTED := $(foreach s,$(STEPS),$(OUT)/notebooks/$(s).ipynb)
PAGES := $(foreach s,$(STEPS),$(OUT)/pages/$(s).html)
# reports/ is what the reviewers get: pages/ copied and swapped in whole when every step succeeded
# (collabstudy.runner.publish); the mark inside it is written last.
PUBLISHED := $(OUT)/reports/.komplett
# Executed notebooks and pages are results in their own right, not intermediates for make to delete;
# nor may make delete them when a step fails: the runner only ever replaces them whole.
.SECONDARY: $(EXECUTED) $(PAGES)
.PRECIOUS: $(EXECUTED) $(PAGES) $(PUBLISHED)
# One run of a study at a time: a second `make run` of the same study waits for the first (flock,
# util-linux), then finds its outputs up to date.
RUN_LOCK := $(OUT)/.make/locks/run.lock
PUBLISH_LOCK := $(OUT)/.make/locks/publish.lock

.PHONY: help setup run report test lint lab clean clean-env lock bench

help: ## Visa målen (det här)
	@echo "Mål:"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Variabler: PARAMS=$(PARAMS) (studiens parameterfil; utdata i build/<studie>/)"

setup: $(ENV_DEP) git-filter ## Bygg projektets miljö (.venv), dess Jupyter-kärna och git-filtret för notebookar

ifneq ($(KEEP_ENV),1)
$(ENV_STAMP): requirements.lock pyproject.toml
	@echo "Bygger miljön i $(VENV) (en gång; omkring 15 s när paketen finns i uv:s cache, annars någon minut) ..." >&$${$(PROGRESS_FD_VARIABLE):-1}
	@echo "  Miljön (1 av 4): Python-miljön och uv $(UV_VERSION)" >&$${$(PROGRESS_FD_VARIABLE):-1}
	@# No pip of the environment's own (ensurepip alone takes 7 s): uv comes in with the machine's pip; where python3
	@# has none (or one too old for --python), the environment gets its own pip for it after all.
	test -x $(PYTHON) || $(BOOT_PYTHON) -m venv --without-pip $(VENV)
	$(VENV)/bin/uv --version 2>/dev/null | grep -qE "^uv $(UV_VERSION)( |$$)" \
	  || $(BOOT_PYTHON) -m pip --python $(PYTHON) install --quiet --disable-pip-version-check uv==$(UV_VERSION) 2>/dev/null \
	  || { $(PYTHON) -m ensurepip --default-pip >/dev/null && \
	       $(PYTHON) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	@echo "  Miljön (2 av 4): paketen i requirements.lock ($$(grep -c '^[a-z]' requirements.lock) st.)" >&$${$(PROGRESS_FD_VARIABLE):-1}
	$(VENV)/bin/uv pip install --quiet --python $(PYTHON) -r requirements.lock
	@echo "  Miljön (3 av 4): studiens paket (lib/) och Jupyter-kärnan $(KERNEL)" >&$${$(PROGRESS_FD_VARIABLE):-1}
	$(VENV)/bin/uv pip install --quiet --python $(PYTHON) --no-deps -e .
	$(PYTHON) -m collabstudy.runner install-kernel --name $(KERNEL)
	@echo "  Miljön (4 av 4): git-krokarna och git-filtret för notebookar" >&$${$(PROGRESS_FD_VARIABLE):-1}
	@# In a git checkout: the pre-commit hooks (ruff, import-linter, nbstripout, large files) run on every commit.
	if [ -e .git ]; then $(VENV)/bin/pre-commit install --install-hooks >/dev/null; fi
	$(MAKE) --no-print-directory git-filter
	touch $@
endif

.PHONY: git-filter
# nbstripout through collabstudy.runner.strip_notebook: the same output, 0,7 s a notebook instead of 3,9 s.
# A notebook run in JupyterLab and committed carries no outputs: git passes every notebook through
# nbstripout as it is staged (.gitattributes: filter=nbstripout), keeping cell ids as the hook does.
# Relative to the clone, so it works wherever the clone is; outside a git checkout it does nothing.
git-filter:
	@if [ -e .git ] && command -v git >/dev/null; then \
	  git config filter.nbstripout.clean '$(PYTHON) -m collabstudy.runner.strip_notebook --keep-id'; \
	  git config filter.nbstripout.smudge cat; \
	  git config filter.nbstripout.required true; \
	  git config diff.ipynb.textconv '$(PYTHON) -m collabstudy.runner.strip_notebook --keep-id -t'; \
	fi

lock: $(ENV_DEP) ## Lås om requirements.lock från environment.yml (kräver paketregistret)
	{ echo "# Generated from environment.yml by 'make lock'; do not edit."; \
	  $(BOOT_PYTHON) scripts/env_packages.py environment.yml; } > requirements.in
	$(VENV)/bin/uv pip compile requirements.in --python-version 3.11 --no-header \
	  --annotation-style line -o requirements.lock

DRY_RUN := $(findstring n,$(firstword -$(MAKEFLAGS)))
# What a run's steps keep for each other (collabstudy.io.kept) that holds respondents' own text: the workbooks'
# rows and the words the lexicon was asked about. Removed when the run ends, this study's and any earlier one's
# it ran (another study's run that is going on meanwhile only reads its deliveries again).
KEPT_PERSONAL = build/*/.make/sparat/rader build/*/.make/sparat/ordlistan
# Progress is printed at once (collabstudy.study.progress), though make prints a step's own output when the step
# is done: `run` passes its standard output on as descriptor 8, named in this variable (the set-up's lines too).
PROGRESS_FD_VARIABLE := COLLABSTUDY_PROGRESS_FD
run: ## Kör studien (bara det som ändrats, på alla kärnor) och publicera rapporten när alla steg lyckats
	@mkdir -p $(dir $(RUN_LOCK)) 2>/dev/null && touch $(RUN_LOCK) 2>/dev/null || { \
	  echo "Fel: make kan inte skriva i $(OUT)/ (mappen är skrivskyddad, behörighet saknas eller disken är full)." \
	    "Inget steg har körts; den publicerade rapporten i $(OUT)/reports/ är oförändrad." >&2; exit 2; }
	@if [ -z "$(DRY_RUN)" ] && command -v flock >/dev/null; then \
	  exec 9>$(RUN_LOCK); \
	  flock -n 9 || { echo "En annan körning av studien $(STUDY) pågår; väntar tills den är klar ..."; flock 9; }; \
	fi; \
	before=$$(stat -c %y $(PUBLISHED) 2>/dev/null || true); \
	exec 8>&1; \
	status=0; $(PROGRESS_FD_VARIABLE)=8 $(MAKE) --no-print-directory $(PARALLEL) --output-sync=target report || status=$$?; \
	rm -rf $(KEPT_PERSONAL); \
	if [ $$status -ne 0 ]; then exit $$status; fi; \
	if [ -z "$(DRY_RUN)" ] && [ -n "$$before" ] && [ "$$before" = "$$(stat -c %y $(PUBLISHED) 2>/dev/null)" ]; then \
	  echo "Inget att göra: rapporten i $(OUT)/reports/ är aktuell"; \
	fi

report: $(PUBLISHED)
	@:

$(PUBLISHED): $(EXECUTED) $(PAGES)
	$(PYTHON) -m collabstudy.runner publish --params $(PARAMS) --build-dir $(OUT)

$(STEP_DEPS): $(PARAMS) $(ENV_DEP) $(LIB_SOURCES) $(NOTEBOOK_SOURCES) $(TEXT_TEMPLATES) $(DIGESTS)/inputs.stamp
	$(PYTHON) -m collabstudy.runner make-inputs --params $(PARAMS) --build-dir $(OUT) --output $@
	@$(call built,inputs)

# Every stamp at once (a grouped target; FORCE: on every run).
.PHONY: FORCE
$(DIGESTS)/inputs.stamp $(foreach s,$(STEPS),$(DIGESTS)/$(s).stamp) &: FORCE | $(ENV_DEP)
	+@$(PYTHON) -S lib/collabstudy/runner/digests.py $(DIGESTS) $(DIGEST_GROUPS)

# Python writes a module's bytecode the first time a process imports it: on a fresh clone about 11 s of the
# steps' imports, most of it in the first step. One process imports them all once, while the name list is
# being built, at the lowest priority (it takes only what that build leaves free, or it would slow the build
# as much as it saves); order-only, so it never makes a step run again.
BYTECODE_STAMP := $(VENV)/.bytecode-ready
$(BYTECODE_STAMP): | $(ENV_DEP)
	@echo "Förbereder stegens Python-moduler (bytekod, en gång per miljö) ..." >&$${$(PROGRESS_FD_VARIABLE):-1}
	@$$(command -v nice >/dev/null && echo nice -n 19) $(PYTHON) -m collabstudy.runner.warm_imports
	@touch $@ 2>/dev/null || true

.SECONDEXPANSION:
# One recipe makes a step's executed notebook and its HTML page, in one Python process. The
# runner writes every output to a staging folder and moves it into place only when the whole
# notebook succeeded and no name is in any file. A step depends on exactly the raw files, the
# earlier steps and the lib/ modules it reads (INPUTS_<step>, LIB_<step> in $(STEP_DEPS)), and on their
# content (its stamp).
$(OUT)/notebooks/%.ipynb $(OUT)/pages/%.html: notebooks/%.ipynb $(PARAMS) $$(LIB_$$*) $(ENV_DEP) \
  $(NAMES_CACHE) $(TEMPLATE_FILES) $$(INPUTS_$$*) $(DIGESTS)/%.stamp | $(BYTECODE_STAMP)
	$(PYTHON) -m collabstudy.runner execute --notebook $< --params $(PARAMS) --export-html \
	  --output-dir $(OUT) --kernel $(KERNEL) --names-cache $(NAMES_CACHE)
	@$(call built,$*)

# The Swedish lexicon the name detector asks which words are ordinary Swedish words.
$(LEXICON)/sv.dic:
	@command -v npm >/dev/null || { echo "npm saknas: installera Node.js (Debian: apt-get install npm) så kan den svenska ordlistan hämtas" >&2; exit 2; }
	@echo "Hämtar den svenska ordlistan $(LEXICON_PACKAGE) från npm till $(LEXICON)/ (en gång per dator, några sekunder) ..." >&$${$(PROGRESS_FD_VARIABLE):-1}
	rm -rf $(LEXICON).tmp && mkdir -p $(LEXICON).tmp
	cd $(LEXICON).tmp && npm pack --silent $(LEXICON_PACKAGE) >/dev/null
	echo "$(LEXICON_SHA256)  $(LEXICON).tmp/$(subst @,-,$(LEXICON_PACKAGE)).tgz" | sha256sum --check --quiet
	tar -xzf $(LEXICON).tmp/*.tgz -C $(LEXICON).tmp
	mv $(LEXICON).tmp/package/index.aff $(LEXICON).tmp/sv.aff
	mv $(LEXICON).tmp/package/license $(LEXICON).tmp/LICENSE
	mv $(LEXICON).tmp/package/index.dic $(LEXICON).tmp/sv.dic
	rm -rf $(LEXICON).tmp/package $(LEXICON).tmp/*.tgz $(LEXICON) && mv $(LEXICON).tmp $(LEXICON)

# axe-core for the browser tests' accessibility check (tests/e2e/test_accessibility.py): axe.min.js and its licence.
$(AXE)/axe.min.js:
	@command -v npm >/dev/null || { echo "npm saknas: installera Node.js (Debian: apt-get install npm) så kan axe-core hämtas" >&2; exit 2; }
	rm -rf $(AXE).tmp && mkdir -p $(AXE).tmp
	cd $(AXE).tmp && npm pack --silent $(AXE_PACKAGE) >/dev/null
	echo "$(AXE_SHA256)  $(AXE).tmp/$(subst @,-,$(AXE_PACKAGE)).tgz" | sha256sum --check --quiet
	tar -xzf $(AXE).tmp/*.tgz -C $(AXE).tmp
	mv $(AXE).tmp/package/axe.min.js $(AXE).tmp/package/LICENSE $(AXE).tmp/
	rm -rf $(AXE).tmp/package $(AXE).tmp/*.tgz $(AXE) && mv $(AXE).tmp $(AXE)

# First names and surnames common in Sweden for the anonymity check, built once per machine (about 15 s, its
# progress printed), with beside it the list ready to load ($(NAMES_CACHE).pickle). Derived here from the
# installed packages, never shipped: see collabstudy.privacy.names for the sources and their licences.
$(NAMES_CACHE): $(ENV_DEP) $(LEXICON)/sv.dic lib/collabstudy/privacy/names.py lib/collabstudy/privacy/lexicon.py
	@$(PYTHON) -m collabstudy.privacy.names build-name-list --output $@ --lexicon $(LEXICON)

test: $(ENV_DEP) $(NAMES_CACHE) $(BYTECODE_STAMP) $(AXE)/axe.min.js ## Kör testerna
	$(PYTHON) -m pytest -n $(JOBS)

.PHONY: test-varied
# Every seed of tests/corpus/varied.py through `make run` (make test runs a sample): 17 min on 2 cores (shared).
test-varied: $(ENV_DEP) $(NAMES_CACHE) ## Kör alla varierade uppföljningsstudier (tests/e2e/test_varied.py; make test kör ett urval)
	VARIED=all $(PYTHON) -m pytest -n $(JOBS) -p no:cacheprovider tests/e2e/test_varied.py

.PHONY: golden
golden: $(ENV_DEP) $(NAMES_CACHE) ## Skriv om rapporttextens gyllene återgivningar (tests/golden/) efter en avsedd ändring av texten
	GOLDEN=update $(PYTHON) -m pytest -n $(JOBS) -q -p no:cacheprovider tests/e2e/test_report_text.py -k golden
	@git --no-pager diff --stat -- tests/golden/ 2>/dev/null || true

lint: $(ENV_DEP) ## Granska koden: ruff (fel, importordning, format) och paketens lagerordning (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

BENCH_REPS ?= 3
BENCH_SCALES ?= 1,10,100
# Also a fresh clone's first `make run` (uv's and npm's caches as this machine has them) and a profile of each
# step (py-spy through `uv tool run`: bench/step_profile.py).
bench: $(ENV_DEP) $(NAMES_CACHE) ## Mät körtiderna mot golvet, i skala 1×/10×/100×, en ny klons första körning och en profil per steg (skriver bench/RESULTS.md)
	$(PYTHON) bench/benchmark.py --reps $(BENCH_REPS) --setup --first-run --profile --scales $(BENCH_SCALES) \
	  --output bench/RESULTS.md

LAB_PORT ?= 8888
LAB_ARGS ?=
lab: $(ENV_DEP) git-filter ## Öppna JupyterLab med projektets kärna (skriver ut adressen att öppna)
	@token=$$($(PYTHON) -c 'import secrets; print(secrets.token_hex(24))'); \
	echo "Öppna http://127.0.0.1:$(LAB_PORT)/lab/tree/notebooks?token=$$token i webbläsaren"; \
	echo "(notebookarna körs på kärnan $(KERNEL); Ctrl-C två gånger stänger JupyterLab)"; \
	exec $(VENV)/bin/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) \
	  --ServerApp.port_retries=0 --IdentityProvider.token="$$token" --ServerApp.root_dir="$(CURDIR)" \
	  --ServerApp.log_level=WARN $(LAB_ARGS)

.PHONY: coding-sheets
# The survey's coding, prepared from the export: one sheet per coder in params (survey.coders), personal
# data redacted, and with two codings delivered the reconciliation sheet of every disagreement. Never
# published; a sheet that exists is left as it is (it may be filled in).
coding-sheets: $(ENV_DEP) $(NAMES_CACHE) ## Skriv kodningsbladen (ett per kodare) och avstämningsbladet i build/<studie>/kodning/
	@$(PYTHON) -m collabstudy.runner coding-sheets --params $(PARAMS) --build-dir $(OUT)

.PHONY: new-study
# A new study for the next evaluation period: params/$(NAME).yaml from the latest study in params/, and
# the deliveries' XLSX templates in data/raw/$(NAME)/. Refuses (never overwrites) if either exists. The survey
# questions are proposed from the new Forms export when it is saved in data/raw/$(NAME)/ already (or EXPORT=…).
new-study: $(ENV_DEP) ## Skapa en ny studie för nästa period: make new-study NAME=uppfoljning-2024
	@# The name reaches Python through the environment, never through the shell's words: quoted or not, it
	@# runs nothing, and the runner refuses it in Swedish unless it is a-z, 0-9 and '-'.
	@$(PYTHON) -m collabstudy.runner new-study --name "$${NAME-}" --export "$${EXPORT-}"

.PHONY: where
where: $(ENV_DEP) ## Var kommer en siffra i rapporten ifrån: make where KEY=S.closures_work_studies.share (nyckeln är siffrans data-key)
	@$(PYTHON) -m collabstudy.runner where --params $(PARAMS) --build-dir $(OUT) -- "$$KEY"

# The caches derived once per machine (build/cache/: the lexicon, the name list, axe-core) stay: `make clean-cache`.
clean: ## Ta bort genererade filer (build/) utom cachen build/cache/; miljön behålls
	if [ -d build ]; then find build -mindepth 1 -maxdepth 1 ! -name cache -exec rm -rf {} +; fi

.PHONY: clean-cache
clean-cache: ## Ta bort cachen build/cache/ (ordlistan, namnlistan, axe-core); byggs igen vid nästa körning
	rm -rf build/cache

clean-env: ## Ta bort miljön (.venv)
	rm -rf $(VENV)

REPORT := $(OUT)/reports/$(REVIEWERS_STEP).html
PDF := $(OUT)/reports/rapport.pdf
.PHONY: pdf
pdf: $(PDF) ## Skriv ut rapporten till PDF med Chromium (tabellerna i sin helhet)

# Chromium prints with the print stylesheet: interactive tables give way to their full static copies.
# A4, page numbers in the footer and nothing else there (collabstudy.runner.pdf, Playwright on Debian's Chromium).
$(PDF): $(PUBLISHED) $(ENV_DEP)
	@command -v chromium >/dev/null || { echo "Fel: chromium saknas (apt-get install chromium)"; exit 1; }
	@mkdir -p $(dir $(PUBLISH_LOCK))
	@# Under the publication lock: a `make run` publishing meanwhile waits, so the PDF is of the set it lands in.
	@flock $(PUBLISH_LOCK) $(PYTHON) -m collabstudy.runner pdf --html $(REPORT) --output $@

