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
tree=${KTREE:-$top/build/linux}
out=${BOOT_DIR:-$top/build/boot}
demo=$top/tests/demo
o=$out/obj
cross=aarch64-linux-gnu-
make=(make -s -C "$tree" ARCH=arm64 CROSS_COMPILE=$cross O="$o" -j"$(nproc)")
qemu=${QEMU:-$top/build/qemu-system-aarch64}
qemu_machine=(-machine virt,exynos-sysmmu=v7+v7+v7 -cpu max -m 1G -smp 2 -nic none)
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}
set -e

[ -x "$qemu" ] || { echo "boot: $qemu missing: run 'make qemu' first" >&2; exit 1; }
mkdir -p "$out"
start=$(date +%s)
if [ ! -f "$o/.config" ] || [ "$demo/boot.config" -nt "$o/.config" ]; then
	"${make[@]}" KCONFIG_ALLCONFIG="$demo/boot.config" allnoconfig > /dev/null
	while IFS= read -r opt; do
		case "$opt" in CONFIG_*) grep -qx "$opt" "$o/.config" ||
			{ echo "boot: $opt did not stick" >&2; exit 1; } ;; esac
	done < "$demo/boot.config"
fi
"${make[@]}" Image modules headers_install
rm -rf "$out/demo-src"
cp -r "$demo" "$out/demo-src"
"${make[@]}" M="$out/demo-src" modules > /dev/null
echo "boot: kernel and modules built in $(( $(date +%s) - start )) s"

# initramfs: /init (static, on the kernel's nolibc) and the two modules.
rm -rf "$out/initramfs"
mkdir -p "$out/initramfs"/{proc,sys,dev,lib/modules}
${cross}gcc -Os -static -nostdlib -fno-asynchronous-unwind-tables \
	-include "$tree/tools/include/nolibc/nolibc.h" -I "$o/usr/include" \
	-o "$out/initramfs/init" "$demo/init.c" -lgcc
cp "$o/drivers/iommu/exynos/exynos-sysmmu.ko" "$out/demo-src/exynos_sysmmu_demo.ko" \
	"$out/initramfs/lib/modules/"
(cd "$out/initramfs" && find . | cpio -o -H newc --quiet) > "$out/initramfs.cpio"

# The devicetree: QEMU's own for this machine, plus the demo hardware.
"$qemu" "${qemu_machine[@]}" -machine dumpdtb="$out/virt.dtb" -nographic > /dev/null
dtc -q -@ -I dts -O dtb -o "$out/demo.dtbo" "$demo/demo.dtso"
fdtoverlay -i "$out/virt.dtb" -o "$out/demo.dtb" "$out/demo.dtbo"

set +e
timeout 120 "$qemu" "${qemu_machine[@]}" -nographic -no-reboot \
	-kernel "$o/arch/arm64/boot/Image" -initrd "$out/initramfs.cpio" \
	-dtb "$out/demo.dtb" \
	-append "console=ttyAMA0 panic=-1 loglevel=8" > "$out/boot.log" 2>&1
rc=$?
set -e
echo "boot: QEMU exited $rc after $(( $(date +%s) - start )) s in all; log in $out/boot.log"

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
