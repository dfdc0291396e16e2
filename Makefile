# SPDX-License-Identifier: GPL-2.0
#
# Developer entry point. The kernel tree is prepared under $(BUILD) from
# Debian's linux-source-6.12 with the project's files overlaid; see README.md.

BUILD ?= $(CURDIR)/build
KTREE ?= $(BUILD)/linux
export KTREE

S := $(CURDIR)/tests/scripts

.PHONY: all boot build deps tree kunit kunit-debug dtcheck lint check patches patches-check

all: boot

boot: deps tree
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

check:
	@$(S)/check.sh
