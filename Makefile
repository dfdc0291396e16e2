# SPDX-License-Identifier: GPL-2.0
#
# Developer entry point. Two kernel trees are prepared under $(BUILD) with
# the project's files overlaid: Linux 7.3, the primary base (build/linux),
# and Linux 6.12 with the backport (build/linux-6.12); see README.md.
#
# KBASE=6.12 runs build, kunit and e2e on the 6.12 tree, in build/6.12/.

BUILD ?= $(CURDIR)/build
KBASE ?= 7.3
KTREE_73 ?= $(BUILD)/linux
KTREE_612 ?= $(BUILD)/linux-6.12
ifeq ($(KBASE),6.12)
KTREE := $(KTREE_612)
export OBJ_DIR ?= $(BUILD)/6.12/obj
export KUNIT_DIR ?= $(BUILD)/6.12/kunit-arm64
export KUNIT_JSON ?= $(BUILD)/6.12/kunit-results.json
export QEMU_KERNEL_DIR ?= $(BUILD)/6.12/qemu-kernel
export E2E_DIR ?= $(BUILD)/6.12/e2e
else ifneq ($(KBASE),7.3)
$(error KBASE must be 7.3 or 6.12, not $(KBASE))
endif
KTREE ?= $(KTREE_73)
export KTREE KTREE_612

S := $(CURDIR)/tests/scripts

.PHONY: all boot build deps tree tree-7.3 tree-6.12 kunit kunit-debug dtcheck lint check patches patches-check bench qemu e2e race

all: boot

boot: deps tree-$(KBASE) qemu
	@$(S)/boot.sh

build: deps tree-$(KBASE)
	@$(S)/build.sh

deps:
	@$(S)/deps.sh

# Both trees; every other target only needs the tree of its base.
tree: tree-7.3 tree-6.12

tree-7.3:
	@KTREE=$(KTREE_73) $(S)/tree.sh 7.3

tree-6.12:
	@$(S)/tree.sh 6.12

kunit: tree-$(KBASE)
	@$(S)/kunit.sh

kunit-debug: tree-$(KBASE)
	@$(S)/kunit-debug.sh

dtcheck: tree-$(KBASE)
	@$(S)/dtcheck.sh

lint: tree-$(KBASE)
	@$(S)/lint.sh

patches: tree-$(KBASE)
	@$(S)/patches.sh

patches-check: deps patches
	@$(S)/patches-check.sh

# Not part of check: prints times and PASS/MISS targets, see README.md.
bench: deps tree-$(KBASE)
	@$(S)/bench.sh

# QEMU 7.2 with the emulated System MMU (tests/qemu), cached outside the clone.
qemu:
	@$(S)/qemu.sh

# The driver on the emulated System MMU: translated DMA, faults, invalidation.
e2e: deps tree-$(KBASE) qemu
	@$(S)/e2e.sh

# The reported race, this driver against the upstream one (7.3 only).
race: deps tree-7.3 qemu
	@$(S)/race.sh

check:
	@$(S)/check.sh
