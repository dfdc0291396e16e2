#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the project's change to Linux 7.3 as patch series with cover
# letters, split as tests/patches/series says:
#   build/patches/        the series for the iommu and devicetree trees
#   build/patches/later/  the follow-up for the Samsung SoC tree (DTS,
#                         defconfig), to be posted once the first is in next
#
# The commits are made on branch $PATCH_BRANCH of the prepared 7.3 tree, on
# top of the pristine commit, with git plumbing and a private index: no
# working tree is checked out or touched. Each commit takes the prepared
# tree's version of exactly the paths of its series entry (or deletes them),
# or, for a "stage:" entry, the intermediate version the series gives. The
# dates are fixed, so the same sources and identity give the same patches.
#
# Author, committer and Signed-off-by are the git identity of whoever runs
# this: GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL if set (as for git itself),
# else git config user.name and user.email; without one it stops.
#
# Environment: KTREE (prepared tree), PATCH_DIR (output), PATCH_BRANCH.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
series=$top/tests/patches/series
stages=$top/tests/patches/stages
cover=$top/tests/patches/cover-letter
cover_later=$top/tests/patches/cover-letter-later
out=${PATCH_DIR:-$top/build/patches}
branch=${PATCH_BRANCH:-exynos-sysmmu-series}
start=$(date +%s)

die() { echo "patches: $*" >&2; exit 1; }
git_tree() { git -C "$tree" -c core.quotepath=off "$@"; }

[ -d "$tree/.git" ] || die "$tree is not a prepared tree; run 'make tree'"
git_tree rev-parse -q --verify pristine >/dev/null || die "$tree has no tag 'pristine'"

# --- Identity ----------------------------------------------------------
name=${GIT_AUTHOR_NAME:-$(git -C "$top" config user.name || true)}
email=${GIT_AUTHOR_EMAIL:-$(git -C "$top" config user.email || true)}
[ -n "$name" ] && [ -n "$email" ] ||
	die "no git identity: the patches are authored and signed off by whoever makes them; set 'git config user.name' and 'git config user.email' first"
identity="$name <$email>"
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email

# --- Parse the series file ---------------------------------------------
set -f	# patterns are matched, never expanded against the file system
n=0
later=0		# first patch of the follow-up series (0: none)
project_only=
declare -a subject lit glob rest body stage
state=none
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case "$line" in \#*) continue ;; esac
	case "$state:$line" in
	none:project-only:*|body:project-only:*)
		project_only+="${line#*:} " ;;
	none:later:*|body:later:*)
		[ "$later" -eq 0 ] || die "$series:$lineno: a second 'later:'"
		later=$((n + 1))
		later_subject=$(sed -E 's/^later:[[:space:]]*//' <<< "$line")
		state=none ;;
	*:patch:*)
		n=$((n + 1))
		subject[n]=$(sed -E 's/^patch:[[:space:]]*//' <<< "$line")
		lit[n]= glob[n]= rest[n]= body[n]= stage[n]=
		state=header ;;
	header:paths:*|header:rest:*)
		key=${line%%:*}
		for p in ${line#*:}; do
			if [ "$key" = rest ]; then
				rest[n]+="$p "
			elif [[ "$p" == *[\*\?\[]* ]]; then
				glob[n]+="$p "
			else
				lit[n]+="$p "
			fi
		done ;;
	header:stage:*)
		read -r spath sfile <<< "${line#*:}"
		[ -n "$sfile" ] || die "$series:$lineno: 'stage: <path> <file>'"
		[ -f "$stages/$sfile" ] || die "$series:$lineno: no $stages/$sfile"
		stage[n]+="$spath=$sfile " ;;
	header:)
		state=body ;;
	header:*)
		die "$series:$lineno: expected 'paths:', 'rest:', 'stage:' or a blank line, got: $line" ;;
	body:*)
		body[n]+="$line"$'\n' ;;
	none:)
		;;
	none:*)
		die "$series:$lineno: expected 'patch:', 'later:' or 'project-only:', got: $line" ;;
	esac
done < "$series"
[ "$n" -gt 0 ] || die "$series: no patches"

