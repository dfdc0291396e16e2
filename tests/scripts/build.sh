#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the driver the way integrators do: as a module for arm64 (defconfig
# with the GKI-style fragment tests/configs/gki-exynos-sysmmu.config, the
# Pixel case) and built in for 32-bit arm (exynos_defconfig). Only
# "prepare", "modules_prepare" and the driver directory are built. Works on
# either base: KTREE and OBJ_DIR say which (make build KBASE=6.12).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
out=${OBJ_DIR:-$top/build/obj}
driver=drivers/iommu/exynos
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}

# Runs in a subshell of an "if": errexit is off there, so every step says
# "|| return 1" itself.
build() {	# arch cross defconfig y|m
	local arch=$1 cross=$2 defconfig=$3 how=$4 o=$out/$1
	local make=(make -s -C "$tree" ARCH="$arch" CROSS_COMPILE="$cross" O="$o" -j"$(nproc)")
	local start status

	start=$(date +%s)
	if [ ! -f "$o/.config" ] || [ "$0" -nt "$o/.config" ] ||
	   [ "$top/tests/configs/gki-exynos-sysmmu.config" -nt "$o/.config" ]; then
		"${make[@]}" "$defconfig" > /dev/null || return 1
		if [ "$how" = m ]; then
			"$tree/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" \
				"$top/tests/configs/gki-exynos-sysmmu.config" > /dev/null ||
				return 1
			"$tree/scripts/config" --file "$o/.config" -m EXYNOS_IOMMU \
				-e KUNIT -m EXYNOS_IOMMU_KUNIT_TEST || return 1
		else
			"$tree/scripts/config" --file "$o/.config" -e EXYNOS_IOMMU ||
				return 1
		fi
		"${make[@]}" olddefconfig > /dev/null || return 1
	fi
	grep -q "^CONFIG_EXYNOS_IOMMU=$how" "$o/.config" ||
		{ echo "build: CONFIG_EXYNOS_IOMMU=$how did not stick for $arch" >&2; return 1; }
	if [ "$how" = m ]; then
		"${make[@]}" modules_prepare > /dev/null || return 1
		# No vmlinux here, so modpost cannot resolve core symbols.
		rm -f "$o/$driver"/*.ko
		"${make[@]}" KBUILD_MODPOST_WARN=1 "$driver"/exynos-sysmmu.ko \
			"$driver"/exynos-sysmmu-test.ko > "$o/modules.log" 2>&1
		status=$?
		grep -v -e "WARNING: modpost: .* undefined!" \
			-e "symbol warnings because there were too many" \
			-e "vmlinux.o is missing" \
			-e "Modules may not have dependencies" \
			-e "unresolved symbol errors" -e "KBUILD_MODPOST_WARN=1 to turn" \
			-e "if you want to proceed at your own risk" "$o/modules.log"
		[ "$status" -eq 0 ] || return 1
		ls "$o/$driver"/*.ko > /dev/null || return 1
	else
		"${make[@]}" prepare > /dev/null || return 1
		"${make[@]}" "$driver"/ || return 1
	fi
	echo "build: $arch ($defconfig, EXYNOS_IOMMU=$how) in $(( $(date +%s) - start )) s:"
	(cd "$o" && find "$driver" -maxdepth 1 \( -name '*.ko' -o -name built-in.a \) \
		-printf '  %-45p %8s bytes\n' | sort)
}

passed=0
failed=0
for b in "arm64 aarch64-linux-gnu- defconfig m" "arm arm-linux-gnueabihf- exynos_defconfig y"; do
	# shellcheck disable=SC2086 # one word per argument
	if (build $b); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
