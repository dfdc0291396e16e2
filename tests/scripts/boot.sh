#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The boot demo: build a small arm64 kernel with the driver as a module,
# boot it on QEMU's virt machine with an aggregate of three emulated System
# MMU instances in front of a DMA test master (the QEMU `make qemu` builds,
# tests/qemu), and check the boot log for the driver's lifecycle and the
# demo master's translation checks and DMA through every instance.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tag=demo
out=${BOOT_DIR:-$top/build/boot}
config=$top/tests/common/qemu-kernel.config
module_src=$top/tests/demo
module=exynos_sysmmu_demo.ko
overlay=$top/tests/demo/demo.dtso
qemu_machine=(-machine virt,exynos-sysmmu=v7+v7+v7 -cpu max -m 1G -smp 2 -nic none)
# shellcheck source=tests/scripts/qemu-boot.sh
. "$top/tests/scripts/qemu-boot.sh"
set -e

qemu_boot_build
qemu_boot_run 120 "$out/boot.log" \
	modules=exynos-sysmmu.ko,dyndbg=+p:$module \
	show=/sys/kernel/debug/exynos-sysmmu/iommu-group@b000000/members

passed=0
failed=0
expect() {	# description count-wanted regex
	local n

	n=$(grep -cE "$3" "$out/boot.log" || true)
	if [ "$n" -eq "$2" ]; then
		passed=$((passed + 1))
		echo "boot: ok   $1"
	else
		failed=$((failed + 1))
		echo "boot: FAIL $1 (wanted $2 line(s) matching '$3', got $n)"
	fi
}
echo "--- boot log (driver and demo lines) ---"
grep -E 'exynos-sysmmu|System MMU|iommu|demo|dma-master' "$out/boot.log" | grep -v '^demo: /' || true
echo "---"
expect "three instances probed" 3 'exynos-sysmmu .*System MMU 7\.4, family v7'
expect "one registration of the aggregate" 1 'System MMU aggregate of 3 instances registered'
expect "master added to the IOMMU group" 1 'dma-master: Adding to iommu group'
expect "master behind the IOMMU" 1 'PASS: master is behind an IOMMU'
expect "translation checked on each instance, before and after suspend" 6 'PASS: .*iommu@b0[012]0000: enabled .* -> PA'
expect "DMA through each instance, before and after suspend" 6 'PASS: DMA of 8192 bytes, .* read through instance [012], written through instance [012]'
expect "unmap checked on each instance" 3 'PASS: .*unmapped after dma_unmap_single'
expect "instances off while the master is suspended" 3 'PASS: .*disabled while the master is suspended'
expect "no failed check" 0 'FAIL:'
expect "demo completed" 1 'exynos-sysmmu-demo: [0-9]+ passed, 0 failed'
expect "debugfs: three v7 instances, off once the master is idle" 3 '^b0[012]0000.iommu: version 7.4 family v7 off bypass'
expect "no oops or warning" 0 'Oops|BUG:|WARNING:|Call trace'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
