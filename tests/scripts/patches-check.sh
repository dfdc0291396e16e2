#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check the series "make patches" wrote to build/patches/ (and its
# follow-up in build/patches/later/), on Linux 7.3:
# - it applies with "git am" to the pristine tree, one patch at a time, in a
#   worktree of the prepared tree of its own (build/patches-am);
# - before the first patch and after each one that changes what is built,
#   an arm64 kernel (allnoconfig + tests/configs/bisect-arm64.config: the
#   Exynos System MMU driver and its KUnit suites built in) links, and
#   drivers/iommu/ builds for arm (exynos_defconfig, driver and suites
#   built in); each in its own O= directory kept between runs, so each step
#   rebuilds only what the patch changed. Any compiler or linker warning
#   in drivers/iommu/ fails the step. A patch that only changes
#   documentation or MAINTAINERS builds nothing new, and says so;
# - every patch passes 7.3's checkpatch.pl --strict, run in the final tree
#   (so that compatibles are checked against the bindings), is at most
#   100 KB, and scripts/get_maintainer.pl on it names the IOMMU list
#   (driver and IOMMU binding patches), the devicetree list (binding and
#   DTS patches) and the Samsung SoC list (DTS patches);
# - every file the series adds is covered by the EXYNOS SYSMMU section of
#   MAINTAINERS, all of whose F: patterns match;
# - after the last patch: kernel-doc -Wall of the driver and the gs101
#   Oriole DTB builds; the final tree equals the prepared tree less the
#   project-only files, so the KUnit results of "make kunit" are those of
#   the final tree (they are reused when newer than the tree, else run);
# - it prints the size of the 6.12 backport (tests/backport/6.12).
# The last line printed is "N passed, N failed".
#
# Environment: KTREE (prepared 7.3 tree), PATCH_DIR (the series),
# PATCH_CHECK_DIR (worktree and build directories), PATCH_CHECK_KUNIT=0 to
# skip the KUnit check.
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
fragment=$top/tests/configs/bisect-arm64.config
max_bytes=102400
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
	report+=("$(printf '%-6s %-64s %s' "$1" "$2" "${3:-}")")
}
git_wt() { git -C "$wt" -c core.quotepath=off "$@"; }

mapfile -t patches < <(ls "$in"/[0-9][0-9][0-9][0-9]-*.patch "$in"/later/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null |
	grep -v '/0000-cover-letter.patch$')
[ "${#patches[@]}" -gt 0 ] || die "no patches in $in; run 'make patches'"
for cl in "$in/0000-cover-letter.patch" ${in}/later/0000-cover-letter.patch; do
	[ -f "$cl" ] || continue
	grep -q '\*\*\*' "$cl" && die "$cl has a placeholder"
done
[ -f "$in/0000-cover-letter.patch" ] || die "no cover letter in $in"
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

# The configuration is made again at every step: options the series adds
# (the KUnit suites) must be picked up when they appear.
configure() {	# arch o log
	local make=(make -s -C "$wt" ARCH="$1" O="$2" -j"$(nproc)")

	if [ "$1" = arm64 ]; then
		"${make[@]}" CROSS_COMPILE=aarch64-linux-gnu- KCONFIG_ALLCONFIG="$fragment" \
			allnoconfig >> "$3" 2>&1 || return 1
	else
		if [ ! -f "$2/.config" ] || [ "$0" -nt "$2/.config" ]; then
			"${make[@]}" CROSS_COMPILE=arm-linux-gnueabihf- exynos_defconfig >> "$3" 2>&1 || return 1
		fi
		"$wt/scripts/config" --file "$2/.config" -e EXYNOS_IOMMU -e KUNIT \
			-e EXYNOS_IOMMU_KUNIT_TEST
		"${make[@]}" CROSS_COMPILE=arm-linux-gnueabihf- olddefconfig >> "$3" 2>&1 || return 1
	fi
	grep -q '^CONFIG_EXYNOS_IOMMU=y' "$2/.config" || { echo "EXYNOS_IOMMU is not y" >> "$3"; return 1; }
	# Once the series has the KUnit option, it must be on.
	if grep -q '^config EXYNOS_IOMMU_KUNIT_TEST' "$wt/$driver/Kconfig" 2>/dev/null &&
	   ! grep -q '^CONFIG_EXYNOS_IOMMU_KUNIT_TEST=y' "$2/.config"; then
		echo "EXYNOS_IOMMU_KUNIT_TEST is not y" >> "$3"
		return 1
	fi
}

