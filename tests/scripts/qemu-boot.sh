# SPDX-License-Identifier: GPL-2.0
#
# Sourced by boot.sh and e2e.sh: build a small arm64 kernel from a config
# fragment with the driver as a module and one out-of-tree test module,
# pack them with the shared nolibc /init (tests/common/modules-init.c),
# add a devicetree overlay to the emulated machine's own tree, and boot it
# on the QEMU that `make qemu` built.
#
# The caller sets: top, tag (log prefix), out (its output directory),
# config (fragment), module_src (directory with a Kbuild), module (its .ko
# name), overlay (.dtso), qemu_machine (QEMU's machine arguments). The
# kernel is built in $QEMU_KERNEL_DIR (build/qemu-kernel), which the demo,
# the end-to-end tests and the race harness share: same tree, same
# configuration. A caller may change tree and o (another kernel) and
# driver_ko (the driver module to load first; empty for a built-in one)
# before calling qemu_boot_build.

tree=${KTREE:-$top/build/linux}
qemu=${QEMU:-$top/build/qemu-system-aarch64}
o=${QEMU_KERNEL_DIR:-$top/build/qemu-kernel}
driver_ko=drivers/iommu/exynos/exynos-sysmmu.ko
cross=aarch64-linux-gnu-
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}

qemu_boot_build() {
	local opt
	local make=(make -s -C "$tree" ARCH=arm64 CROSS_COMPILE=$cross O="$o" -j"$(nproc)")

	[ -x "$qemu" ] || { echo "$tag: $qemu missing: run 'make qemu' first" >&2; exit 1; }
	mkdir -p "$out" "$o"
	exec 8>"$o/.lock"
	flock 8
	start=$(date +%s)
	if [ ! -f "$o/.config" ] || [ "$config" -nt "$o/.config" ]; then
		"${make[@]}" KCONFIG_ALLCONFIG="$config" allnoconfig > /dev/null
		while IFS= read -r opt; do
			case "$opt" in CONFIG_*) grep -qx "$opt" "$o/.config" ||
				{ echo "$tag: $opt did not stick" >&2; exit 1; } ;; esac
		done < "$config"
	fi
	"${make[@]}" Image modules headers_install
	rm -rf "$out/module-src"
	cp -r "$module_src" "$out/module-src"
	# Shared by the test modules: the emulated DMA master's interface.
	cp "$top/tests/common/dma-master.h" "$out/module-src/"
	"${make[@]}" M="$out/module-src" modules > /dev/null
	echo "$tag: kernel and modules built in $(( $(date +%s) - start )) s"

	rm -rf "$out/initramfs"
	mkdir -p "$out/initramfs"/{proc,sys,dev,lib/modules}
	${cross}gcc -Os -static -nostdlib -fno-asynchronous-unwind-tables \
		-include "$tree/tools/include/nolibc/nolibc.h" -I "$o/usr/include" \
		-o "$out/initramfs/init" "$top/tests/common/modules-init.c" -lgcc
	cp ${driver_ko:+"$o/$driver_ko"} "$out/module-src/$module" \
		"$out/initramfs/lib/modules/"
	(cd "$out/initramfs" && find . | cpio -o -H newc --quiet) > "$out/initramfs.cpio"

	"$qemu" "${qemu_machine[@]}" -machine dumpdtb="$out/virt.dtb" -nographic > /dev/null 2>&1
	dtc -q -@ -I dts -O dtb -o "$out/$tag.dtbo" "$overlay"
	fdtoverlay -i "$out/virt.dtb" -o "$out/$tag.dtb" "$out/$tag.dtbo"
}

# qemu_boot_run SECONDS LOG INIT-ENVIRONMENT...: boot, leave QEMU's exit in rc.
qemu_boot_run() {
	local limit=$1 log=$2 qstart

	shift 2
	qstart=$(date +%s)
	set +e
	timeout "$limit" "$qemu" "${qemu_machine[@]}" -nographic -no-reboot \
		-kernel "$o/arch/arm64/boot/Image" -initrd "$out/initramfs.cpio" \
		-dtb "$out/$tag.dtb" \
		-append "console=ttyAMA0 panic=-1 loglevel=8 tag=$tag $*" > "$log" 2>&1
	rc=$?
	set -e
	echo "$tag: QEMU exited $rc after $(( $(date +%s) - qstart )) s ($(( $(date +%s) - start )) s in all); log in $log"
}
