# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= 2
LISTEN ?= 127.0.0.1:8080
DEMO_PASSWORD ?= tawasul-demo
PROFILE ?= moia-1933
# Days of plausible past requests and calls `make run` loads, so the dashboards have shapes
# (0: only the profile's sample requests).
HISTORY_DAYS ?= 365

.PHONY: deps build run test bench format clean

deps:
	scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j$(JOBS)
	cd web && npm ci --no-audit --no-fund && npm run build

run: build
	mkdir -p var
	$(BUILD)/tawasul demo --if-empty --profile $(PROFILE) --password $(DEMO_PASSWORD) --history $(HISTORY_DAYS)
	$(BUILD)/tawasul serve --listen $(LISTEN) --web-root web/dist --demo-delivery

test: build
	scripts/run-tests $(BUILD)

bench: build
	bench/run $(BUILD)

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD)