build() {	# step arch
	local o=$obj/$2 log=$logs/build-$2-$1.log
	local make=(make -s -C "$wt" ARCH="$2" O="$o" -j"$(nproc)")

	: > "$log"
	configure "$2" "$o" "$log" || return 1
	if [ "$2" = arm64 ]; then
		"${make[@]}" CROSS_COMPILE=aarch64-linux-gnu- Image >> "$log" 2>&1 || return 1
	else
		"${make[@]}" CROSS_COMPILE=arm-linux-gnueabihf- prepare >> "$log" 2>&1 || return 1
		"${make[@]}" CROSS_COMPILE=arm-linux-gnueabihf- drivers/iommu/ >> "$log" 2>&1 || return 1
	fi
	! grep -E 'drivers/iommu/.*(warning|error):|WARNING: modpost|undefined reference' "$log" >&2
}

step() {	# step name
	local s=$(date +%s) a=ok b=ok

	build "$1" arm64 || a=FAILED
	build "$1" arm || b=FAILED
	if [ $a = ok ] && [ $b = ok ]; then
		result ok "build arm64 (link) + arm: $2" "$(( $(date +%s) - s )) s"
	else
		result FAILED "build arm64 $a, arm $b: $2" "logs: $logs/build-*-$1.log"
	fi
}

# Whether a patch changes anything a build reads.
builds_something() {	# patch
	git_wt diff --name-only HEAD~1 HEAD |
		grep -qvE '^(Documentation/|MAINTAINERS$|arch/[^/]+/boot/dts/)'
}

