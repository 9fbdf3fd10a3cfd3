# zhbook: `make` builds every edition into output/; `make test` runs the suite.
# Dependencies install themselves (npm ci) when package-lock.json is newer.

MANUSCRIPT ?= manuscript
OUT ?= output
SOURCES := $(shell find src -name '*.ts' -o -name '*.css') tsconfig.json src/formats/web/client/tsconfig.json scripts/bundle.ts

.PHONY: all build install test coverage typecheck lint format clean screens proof watch bench bench-watch bench-convert bench-scale bench-cold bench-before

all: build

# npm ci only when the lock file changed since the last install.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# tsc compiles the library (dist/index.js); esbuild bundles the command into
# dist/bin/ (the `zhbook` bin: a few files load faster than some 700) and the
# reader's scripts and the stylesheets into dist/assets/ (scripts/bundle.ts).
dist/bin/zhbook.js: node_modules/.package-lock.json $(SOURCES)
	rm -rf dist
	npx tsc -p tsconfig.json
	npx tsx scripts/bundle.ts

build: dist/bin/zhbook.js
	node dist/bin/zhbook.js build $(MANUSCRIPT) --out $(OUT)

# A `zhbook` command on the PATH: npm links this clone into its global folder
# (nothing is fetched; the command is this clone's dist/, so keep the clone).
# `npm uninstall -g zhbook` removes it. PREFIX=DIR installs into DIR/bin.
install: dist/bin/zhbook.js
	npm install -g --no-audit --no-fund $(if $(PREFIX),--prefix $(PREFIX)) .

# Type-check the library and the tests (vitest itself does not type-check),
# and the reader's scripts against the DOM.
typecheck: node_modules/.package-lock.json
	npx tsc -p tsconfig.test.json
	npx tsc -p src/formats/web/client/tsconfig.json

# Lint and formatting (Biome): the same rules for the library, the tests and
# the scripts. `make format` applies the formatter and the safe fixes.
lint: node_modules/.package-lock.json
	npx biome check .

format: node_modules/.package-lock.json
	npx biome check --write .

# The suite needs Java (epubcheck, the Nu checker: a few JVMs shared by all
# test files, tests/helpers/validator-pool.ts) and Debian's Chromium
# (/usr/bin/chromium, or CHROMIUM_PATH; never a downloaded browser).
test: dist/bin/zhbook.js typecheck lint
	npx vitest run

# The suite with V8's coverage of src/, its summary printed (the command-line
# runs of dist/ and the reader's scripts in Chromium are not counted); an
# HTML report in coverage/. Not part of `make test`.
coverage: dist/bin/zhbook.js
	npx vitest run --coverage

# Screenshots of the web edition for a person to look at: the site index and
# a bilingual chapter on a phone (390x844) and a desktop (1280x800), plus dark
# mode, the contents drawer and the settings panel on the phone.
screens: build
	npx tsx scripts/screens.ts $(OUT)/web $(OUT)/reports/screens

# Pictures of the EPUBs in a reading engine (calibre's ebook-convert to PDF,
# poppler's pdftoppm to PNG): the first pages of each EPUB in output/ and of
# the book built with the EPUB options (embedded font, vertical Traditional
# edition) into output/proof/, written to output/reports/pages/. Installs
# calibre and poppler-utils when missing.
proof: build
	npx tsx scripts/proof.ts $(MANUSCRIPT) $(OUT)

# Build, serve the web edition on http://127.0.0.1:4173/ and rebuild on change.
watch: dist/bin/zhbook.js
	node dist/bin/zhbook.js watch $(MANUSCRIPT) --out $(OUT)

# zhbook against pandoc and the OpenCC command line on a generated 100-chapter
# book; writes BENCHMARKS.md. Installs pandoc and opencc when missing.
bench: dist/bin/zhbook.js
	npx tsx scripts/bench.ts

# One large chapter of 2, 10 and 50 MB, built once each: time and peak
# memory (also a section of `make bench`).
bench-scale: dist/bin/zhbook.js
	npx tsx scripts/bench-scale.ts

# Cold start: the transcript built cold by the command, every edition and
# format, one edition in one format (the EPUB also with its cover drawn
# without text), and `--version` (5 runs, medians); writes the Cold start
# section of BENCHMARKS.md. BEFORE=DIR (a built clone) times its command too,
# interleaved.
bench-cold: dist/bin/zhbook.js
	npx tsx scripts/bench-cold.ts $(if $(BEFORE),--before $(BEFORE))

# This code against another built clone (BEFORE=DIR), the same day, runs
# interleaved: full build cold at 1× and 2×, peak RSS, time per step.
bench-before: dist/bin/zhbook.js
	npx tsx scripts/bench-before.ts --before $(BEFORE)

# Edit-and-rebuild benchmark: a generated 100-chapter book (>= 2 MB), one
# paragraph edited at a time, time until every edition's output has it.
bench-watch: dist/bin/zhbook.js
	npx tsx scripts/bench-watch.ts

# Conversion quality and speed on an aligned corpus (Taiwan edition beside the
# mainland original): zhbook, the OpenCC command line and opencc-js; writes
# the Conversion section of BENCHMARKS.md. Installs opencc when missing.
CORPUS ?= ../shared/corpora/d2l-zh-tw-dev
bench-convert: node_modules/.package-lock.json
	npx tsx scripts/bench-convert.ts $(CORPUS)

# Only what zhbook made: the book's cache (when tagged as zhbook's) and the
# output folder's entries (when it carries zhbook's marker).
clean:
	if [ -f dist/bin/zhbook.js ]; then node dist/bin/zhbook.js clean $(MANUSCRIPT); fi
	if [ -f $(OUT)/.zhbook-output ]; then rm -rf $(OUT)/web $(OUT)/reports $(OUT)/*.epub $(OUT)/.zhbook-output; fi
	rm -rf dist coverage
