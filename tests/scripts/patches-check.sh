#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check the series "make patches" wrote to build/patches/:
# - it applies with "git am" to the pristine tree, one patch at a time, in a
#   worktree of the prepared tree of its own (build/patches-am);
# - after each patch (and before the first), drivers/iommu/ builds for arm64
#   (defconfig + EXYNOS_IOMMU=y) and arm (exynos_defconfig), each in its own
#   O= directory that is kept between runs: "make prepare" runs once, then
#   each step rebuilds only what the patch changed; any compiler warning in
#   drivers/iommu/ fails the step;
# - every patch passes checkpatch.pl --strict, run in the final tree (so
#   that compatibles are checked against the bindings). FILE_PATH_CHANGES
#   ("does MAINTAINERS need updating?") is not asked of each patch; instead
#   every file the series adds must be covered by the Exynos System MMU
#   section of MAINTAINERS at the end, whose F: patterns must all match;
# - after the last patch: kernel-doc -Wall of the driver, the gs101 Oriole
#   DTB builds, and the KUnit suites pass (tests/scripts/kunit.sh on the
#   final tree, build directory build/patches-kunit).
# The last line printed is "N passed, N failed".
#
# Environment: KTREE (prepared tree), PATCH_DIR (the series),
# PATCH_CHECK_DIR (worktree and build directories), PATCH_CHECK_KUNIT=0 to
# skip the KUnit run.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
in=${PATCH_DIR:-$top/build/patches}
work=${PATCH_CHECK_DIR:-$top/build}
wt=$work/patches-am
obj=$work/patches-obj
logs=$work/patches-check
driver=drivers/iommu/exynos
section="EXYNOS SYSMMU (IOMMU) driver"
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}
export GIT_COMMITTER_NAME=patches-check GIT_COMMITTER_EMAIL=patches-check@localhost

passed=0
failed=0
report=()
t0=$(date +%s)

