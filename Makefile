# CallStack Engine. Two commands set up a fresh machine: `make demo` and `make test`.
SWIFT ?= swift
STORE ?= .callstack/store
SOAK_CRASH_CYCLES ?= 200
SOAK_EVENTS ?= 1000000
SOAK_MAP_BYTES ?= 1200000000

.PHONY: deps build demo test soak bench benchmarks protos numbering-plans fixtures clean

# Installs what a fresh Debian machine lacks: LMDB, libcrypto (SHA-256), SQLite (the benchmark's peer), tzdata.
deps:
	@missing=""; \
	for pkg in liblmdb-dev libssl-dev libsqlite3-dev tzdata pkg-config; do \
		dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product callstack

demo: build
	$$($(SWIFT) build --show-bin-path)/callstack demo --store $(STORE)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip SoakTests

# Long runs: crash cycles, map growth past 1 GiB, a 1M-event round trip, and a killed and resumed
# 1M-row import. Counts are settable.
soak: deps
	Scripts/crash-test.sh $(SOAK_CRASH_CYCLES)
	Scripts/soak.sh $(SOAK_EVENTS) $(SOAK_MAP_BYTES)
	Scripts/export-roundtrip.sh $(SOAK_EVENTS)
	Scripts/import-soak.sh $(SOAK_IMPORT_ROWS)

bench: deps
	$(SWIFT) build -c release --product callstack
	$$($(SWIFT) build -c release --show-bin-path)/callstack bench log --json

# The ordo-one/benchmark suites (their own package, so `make test` does not build them).
benchmarks: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

# Regenerates the phone numbering-plan tables (Sources/ContactImport/Phone/NumberingPlanData.swift)
# and the differential test's expectations from libphonenumber's metadata (the phonenumbers package
# on PyPI, pinned). Both are committed, so neither CI nor `make test` needs pip.
numbering-plans:
	python3 -m pip install -q phonenumbers==9.0.43
	python3 Scripts/generate-numbering-plans.py

# Regenerates Sources/CallStackEvents/Generated from Schemas/. Only needed after a schema changes;
# the generated code is committed, so neither CI nor `make test` needs protoc.
protos: deps
	@dpkg -s protobuf-compiler >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq protobuf-compiler; }
	$(SWIFT) build -c release --product protoc-gen-swift
	Scripts/generate-protos.sh

# Writes the golden fixture of every event type and version that has none yet (Fixtures/events/),
# then checks them all. Existing fixtures are never rewritten. Commit what it writes.
fixtures: deps
	$(SWIFT) build --build-tests
	-CALLSTACK_WRITE_FIXTURES=1 $(SWIFT) test --skip-build --filter GoldenFixtureTests >/dev/null
	$(SWIFT) test --skip-build --filter GoldenFixtureTests

clean:
	rm -rf .build .callstack