echo "patches-check: pristine 7.3 and ${#patches[@]} patches; arm64 link and arm build after each"
step 00 "pristine"
echo "  ${report[-1]}"
applied=0
for p in "${patches[@]}"; do
	name=$(basename "$p" .patch)
	case $p in */later/*) num=L${name%%-*} ;; *) num=${name%%-*} ;; esac
	if ! git_wt am -q "$p" > "$logs/am-$num.log" 2>&1; then
		cat "$logs/am-$num.log"
		git_wt am --abort >/dev/null 2>&1
		result FAILED "git am $num $name"
		break
	fi
	applied=$((applied + 1))
	if builds_something; then
		step "$num" "$num ${name#*-}"
	else
		result ok "no build input changed: $num ${name#*-}"
	fi
	echo "  ${report[-1]}"
done

if [ "$applied" -eq "${#patches[@]}" ]; then
	result ok "git am: all ${#patches[@]} patches apply to pristine 7.3"

	# The final tree is the project's version of the kernel less the
	# project-only files (tests/patches/series) and their Makefile and
	# Kconfig lines, as patches.sh checked when it made the series.
	final=$(git_wt rev-parse HEAD)
	extra=$(git -C "$tree" -c core.quotepath=off diff --name-only "$final" -- |
		grep -vE "^$driver/(robust_test|bench)|^$driver/(Makefile|Kconfig)$|^drivers/iommu/iommu.c$" || true)
	if [ -z "$extra" ]; then
		result ok "final tree = prepared tree less the project-only files"
	else
		result FAILED "final tree differs from the prepared tree" "$(echo $extra)"
	fi

	# checkpatch, size and get_maintainer of every patch, in the final
	# tree. checkpatch's SPDX check runs scripts/spdxcheck.py, which needs
	# python3-ply: use Debian's python3 (see deps.sh) before any other.
	for p in "${patches[@]}"; do
		name=$(basename "$p" .patch)
		case $p in */later/*) num=L${name%%-*} ;; *) num=${name%%-*} ;; esac
		(cd "$wt" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --show-types \
			--ignore FILE_PATH_CHANGES "$p") > "$logs/checkpatch-$num.log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && ! grep -qE '^(ERROR|WARNING|CHECK):|^Traceback' \
			"$logs/checkpatch-$num.log"; then
			result ok "checkpatch --strict $num ${name#*-}"
		else
			grep -E -A3 '^(ERROR|WARNING|CHECK):' "$logs/checkpatch-$num.log" | head -n 40
			result FAILED "checkpatch --strict $num ${name#*-}" "$logs/checkpatch-$num.log"
		fi

		bytes=$(stat -c %s "$p")
		if [ "$bytes" -le "$max_bytes" ]; then
			result ok "size $num: $bytes bytes (<= $max_bytes)"
		else
			result FAILED "size $num: $bytes bytes (> $max_bytes)"
		fi

		(cd "$wt" && scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats \
			--no-remove-duplicates "$p") > "$logs/get_maintainer-$num.log" 2>&1
		files=$(sed -n 's|^+++ b/||p' "$p")
		want=()
		grep -qE '^(drivers/iommu/|Documentation/devicetree/bindings/iommu/)' <<< "$files" &&
			want+=(iommu@lists.linux.dev)
		grep -qE '^(Documentation/devicetree/bindings/|arch/[^/]+/boot/dts/)' <<< "$files" &&
			want+=(devicetree@vger.kernel.org)
		grep -qE '^arch/arm64/boot/dts/exynos/' <<< "$files" &&
			want+=(linux-samsung-soc@vger.kernel.org)
		missing=()
		for l in "${want[@]}"; do
			grep -qF "$l" "$logs/get_maintainer-$num.log" || missing+=("$l")
		done
		if [ "${#missing[@]}" -eq 0 ]; then
			result ok "get_maintainer $num: ${want[*]:-(no list required)}"
		else
			result FAILED "get_maintainer $num: ${missing[*]} missing" "$logs/get_maintainer-$num.log"
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
	if grep -qE '^M:.*(example\.(org|com|net)|Project)' "$logs/MAINTAINERS.section"; then
		result FAILED "MAINTAINERS: an M: line that is not a person"
	else
		result ok "MAINTAINERS: no M: line added for a non-person"
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

	# 7.3's DTS coding-style checker, in the strict mode it asks of new
	# submissions: the series adds no finding to the DTS files it changes
	# (their existing lines have many). It runs with the dt-schema root's
	# python, which has ruamel.yaml (tests/scripts/dtschema-root.sh).
	py=${DTSCHEMA_DIR:-$top/build/dtschema}/bin/.python
	bash "$top/tests/scripts/dtschema-root.sh" > "$logs/dtschema.log" 2>&1
	for f in $(git_wt diff --name-only pristine HEAD -- 'arch/*/boot/dts/*'); do
		git_wt show "pristine:$f" > "$logs/style-before.${f##*.}"
		before=$("$py" "$wt/scripts/dtc/dt-check-style" --mode=strict -j1 \
			"$logs/style-before.${f##*.}" 2>&1 | grep -c ': \[')
		"$py" "$wt/scripts/dtc/dt-check-style" --mode=strict -j1 "$wt/$f" \
			> "$logs/style-$(basename "$f").log" 2>&1
		after=$(grep -c ': \[' "$logs/style-$(basename "$f").log")
		if [ -x "$py" ] && [ "$after" -le "$before" ]; then
			result ok "dt-check-style --mode=strict $f" "$before -> $after findings"
		else
			result FAILED "dt-check-style --mode=strict $f" "$before -> $after findings, $logs/style-$(basename "$f").log"
		fi
	done

	# KUnit: the final tree is the prepared tree's series part, so the
	# results of "make kunit" on the prepared tree stand for it when they
	# are newer than every file of the driver there.
	if [ "${PATCH_CHECK_KUNIT:-1}" != 0 ]; then
		json=$top/build/kunit-results.json
		newest=$(find "$tree/$driver" -type f -newer "$json" 2>/dev/null | head -n 1)
		if [ ! -f "$json" ] || [ -n "$newest" ]; then
			s=$(date +%s)
			"$top/tests/scripts/kunit.sh" > "$logs/kunit.log" 2>&1
			rc=$?
			how="run now, $(( $(date +%s) - s )) s"
		else
			"$top/tests/scripts/kunit-summary.py" "$json" 0 > "$logs/kunit.log" 2>&1
			rc=$?
			how="results of make kunit, newer than the tree"
		fi
		counts=$(tail -n 1 "$logs/kunit.log")
		if [ $rc -eq 0 ]; then
			result ok "kunit (final tree)" "$counts ($how)"
		else
			tail -n 30 "$logs/kunit.log"
			result FAILED "kunit (final tree)" "$counts, log $logs/kunit.log"
		fi
	fi
fi

# The 6.12 backport: how much it changes, kept small (aim: 200 lines).
bp_lines=0
for p in "$top"/tests/backport/6.12/*.patch; do
	[ -e "$p" ] || continue
	bp_lines=$((bp_lines + $(grep -cE '^[-+]([^-+]|$)' "$p")))
done
echo "patches-check: the 6.12 backport (tests/backport/6.12, not in the series) changes $bp_lines lines"

echo "==> patches-check summary ($(( $(date +%s) - t0 )) s, logs in $logs)"
printf '%s\n' "${report[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
