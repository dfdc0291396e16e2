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
tree=${KTREE:-$top/build/linux}
out=${E2E_DIR:-$top/build/e2e}
e2e=$top/tests/e2e
o=$out/obj
qemu=${QEMU:-$top/build/qemu-system-aarch64}
cross=aarch64-linux-gnu-
make=(make -s -C "$tree" ARCH=arm64 CROSS_COMPILE=$cross O="$o" -j"$(nproc)")
topology=v7+v7+v7:v7-vm+v7-vm:v9+v9
qemu_machine=(-machine "virt,exynos-sysmmu=$topology" -cpu max -m 1G -smp 2 -nic none)
tests_expected=37	# 12 per master, and the v9 group's 36-bit IOVA copy
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}
set -e

[ -x "$qemu" ] || { echo "e2e: $qemu missing: run 'make qemu' first" >&2; exit 1; }
mkdir -p "$out"
start=$(date +%s)
if [ ! -f "$o/.config" ] || [ "$e2e/e2e.config" -nt "$o/.config" ]; then
	"${make[@]}" KCONFIG_ALLCONFIG="$e2e/e2e.config" allnoconfig > /dev/null
	while IFS= read -r opt; do
		case "$opt" in CONFIG_*) grep -qx "$opt" "$o/.config" ||
			{ echo "e2e: $opt did not stick" >&2; exit 1; } ;; esac
	done < "$e2e/e2e.config"
fi
"${make[@]}" Image modules headers_install
rm -rf "$out/e2e-src"
cp -r "$e2e" "$out/e2e-src"
"${make[@]}" M="$out/e2e-src" modules > /dev/null
echo "e2e: kernel and modules built in $(( $(date +%s) - start )) s"

# initramfs: /init (static, on the kernel's nolibc) and the two modules.
rm -rf "$out/initramfs"
mkdir -p "$out/initramfs"/{proc,sys,dev,lib/modules}
${cross}gcc -Os -static -nostdlib -fno-asynchronous-unwind-tables \
	-include "$tree/tools/include/nolibc/nolibc.h" -I "$o/usr/include" \
	-o "$out/initramfs/init" "$e2e/init.c" -lgcc
cp "$o/drivers/iommu/exynos/exynos-sysmmu.ko" "$out/e2e-src/exynos_sysmmu_e2e.ko" \
	"$out/initramfs/lib/modules/"
(cd "$out/initramfs" && find . | cpio -o -H newc --quiet) > "$out/initramfs.cpio"

# The devicetree: QEMU's own for this machine, plus the emulated hardware.
"$qemu" "${qemu_machine[@]}" -machine dumpdtb="$out/virt.dtb" -nographic > /dev/null 2>&1
dtc -q -@ -I dts -O dtb -o "$out/e2e.dtbo" "$top/tests/qemu/e2e.dtso"
fdtoverlay -i "$out/virt.dtb" -o "$out/e2e.dtb" "$out/e2e.dtbo"

set +e
qstart=$(date +%s)
timeout 300 "$qemu" "${qemu_machine[@]}" -nographic -no-reboot \
	-kernel "$o/arch/arm64/boot/Image" -initrd "$out/initramfs.cpio" \
	-dtb "$out/e2e.dtb" -append "console=ttyAMA0 panic=-1 loglevel=7" \
	> "$out/e2e.log" 2>&1
rc=$?
set -e
echo "e2e: QEMU exited $rc after $(( $(date +%s) - qstart )) s ($(( $(date +%s) - start )) s in all); log in $out/e2e.log"

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
