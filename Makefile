# SPDX-License-Identifier: GPL-2.0
#
# Developer entry point. The kernel tree is prepared under $(BUILD) from
# Debian's linux-source-6.12 with the project's files overlaid; see README.md.

BUILD ?= $(CURDIR)/build
KTREE ?= $(BUILD)/linux
export KTREE

S := $(CURDIR)/tests/scripts

.PHONY: all boot build deps tree kunit kunit-debug dtcheck lint check patches patches-check bench qemu e2e

all: boot

boot: deps tree qemu
	@$(S)/boot.sh

build: deps tree
	@$(S)/build.sh

deps:
	@$(S)/deps.sh

tree:
	@$(S)/tree.sh

kunit: tree
	@$(S)/kunit.sh

kunit-debug: tree
	@$(S)/kunit-debug.sh

dtcheck: tree
	@$(S)/dtcheck.sh

lint: tree
	@$(S)/lint.sh

patches: tree
	@$(S)/patches.sh

patches-check: deps patches
	@$(S)/patches-check.sh

# Not part of check: prints times and PASS/MISS targets, see README.md.
bench: deps tree
	@$(S)/bench.sh

# QEMU 7.2 with the emulated System MMU (tests/qemu), cached outside the clone.
qemu:
	@$(S)/qemu.sh

# The driver on the emulated System MMU: translated DMA, faults, invalidation.
e2e: deps tree qemu
	@$(S)/e2e.sh

check:
	@$(S)/check.sh