is_project_only() {
	local p
	for p in $project_only; do
		# shellcheck disable=SC2053 # $p is a pattern
		[[ "$1" == $p ]] && return 0
	done
	return 1
}

# --- Assign every changed path to one patch ------------------------------
mapfile -t changed < <(git_tree diff --name-only pristine)
[ "${#changed[@]}" -gt 0 ] || die "$tree has no change against pristine; run 'make tree'"

declare -A owner used staged_final
errors=()
series_paths=()
for f in "${changed[@]}"; do
	is_project_only "$f" && continue
	series_paths+=("$f")
	for level in lit glob rest; do
		hits=()
		for ((i = 1; i <= n; i++)); do
			eval "pats=\${$level[i]}"
			for p in $pats; do
				# shellcheck disable=SC2053 # $p is a pattern
				if [[ "$f" == $p ]]; then
					hits+=("$i")
					used["$i:$p"]=1
				fi
			done
		done
		mapfile -t hits < <(printf '%s\n' "${hits[@]}" | sort -un | sed '/^$/d')
		if [ "${#hits[@]}" -gt 1 ]; then
			errors+=("$f: in several patches ($level patterns): $(for i in "${hits[@]}"; do printf '[%s] ' "${subject[i]}"; done)")
			break
		elif [ "${#hits[@]}" -eq 1 ]; then
			owner["$f"]=${hits[0]}
			break
		fi
	done
	[ -n "${owner[$f]:-}" ] || [ "${#hits[@]}" -gt 1 ] ||
		errors+=("$f: changed by the project but in no patch: add it to a 'paths:' (or 'project-only:') line of $series")
done
for ((i = 1; i <= n; i++)); do
	# A catch-all may catch nothing; any other pattern must match.
	for p in ${lit[i]} ${glob[i]}; do
		[ -n "${used["$i:$p"]:-}" ] ||
			errors+=("pattern '$p' of [${subject[i]}] matches no changed path")
	done
	owned=0
	for f in "${series_paths[@]}"; do [ "${owner[$f]:-}" = "$i" ] && owned=1 && break; done
	[ $owned -eq 1 ] || [ -n "${stage[i]}" ] || errors+=("[${subject[i]}] has no path")
	for s in ${stage[i]}; do
		spath=${s%%=*}
		[ -n "${owner[$spath]:-}" ] ||
			errors+=("stage of $spath in [${subject[i]}]: no patch owns that path")
		if [ "${owner[$spath]:-0}" -lt "$i" ]; then
			errors+=("stage of $spath in [${subject[i]}] comes after the patch that owns it")
		elif [ "${owner[$spath]}" -eq "$i" ]; then
			staged_final["$spath"]=${s#*=}
		fi
	done
done
if [ "${#errors[@]}" -gt 0 ]; then
	printf 'patches: %s\n' "${errors[@]}" >&2
	die "${#errors[@]} problem(s) with $series"
fi

# --- Commit each patch with a private index ------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_INDEX_FILE=$tmp/index
git_tree read-tree pristine
parent=$(git_tree rev-parse pristine^{commit})
add_blob() {	# path file
	local mode=100644
	[ -x "$2" ] && mode=100755
	git_tree update-index --add --cacheinfo "$mode,$(git_tree hash-object -w -- "$2"),$1"
}
# A stage is the file's whole content, or for a kernel file (a stage
# ending in .patch) an edit of its pristine version.
stage_file() {	# path stage
	case $2 in
	*.patch)
		git_tree show "pristine:$1" > "$tmp/stage"
		patch -s -F0 --no-backup-if-mismatch "$tmp/stage" < "$stages/$2" > /dev/null ||
			die "$stages/$2 does not apply to pristine $1"
		echo "$tmp/stage" ;;
	*)	echo "$stages/$2" ;;
	esac
}
for ((i = 1; i <= n; i++)); do
	declare -A staged_here=()
	for s in ${stage[i]}; do
		staged_here["${s%%=*}"]=1
		sf=$(stage_file "${s%%=*}" "${s#*=}")
		add_blob "${s%%=*}" "$sf"
	done
	for f in "${series_paths[@]}"; do
		[ "${owner[$f]}" = "$i" ] || continue
		[ -n "${staged_here[$f]:-}" ] && continue
		if [ -e "$tree/$f" ]; then
			add_blob "$f" "$tree/$f"
		else
			git_tree update-index --force-remove -- "$f"
		fi
	done
	unset staged_here
	{
		printf '%s\n\n' "${subject[i]}"
		printf '%s' "${body[i]}" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
		printf '\nSigned-off-by: %s\n' "$identity"
	} > "$tmp/msg"
	export GIT_AUTHOR_DATE="2026-12-01T12:$(printf '%02d' "$i"):00Z"
	export GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	parent=$(git_tree commit-tree "$(git_tree write-tree)" -p "$parent" -F "$tmp/msg")
	[ "$i" -eq $((later - 1)) ] && git_tree update-ref "refs/heads/$branch-main" "$parent"
