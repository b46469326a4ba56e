# The two commands of the README: `make demo` runs the main job, `make test` the tests.
# Each installs libgraphviz-dev and libopenblas-dev first when they are missing.
.PHONY: demo test deps build release clean

deps:
	@bash Scripts/install-deps.sh

release: deps
	swift build -c release --product condense

demo: release
	.build/release/condense demo --out demo-out

test: deps
	swift test

clean:
	rm -rf .build demo-out
