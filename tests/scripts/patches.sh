#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the project's change to Linux 6.12 as a patch series with a cover
# letter, split as tests/patches/series says, to build/patches/.
#
# The commits are made on branch $PATCH_BRANCH of the prepared tree, on top of
# the pristine commit, with git plumbing and a private index: no working
# tree is checked out or touched. Each commit takes the prepared tree's
# version of exactly the paths of its series entry (or deletes them). The
# dates are fixed, so the same sources give the same commits and patches.
#
# Environment: KTREE (prepared tree), PATCH_DIR (output), PATCH_BRANCH.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
series=$top/tests/patches/series
cover=$top/tests/patches/cover-letter
out=${PATCH_DIR:-$top/build/patches}
branch=${PATCH_BRANCH:-exynos-sysmmu-series}
start=$(date +%s)

die() { echo "patches: $*" >&2; exit 1; }
git_tree() { git -C "$tree" -c core.quotepath=off "$@"; }

[ -d "$tree/.git" ] || die "$tree is not a prepared tree; run 'make tree'"
git_tree rev-parse -q --verify pristine >/dev/null || die "$tree has no tag 'pristine'"

# --- Parse the series file -------------------------------------------------
set -f	# patterns are matched, never expanded against the file system
identity=
n=0
declare -a subject lit glob rest body
state=none
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case "$line" in \#*) continue ;; esac
	case "$state:$line" in
	none:identity:*|body:identity:*)
		identity=$(sed -E 's/^identity:[[:space:]]*//' <<< "$line") ;;
	*:patch:*)
		n=$((n + 1))
		subject[n]=$(sed -E 's/^patch:[[:space:]]*//' <<< "$line")
		lit[n]= glob[n]= rest[n]= body[n]=
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
	header:)
		state=body ;;
	header:*)
		die "$series:$lineno: expected 'paths:', 'rest:' or a blank line, got: $line" ;;
	body:*)
		body[n]+="$line"$'\n' ;;
	none:)
		;;
	none:*)
		die "$series:$lineno: expected 'identity:' or 'patch:', got: $line" ;;
	esac
done < "$series"

[ -n "$identity" ] || die "$series: no 'identity: Name <address>' line"
[[ "$identity" =~ ^(.+)\ \<(.+@.+)\>$ ]] || die "$series: bad identity: $identity"
export GIT_AUTHOR_NAME=${BASH_REMATCH[1]} GIT_AUTHOR_EMAIL=${BASH_REMATCH[2]}
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
[ "$n" -gt 0 ] || die "$series: no patches"

# --- Assign every changed path to one patch -----------------------------
mapfile -t changed < <(git_tree diff --name-only pristine)
[ "${#changed[@]}" -gt 0 ] || die "$tree has no change against pristine; run 'make tree'"

declare -A owner used
errors=()
for f in "${changed[@]}"; do
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
		errors+=("$f: changed by the project but in no patch: add it to a 'paths:' line of $series")
done
for ((i = 1; i <= n; i++)); do
	# A catch-all may catch nothing; any other pattern must match.
	for p in ${lit[i]} ${glob[i]}; do
		[ -n "${used["$i:$p"]:-}" ] ||
			errors+=("pattern '$p' of [${subject[i]}] matches no changed path")
	done
	owned=0
	for f in "${changed[@]}"; do [ "${owner[$f]:-}" = "$i" ] && owned=1 && break; done
	[ $owned -eq 1 ] || errors+=("[${subject[i]}] has no path")
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
for ((i = 1; i <= n; i++)); do
	for f in "${changed[@]}"; do
		[ "${owner[$f]}" = "$i" ] || continue
		if [ -e "$tree/$f" ]; then
			mode=100644
			[ -x "$tree/$f" ] && mode=100755
			git_tree update-index --add --cacheinfo \
				"$mode,$(git_tree hash-object -w -- "$tree/$f"),$f"
		else
			git_tree update-index --force-remove -- "$f"
		fi
	done
	{
		printf '%s\n\n' "${subject[i]}"
		printf '%s' "${body[i]}" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
		printf '\nSigned-off-by: %s\n' "$identity"
	} > "$tmp/msg"
	export GIT_AUTHOR_DATE="2026-05-04T12:$(printf '%02d' "$i"):00Z"
	export GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	parent=$(git_tree commit-tree "$(git_tree write-tree)" -p "$parent" -F "$tmp/msg")
done
unset GIT_INDEX_FILE
git_tree update-ref "refs/heads/$branch" "$parent"

# The series must end exactly at the project's version of the kernel.
left=$(git_tree diff --name-only "$branch" -- || true)
[ -z "$left" ] || die "the series differs from the prepared tree in: $left"

# --- Format -------------------------------------------------------------
mkdir -p "$out"
rm -f "$out"/*.patch
git_tree format-patch -q --cover-letter --thread=shallow -o "$out" \
	pristine.."$branch" > /dev/null
cl=$(ls "$out"/0000-cover-letter.patch)
csubject=$(head -n 1 "$cover")
tail -n +3 "$cover" > "$tmp/blurb"
awk -v subj="$csubject" -v blurb="$tmp/blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
	/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < blurb) > 0) print l; next }
	{ print }' "$cl" > "$tmp/cl" && mv "$tmp/cl" "$cl"
grep -q '\*\*\*' "$cl" && die "cover letter still has a placeholder"

echo "patches: $n patches and a cover letter in $out (branch $branch of $tree), $(( $(date +%s) - start )) s"
git_tree log --reverse --format='%h %s' pristine.."$branch" | nl -w2 -s'  '
git_tree diff --shortstat pristine "$branch"
