#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The full test run: every stage runs even when an earlier one fails, so one
# run shows everything that is wrong. Each stage's log is kept under build/;
# stages that count tests end with "N passed, N failed", and the closing line
# adds them up (a stage that fails without counting adds one failure).
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
logs=${CHECK_LOGS:-$top/build/check}
mkdir -p "$logs"

passed=0
failed=0
summary=()

stage() {	# name command...
	local name=$1 log=$logs/$1.log start rc p f counts
	shift
	echo "==> $name"
	start=$(date +%s)
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	counts=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -n "$counts" ]; then
		p=$(sed -E 's/.*\b([0-9]+) passed.*/\1/' <<< "$counts")
		f=$(sed -E 's/.*\b([0-9]+) failed.*/\1/' <<< "$counts")
	else
		p=0
		f=0
	fi
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
	summary+=("$(printf '%-12s %-6s %5ss  %s' "$name" \
		"$([ "$rc" -eq 0 ] && echo ok || echo FAILED)" \
		"$(( $(date +%s) - start ))" "${counts:-}")")
}

# Linux 7.3, the primary base: every stage.
stage deps make -s -C "$top" deps
stage tree make -s -C "$top" tree
stage lint make -s -C "$top" lint
stage dtcheck make -s -C "$top" dtcheck
stage kunit make -s -C "$top" kunit
stage kunit-debug make -s -C "$top" kunit-debug
stage boot make -s -C "$top" boot
stage e2e make -s -C "$top" e2e
# The reported race: this driver, and the upstream one as the control.
stage race make -s -C "$top" race
# The series is signed off by whoever makes it. A machine with no git
# identity (a CI runner) checks it under the author of the commit it
# tests, who wrote what the series contains.
if [ -z "$(git -C "$top" config user.email || true)" ] && [ -z "${GIT_AUTHOR_EMAIL:-}" ]; then
	GIT_AUTHOR_NAME=$(git -C "$top" log -1 --format=%an) \
	GIT_AUTHOR_EMAIL=$(git -C "$top" log -1 --format=%ae) \
	stage patches make -s -C "$top" patches-check
else
	stage patches make -s -C "$top" patches-check
fi
# Linux 6.12 with the backport (the android16-6.12 GKI base): the driver
# builds, the KUnit suites and the end-to-end tests.
stage 6.12-build make -s -C "$top" KBASE=6.12 build
stage 6.12-kunit make -s -C "$top" KBASE=6.12 kunit
stage 6.12-e2e make -s -C "$top" KBASE=6.12 e2e

echo "==> summary (logs in $logs)"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