done
unset GIT_INDEX_FILE
git_tree update-ref "refs/heads/$branch" "$parent"
[ "$later" -gt 0 ] || git_tree update-ref "refs/heads/$branch-main" "$parent"

# The series plus the project-only additions must be the prepared tree:
# a project-only path is absent from the series, and a path whose last
# version in the series is a stage may differ from the tree only by lines
# the tree adds.
problems=()
while IFS= read -r f; do
	if is_project_only "$f"; then
		# Absent from the series, or (a kernel file the test trees
		# change) left as it is in pristine.
		if git_tree cat-file -e "pristine:$f" 2>/dev/null; then
			[ -z "$(git_tree diff --name-only pristine "$branch" -- "$f")" ] ||
				problems+=("$f: project-only, but the series changes it")
		else
			git_tree cat-file -e "$branch:$f" 2>/dev/null &&
				problems+=("$f: project-only, but in the series")
		fi
	elif [ -n "${staged_final[$f]:-}" ]; then
		del=$(git_tree diff --numstat "$branch" -- "$f" | cut -f2)
		[ "${del:-0}" -eq 0 ] ||
			problems+=("$f: the series' last version (${staged_final[$f]}) has lines the tree does not")
	else
		problems+=("$f: differs from the prepared tree")
	fi
done < <(git_tree diff --name-only "$branch" --)
[ "${#problems[@]}" -eq 0 ] ||
	{ printf 'patches: %s\n' "${problems[@]}" >&2; die "the series does not end at the project's kernel"; }

# --- Format --------------------------------------------------------------
set +f
format() {	# from to dir cover-file
	local cl csubject

	mkdir -p "$3"
	rm -f "$3"/*.patch
	git_tree format-patch -q --cover-letter --thread=shallow --base="$1" \
		-o "$3" "$1..$2" > /dev/null
	cl=$3/0000-cover-letter.patch
	csubject=$(head -n 1 "$4")
	tail -n +3 "$4" > "$tmp/blurb"
	awk -v subj="$csubject" -v blurb="$tmp/blurb" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
		/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < blurb) > 0) print l; next }
		{ print }' "$cl" > "$tmp/cl" && mv "$tmp/cl" "$cl"
	! grep -q '\*\*\*' "$cl" || die "$cl still has a placeholder"
}
rm -rf "$out/later"
format pristine "$branch-main" "$out" "$cover"
if [ "$later" -gt 0 ]; then
	[ -f "$cover_later" ] || die "no $cover_later for the follow-up series"
	format "$branch-main" "$branch" "$out/later" "$cover_later"
fi

echo "patches: $n patches by $identity in $out (branch $branch of $tree), $(( $(date +%s) - start )) s"
git_tree log --reverse --format='%h %s' pristine.."$branch" | nl -w2 -s'  ' |
	awk -v l="$later" '$1 == l { print "    -- follow-up series (build/patches/later/) --" } { print }'
for f in "$out"/[0-9]*.patch ${later:+"$out"/later/[0-9]*.patch}; do
	[ -e "$f" ] || continue
	printf '  %7d bytes  %s\n' "$(stat -c %s "$f")" "${f#"$out"/}"
done
git_tree diff --shortstat pristine "$branch"
