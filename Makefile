# zhbook: `make` builds every edition into output/; `make test` runs the suite.
# Dependencies install themselves (npm ci) when package-lock.json is newer.

MANUSCRIPT ?= manuscript
OUT ?= output
SOURCES := $(shell find src -name '*.ts') tsconfig.json

.PHONY: all build test typecheck clean

all: build

# npm ci only when the lock file changed since the last install.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dist/cli.js: node_modules/.package-lock.json $(SOURCES)
	rm -rf dist
	npx tsc -p tsconfig.json
	chmod +x dist/cli.js

build: dist/cli.js
	node dist/cli.js build $(MANUSCRIPT) --out $(OUT)

# Type-check the library and the tests (vitest itself does not type-check).
typecheck: node_modules/.package-lock.json
	npx tsc -p tsconfig.test.json

test: dist/cli.js typecheck
	npx vitest run

clean:
	rm -rf dist $(OUT)/web $(OUT)/reports $(OUT)/*.epub