die() { echo "patches-check: $*" >&2; echo "0 passed, 1 failed"; exit 1; }
result() {	# ok|FAILED what [detail]
	if [ "$1" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	report+=("$(printf '%-6s %-58s %s' "$1" "$2" "${3:-}")")
}
git_wt() { git -C "$wt" -c core.quotepath=off "$@"; }

mapfile -t patches < <(ls "$in"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-cover-letter.patch$')
[ "${#patches[@]}" -gt 0 ] || die "no patches in $in; run 'make patches'"
[ -f "$in/0000-cover-letter.patch" ] || die "no cover letter in $in"
grep -q '\*\*\*' "$in/0000-cover-letter.patch" && die "the cover letter has a placeholder"
[ -d "$tree/.git" ] || die "$tree is not a prepared tree; run 'make tree'"
mkdir -p "$logs" "$obj"

# A worktree at pristine. Checking out over the previous run keeps the
# mtimes of files the series does not touch, so the builds stay incremental.
# A worktree of another (e.g. re-unpacked) tree is made again.
common=$(git -C "$wt" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)
if [ "$common" != "$(git -C "$tree" rev-parse --path-format=absolute --git-common-dir)" ]; then
	rm -rf "$wt"
	git -C "$tree" worktree prune
	git -C "$tree" worktree add -q --detach "$wt" pristine || die "cannot add worktree $wt"
fi
git_wt am --abort >/dev/null 2>&1
git_wt checkout -q -f --detach pristine || die "cannot check out pristine in $wt"
git_wt clean -q -f -d -x
[ -z "$(git_wt status --porcelain --untracked-files=all)" ] || die "$wt is not clean"

build() {	# step arch cross defconfig
	local step=$1 arch=$2 cross=$3 defconfig=$4 o=$obj/$2 log=$logs/build-$2-$1.log
	local make=(make -s -C "$wt" ARCH="$arch" CROSS_COMPILE="$cross" O="$o" -j"$(nproc)")

	if [ ! -f "$o/.config" ] || [ "$0" -nt "$o/.config" ]; then
		"${make[@]}" "$defconfig" > "$log" 2>&1 || return 1
		"$wt/scripts/config" --file "$o/.config" -e EXYNOS_IOMMU
		"${make[@]}" olddefconfig >> "$log" 2>&1 || return 1
		"${make[@]}" prepare >> "$log" 2>&1 || return 1
	fi
	"${make[@]}" drivers/iommu/ > "$log" 2>&1 || return 1
	grep -q '^CONFIG_EXYNOS_IOMMU=y' "$o/.config" || { echo "EXYNOS_IOMMU is not y" >> "$log"; return 1; }
	! grep -E 'drivers/iommu/.*(warning|error):' "$log" >&2
}

step() {	# step name
	local s=$(date +%s) a=ok b=ok

	build "$1" arm64 aarch64-linux-gnu- defconfig || a=FAILED
	build "$1" arm arm-linux-gnueabihf- exynos_defconfig || b=FAILED
	if [ $a = ok ] && [ $b = ok ]; then
		result ok "build arm64+arm: $2" "$(( $(date +%s) - s )) s"
	else
		result FAILED "build arm64 $a, arm $b: $2" "logs: $logs/build-*-$1.log"
	fi
}

echo "patches-check: base (pristine) and ${#patches[@]} patches, arm64 and arm builds after each"
step 00 "pristine"
applied=0
for p in "${patches[@]}"; do
	name=$(basename "$p" .patch)
	num=${name%%-*}
	if ! git_wt am -q "$p" > "$logs/am-$num.log" 2>&1; then
		cat "$logs/am-$num.log"
		git_wt am --abort >/dev/null 2>&1
		result FAILED "git am $name"
		break
	fi
	applied=$((applied + 1))
	step "$num" "$name"
	echo "  ${report[-1]}"
done

if [ "$applied" -eq "${#patches[@]}" ]; then
	result ok "git am: all ${#patches[@]} patches apply to pristine"

	# The final tree must be the project's version of the kernel.
	left=$(git -C "$tree" -c core.quotepath=off diff --name-only "$(git_wt rev-parse HEAD)" --)
	if [ -z "$left" ]; then
		result ok "final tree equals the prepared tree"
	else
		result FAILED "final tree differs from the prepared tree" "$(echo $left)"
	fi

	# checkpatch, in the final tree. Its SPDX check runs scripts/spdxcheck.py,
	# which needs python3-ply: use Debian's python3 (see deps.sh) before any
	# other python3 in PATH, and count a crash of the check as a failure.
	for p in "${patches[@]}"; do
		name=$(basename "$p" .patch)
		(cd "$wt" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --show-types \
			--ignore FILE_PATH_CHANGES "$p") > "$logs/checkpatch-${name%%-*}.log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && ! grep -qE '^(ERROR|WARNING|CHECK):|^Traceback' \
			"$logs/checkpatch-${name%%-*}.log"; then
			result ok "checkpatch --strict $name"
		else
			grep -E -A3 '^(ERROR|WARNING|CHECK):' "$logs/checkpatch-${name%%-*}.log" | head -n 40
			result FAILED "checkpatch --strict $name" "$logs/checkpatch-${name%%-*}.log"
		fi
	done

	# Every added file is covered by the Exynos System MMU section, and
	# every F: pattern of that section matches tracked files, which is what
	# get_maintainer.pl --self-test=patterns checks (it takes minutes over
	# the whole file, so only our section is checked, with --mpath).
	awk -v t="$section" '$0 == t { p = 1 } p && /^$/ { exit } p' "$wt/MAINTAINERS" \
		> "$logs/MAINTAINERS.section"
	uncovered=()
	while IFS= read -r f; do
		(cd "$wt" && scripts/get_maintainer.pl --mpath "$logs/MAINTAINERS.section" \
			--no-git --no-git-fallback --sections -f "$f" 2>/dev/null) |
			grep -qxF "$section" || uncovered+=("$f")
	done < <(git_wt diff --name-only --diff-filter=A pristine HEAD)
	if [ ! -s "$logs/MAINTAINERS.section" ]; then
		result FAILED "MAINTAINERS: no section \"$section\""
	elif [ "${#uncovered[@]}" -eq 0 ]; then
		result ok "MAINTAINERS: \"$section\" covers every added file"
	else
		result FAILED "MAINTAINERS: added files outside \"$section\"" "${uncovered[*]}"
	fi
	stale=()
	while read -r pat; do
		[ -n "$(git_wt ls-files -- ":(glob)$pat" "$pat")" ] || stale+=("$pat")
	done < <(sed -n 's/^[FX]:[[:space:]]*//p' "$logs/MAINTAINERS.section")
	if [ "${#stale[@]}" -eq 0 ]; then
		result ok "MAINTAINERS: every F: pattern of the section matches"
	else
		result FAILED "MAINTAINERS: F: patterns matching no file" "${stale[*]}"
	fi

	# kernel-doc of the driver's internal API.
	(cd "$wt" && scripts/kernel-doc -none -Wall $driver/*.[ch]) > "$logs/kernel-doc.log" 2>&1
	if [ -s "$logs/kernel-doc.log" ]; then
		head -n 20 "$logs/kernel-doc.log"
		result FAILED "kernel-doc -Wall $driver" "$logs/kernel-doc.log"
	else
		result ok "kernel-doc -Wall $driver"
	fi

	# The gs101 DTS change compiles without dtc warnings.
	dtb=exynos/google/gs101-oriole.dtb
	if make -s -C "$wt" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- O="$obj/arm64" \
		-j"$(nproc)" "$dtb" > "$logs/dtb.log" 2>&1 && ! grep -qi 'warning' "$logs/dtb.log"; then
		result ok "dtb $dtb"
	else
		tail -n 20 "$logs/dtb.log"
		result FAILED "dtb $dtb" "$logs/dtb.log"
	fi

	# KUnit on the final tree.
	if [ "${PATCH_CHECK_KUNIT:-1}" != 0 ]; then
		s=$(date +%s)
		KTREE=$wt KUNIT_DIR=$work/patches-kunit KUNIT_JSON=$logs/kunit-results.json \
			"$top/tests/scripts/kunit.sh" > "$logs/kunit.log" 2>&1
		rc=$?
		counts=$(tail -n 1 "$logs/kunit.log")
		if [ $rc -eq 0 ]; then
			result ok "kunit (final tree)" "$counts, $(( $(date +%s) - s )) s"
		else
			tail -n 30 "$logs/kunit.log"
			result FAILED "kunit (final tree)" "$counts, log $logs/kunit.log"
		fi
	fi
fi

echo "==> patches-check summary ($(( $(date +%s) - t0 )) s, logs in $logs)"
printf '%s\n' "${report[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
