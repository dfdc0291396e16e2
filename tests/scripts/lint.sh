#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks of the project's kernel code, in the prepared tree:
# checkpatch --strict, kernel-doc -Wall, and W=1 + sparse object builds of
# drivers/iommu/exynos/ for arm64 (defconfig), 32-bit arm (exynos_defconfig)
# and arm64 with the GKI-style fragment tests/configs/gki-exynos-sysmmu.config
# (the driver as a module); and that arm64 defconfig, exynos_defconfig and
# multi_v7_defconfig enable EXYNOS_IOMMU by themselves.
# Any warning fails. Builds only "prepare" and the driver directory.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
out=${LINT_DIR:-$top/build/lint}
driver=drivers/iommu/exynos
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}
fail=0
report=()

note() { report+=("$(printf '%-34s %s' "$1" "$2")"); }

# Lines a tool printed that count as findings.
findings() { grep -E '(warning|error|WARNING|ERROR|CHECK):' "$1" | grep -v '^total:'; }

check() {	# name logfile [path filter]
	local n

	n=$(findings "$2" | grep -E -e "${3:-.}" | wc -l)
	if [ "$n" -ne 0 ]; then
		findings "$2" | grep -E -e "${3:-.}" | head -n 50
		fail=1
	fi
	note "$1" "$n finding(s)"
}

# 7.3's C=1 needs a sparse that knows __typeof_unqual__: sid's, from the
# dt-schema root (Debian 12's 0.6.4 is refused, and then nothing is checked).
bash "$top/tests/scripts/dtschema-root.sh" || exit 1
sparse=${DTSCHEMA_DIR:-$top/build/dtschema}/bin/sparse

cd "$tree" || exit 1
mkdir -p "$out"
sources=$(git ls-files -co --exclude-standard -- "$driver" 2>/dev/null; find "$driver" -name '*.[ch]')
sources=$(printf '%s\n' $sources | grep -E '\.[ch]$' | sort -u)

scripts/checkpatch.pl --strict --no-tree --terse --show-types --no-summary \
	-f $sources "$driver"/Kconfig "$driver"/Makefile > "$out/checkpatch.log" 2>&1
check "checkpatch --strict" "$out/checkpatch.log"

scripts/kernel-doc -none -Wall $sources > "$out/kernel-doc.log" 2>&1
check "kernel-doc -Wall" "$out/kernel-doc.log"

# The defconfigs the driver is enabled by, on their own.
defconfig_check() {	# arch cross defconfig
	local o=$out/defconfig-$1-$3

	make -s ARCH="$1" CROSS_COMPILE="$2" O="$o" "$3" > /dev/null 2>&1 ||
		{ note "$1 $3" "make $3 failed"; return 1; }
	if grep -q '^CONFIG_EXYNOS_IOMMU=[ym]' "$o/.config"; then
		note "$1 $3" "$(grep '^CONFIG_EXYNOS_IOMMU=' "$o/.config")"
	else
		note "$1 $3" "EXYNOS_IOMMU not enabled"
		return 1
	fi
}

build() {	# arch cross defconfig [fragment]
	local arch=$1 cross=$2 defconfig=$3 fragment=${4:-}
	local name=$arch${fragment:+-$(basename "$fragment" .config)}
	local o=$out/$name log=$out/build-$name.log want=y
	local make=(make -s ARCH="$arch" CROSS_COMPILE="$cross" O="$o" -j"$(nproc)")

	[ -n "$fragment" ] && want=m
	if [ ! -f "$o/.config" ] || [ "$top/tests/scripts/lint.sh" -nt "$o/.config" ] ||
	   { [ -n "$fragment" ] && [ "$fragment" -nt "$o/.config" ]; }; then
		"${make[@]}" "$defconfig" > /dev/null || return 1
		if [ -n "$fragment" ]; then
			scripts/kconfig/merge_config.sh -m -O "$o" "$o/.config" "$fragment" > /dev/null || return 1
		else
			scripts/config --file "$o/.config" -e EXYNOS_IOMMU -e EXYNOS_IOMMU_DEBUG \
				-e KUNIT -e EXYNOS_IOMMU_KUNIT_TEST
		fi
		"${make[@]}" olddefconfig > /dev/null || return 1
	fi
	grep -q "^CONFIG_EXYNOS_IOMMU=$want" "$o/.config" || { echo "lint: EXYNOS_IOMMU not $want for $name"; return 1; }
	"${make[@]}" prepare > /dev/null 2>&1 || { "${make[@]}" prepare; return 1; }
	# Rebuild the directory from scratch so every warning shows every time.
	rm -f "$o/$driver"/*.o
	"${make[@]}" W=1 C=1 CHECK="$sparse" "$driver"/ > "$log" 2>&1
	local rc=$?
	# A checker the kernel refuses is skipped with a warning: a failure.
	if grep -q 'specified, but .* is not available' "$log"; then
		grep 'specified, but' "$log" | head -n 1
		note "sparse ($name)" "not run"
		return 1
	fi
	# Only the project's files are ours to fix (prepare may rebuild parts
	# of the kernel with W=1 C=1, such as the arm64 vDSO); errors anywhere
	# still fail the build.
	check "W=1 C=1 build, $name ($defconfig)" "$log" "$driver/|error:"
	[ $rc -eq 0 ] || { tail -n 20 "$log"; return 1; }
	note "  objects ($name)" "$(cd "$o" && ls "$driver"/*.o 2>/dev/null | tr '\n' ' ')"
}

defconfig_check arm64 aarch64-linux-gnu- defconfig || fail=1
defconfig_check arm arm-linux-gnueabihf- exynos_defconfig || fail=1
defconfig_check arm arm-linux-gnueabihf- multi_v7_defconfig || fail=1
build arm64 aarch64-linux-gnu- defconfig || fail=1
build arm arm-linux-gnueabihf- exynos_defconfig || fail=1
build arm64 aarch64-linux-gnu- defconfig "$top/tests/configs/gki-exynos-sysmmu.config" || fail=1

printf '%s\n' "${report[@]}"
if [ $fail -ne 0 ]; then
	echo "lint: FAILED"
	exit 1
fi
echo "lint: clean"
