#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end tests on the emulated System MMU: build a small arm64 kernel
# with the driver as a module and the e2e test module (tests/e2e), boot it
# on the QEMU that `make qemu` built (tests/qemu) with three DMA test
# masters behind seven emulated System MMU instances (a v7 group of three,
# two standalone v7 instances with VM registers listed by their master, a
# v9 group of two), and count the test module's "ok"/"not ok" lines.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tag=e2e
out=${E2E_DIR:-$top/build/e2e}
config=$top/tests/common/qemu-kernel.config
module_src=$top/tests/e2e
module=exynos_sysmmu_e2e.ko
overlay=$top/tests/qemu/e2e.dtso
topology=v7+v7+v7:v7-vm+v7-vm:v9+v9
qemu_machine=(-machine "virt,exynos-sysmmu=$topology" -cpu max -m 1G -smp 2 -nic none)
tests_expected=37	# 12 per master, and the v9 group's 36-bit IOVA copy
# shellcheck source=tests/scripts/qemu-boot.sh
. "$top/tests/scripts/qemu-boot.sh"
set -e

qemu_boot_build
dbg=/sys/kernel/debug/exynos-sysmmu
qemu_boot_run 300 "$out/e2e.log" modules=exynos-sysmmu.ko:$module \
	show=$dbg/iommu-group@b000000/members:$dbg/iommu@b030000/members:$dbg/iommu-group@b050000/members

echo "--- e2e log (driver and test lines) ---"
grep -E 'exynos-sysmmu|System MMU|e2e|iommu' "$out/e2e.log" | grep -vE '^e2e: /|: (ok|not ok) [0-9]+ ' || true
echo "--- tests ---"
grep -E 'exynos-sysmmu-e2e: (ok|not ok) [0-9]+ ' "$out/e2e.log" | sed 's/^.*exynos-sysmmu-e2e: /e2e: /'
echo "---"
passed=$(grep -cE 'exynos-sysmmu-e2e: ok [0-9]+ ' "$out/e2e.log" || true)
failed=$(grep -cE 'exynos-sysmmu-e2e: not ok [0-9]+ ' "$out/e2e.log" || true)
check() {	# description condition
	if eval "$2"; then
		echo "e2e: ok   $1"
		passed=$((passed + 1))
	else
		echo "e2e: FAIL $1"
		failed=$((failed + 1))
	fi
}
oops=$(grep -cE 'Oops|BUG:|WARNING:|Call trace|Kernel panic' "$out/e2e.log" || true)
storm=$(grep -cE 'unhandled .* fault at IOVA' "$out/e2e.log" || true)
check "all $tests_expected tests ran" "[ $((passed + failed)) -eq $tests_expected ]"
check "no oops, warning or panic ($oops)" "[ $oops -eq 0 ]"
check "unhandled-fault log rate-limited ($storm lines for 600 faulting DMAs)" "[ $storm -gt 0 ] && [ $storm -lt 100 ]"
check "the guest powered off by itself" "grep -q 'e2e: done' '$out/e2e.log' && [ $rc -eq 0 ]"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
