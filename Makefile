# The two commands of the README: `make demo` runs the main job, `make test` the tests.
# Each installs libgraphviz-dev, libopenblas-dev and zlib1g-dev first when they are missing.
# `make test` runs the test suite, then each libFuzzer target for 20 s (Scripts/fuzz.sh).
.PHONY: demo test deps build release clean

deps:
	@bash Scripts/install-deps.sh

release: deps
	swift build -c release --product condense

demo: release
	.build/release/condense demo --out demo-out

test: deps
	swift test
	bash Scripts/fuzz.sh 20

clean:
	rm -rf .build .build-fuzz demo-out
