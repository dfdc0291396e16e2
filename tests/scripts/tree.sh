#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare a kernel tree the project is built and tested in.
#
#   tree.sh [7.3]   the primary base, Linux 7.3, in $KTREE (build/linux): the
#                   base of the upstream series and of every stage but the
#                   backport's
#   tree.sh 6.12    the backport base, Linux 6.12 (Android's android16-6.12
#                   GKI), in $KTREE_612 (build/linux-6.12); after the overlay
#                   it also gets the backport, tests/backport/6.12/*.patch,
#                   which no other tree and no patch of the series carries
#
# First run: unpack the base's Linux source (tests/scripts/linux-source.sh)
# into the tree and commit it as the pristine base. Every run: compute the project's version of each kernel file
# it touches in a staging directory, then copy into the tree only what changed
# (so unchanged files keep their mtimes and incremental builds stay fast), and
# put back anything the project no longer changes. Afterwards
# "git -C $KTREE diff" is exactly the project's change to the kernel.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
base=${1:-7.3}
case $base in
7.3)	tree=${KTREE:-$top/build/linux}
	# Edits to existing kernel files, applied to their pristine versions
	# in order: the kernel-side patches of the upstream series, then the
	# test kernels' own (the race harness's hook in the IOMMU core), which
	# the series leaves out.
	patch_dirs="$top/tests/tree/patches $top/tests/race"
	backport_dir= ;;
6.12)	tree=${KTREE_612:-$top/build/linux-6.12}
	patch_dirs=
	backport_dir=$top/tests/backport/6.12 ;;
*)	echo "tree: unknown base $base (7.3 or 6.12)" >&2; exit 1 ;;
esac
stage=$tree.overlay

# Whole files the project owns, at their kernel paths.
kernel_dirs="drivers Documentation arch include"
# Kernel files the project deletes.
removed_list=$top/tests/tree/removed

git_tree() { git -C "$tree" -c core.quotepath=off "$@"; }

unpack() {
	local tmp=$tree.unpack tarball

	tarball=$("$top/tests/scripts/linux-source.sh" "$base")
	echo "tree: unpacking $(basename "$tarball") into $tree"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	tar -xf "$tarball" -C "$tmp" --strip-components=1
	git -C "$tmp" init -q
	git -C "$tmp" add -A -f .
	GIT_AUTHOR_DATE=2024-11-17T00:00:00Z GIT_COMMITTER_DATE=2024-11-17T00:00:00Z \
	git -C "$tmp" -c user.name=workbench -c user.email=workbench@localhost \
		commit -q -m "Linux $(make -s -C "$tmp" kernelversion 2>/dev/null) (pristine)"
	git -C "$tmp" tag pristine
	mv "$tmp" "$tree"
}

# Write the project's version of every touched kernel file into $stage.
stage_overlay() {
	local d p f

	rm -rf "$stage"
	mkdir -p "$stage"
	for d in $kernel_dirs; do
		[ -d "$top/$d" ] && cp -a "$top/$d" "$stage/"
	done

	# Replace the old driver's Kconfig entries with the project's Kconfig
	# (which sources drivers/iommu/exynos/Kconfig) and descend into the
	# new directory instead of building exynos-iommu.o.
	mkdir -p "$stage/drivers/iommu"
	git_tree show pristine:drivers/iommu/Kconfig | awk -v inc="$top/Kconfig" '
		/^config EXYNOS_IOMMU$/ { skip = 1; while ((getline l < inc) > 0) print l; print ""; next }
		skip && /^config / && !/^config EXYNOS_IOMMU/ { skip = 0 }
		!skip { print }' > "$stage/drivers/iommu/Kconfig"
	git_tree show pristine:drivers/iommu/Makefile |
		sed 's|^obj-\$(CONFIG_EXYNOS_IOMMU) += exynos-iommu.o$|obj-$(CONFIG_EXYNOS_IOMMU) += exynos/|' \
		> "$stage/drivers/iommu/Makefile"
	grep -q 'source "drivers/iommu/exynos/Kconfig"' "$stage/drivers/iommu/Kconfig"
	grep -q 'exynos/$' "$stage/drivers/iommu/Makefile"

	for p in $(for d in $patch_dirs; do ls "$d"/*.patch 2>/dev/null; done); do
		[ -e "$p" ] || continue
		for f in $(git apply --numstat "$p" | cut -f3); do
			[ -e "$stage/$f" ] && continue
			mkdir -p "$stage/$(dirname "$f")"
			git_tree show "pristine:$f" > "$stage/$f"
		done
		# The stage may lie inside the project's repository: without
		# the ceiling, git apply would take paths relative to that
		# repository and silently skip every file of a git diff.
		GIT_CEILING_DIRECTORIES=$(dirname "$stage") \
		git -C "$stage" apply --unsafe-paths --directory=. "$p" 2>/dev/null ||
			(cd "$stage" && patch -s -p1 < "$p")
	done

	# The backport edits the project's own files as staged above; it must
	# apply exactly, or the tree is not made.
	for p in ${backport_dir:+"$backport_dir"/*.patch}; do
		[ -e "$p" ] || continue
		(cd "$stage" && patch -s -p1 --no-backup-if-mismatch -F0 < "$p") ||
			{ echo "tree: $p does not apply to the driver any more" >&2; exit 1; }
	done
}

sync_overlay() {
	local f changed=0 restored=0

	# Copy in what differs.
	while IFS= read -r -d '' f; do
		f=${f#"$stage"/}
		if ! cmp -s "$stage/$f" "$tree/$f"; then
			mkdir -p "$tree/$(dirname "$f")"
			cp "$stage/$f" "$tree/$f"
			changed=$((changed + 1))
		fi
		# New files: Debian's top-level .gitignore hides everything, so
		# register them (intent-to-add) to make "git diff" show them.
		git_tree ls-files --error-unmatch -- "$f" >/dev/null 2>&1 ||
			git_tree add -f -N -- "$f"
	done < <(find "$stage" -type f -print0)

	# Delete what the project removes.
	if [ -f "$removed_list" ]; then
		while read -r f; do
			case "$f" in ''|\#*) continue ;; esac
			[ -e "$tree/$f" ] && { rm -f "$tree/$f"; changed=$((changed + 1)); }
		done < "$removed_list"
	fi

	# Put back whatever is changed in the tree but no longer by the project.
	while IFS= read -r f; do
		[ -e "$stage/$f" ] && continue
		grep -qxF "$f" "$removed_list" 2>/dev/null && continue
		if git_tree cat-file -e "pristine:$f" 2>/dev/null; then
			git_tree checkout pristine -- "$f"
		else
			git_tree rm -q -f --cached -- "$f"
			rm -f "$tree/$f"
		fi
		restored=$((restored + 1))
	done < <(git_tree status --porcelain --untracked-files=all | cut -c4-)

	echo "tree: $tree: $changed file(s) updated, $restored restored to pristine"
}

[ -d "$tree/.git" ] || unpack
stage_overlay
sync_overlay
