# The course's two set-up commands:
#   make figures   build in release mode, run every chapter, render every figure
#   make test      build and run the tests
# and one target per chapter (make optimizers, make weight-init, …).
#
# On Debian or Ubuntu the missing system packages are installed (as root, or
# through sudo); elsewhere the exact command is printed. MNIST is downloaded on
# first use into ~/.cache/deep-learning-from-scratch-swift/mnist, unless
# MNIST_DIR points at a folder that holds the four files.

SHELL := /bin/bash
SWIFT ?= swift
# The chapters in reading order, named after their folders (01-optimizers → optimizers).
CHAPTERS := $(shell ls Chapters | sort | sed 's/^[0-9]*-//')
RELEASE := .build/release
# Extra flags for every chapter run, e.g. make figures CHAPTER_FLAGS="--seed 7".
CHAPTER_FLAGS ?=

.PHONY: all figures test build deps deps-test render bench seeds docs clean help $(CHAPTERS)

all: figures

help:
	@echo "make figures     run every chapter (release build) and render every figure"
	@echo "make test        build and run the tests"
	@echo "make <chapter>   run one chapter: $(CHAPTERS)"
	@echo "make render      redraw every figure from its data, without training"
	@echo "make seeds       every chapter at five seeds: seeds.txt and the seed-band figures"
	@echo "make bench       benchmarks, then every chapter at its full budget, timed"
	@echo "make docs        the course site (DocC) into docs-site/"
	@echo "make clean       remove build products (figures stay)"

# System packages: gnuplot draws, OpenBLAS multiplies (Accelerate on macOS), zlib unzips,
# OpenSSL hashes, gnuplot-iostream keeps a pipe to gnuplot open for the live view.
deps:
	@scripts/check-deps.sh --with-gnuplot

deps-test:
	@scripts/check-deps.sh

build: deps
	$(SWIFT) build -c release

figures: build
	@for chapter in $(CHAPTERS); do \
	  echo "=== $$chapter ==="; \
	  $(RELEASE)/$$chapter $(CHAPTER_FLAGS) || exit 1; \
	done

$(CHAPTERS): build
	$(RELEASE)/$@ $(CHAPTER_FLAGS)

# One build of everything, the test bundle included (a plain `swift build` leaves
# it out, and `swift test` would then build it again); then the tests, unbuilt.
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Each picture is drawn under a temporary name and checked before it replaces the old one.
render: deps
	@scripts/render.sh

bench: build
	@scripts/bench.sh

# Every chapter at five seeds (about 12 minutes on 2 cores): figures/<chapter>/seeds.txt
# and each chapter's seed-band figure. The runs go to experiments/seeds.
seeds: build
	@scripts/seeds.sh

docs:
	@scripts/docs.sh

clean:
	$(SWIFT) package clean
	rm -rf .build docs-site
