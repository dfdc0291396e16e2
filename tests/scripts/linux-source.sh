#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of the Linux source tarball of a kernel base, fetching it
# first if needed.
#
#   linux-source.sh 7.3    Debian's linux-source-7.3 (trixie-backports), the
#                          primary base
#   linux-source.sh 6.12   Debian's linux-source-6.12, installed by deps.sh
#                          (bookworm), the base of the GKI backport
#
# linux-source-7.3 is an architecture-independent package of another Debian
# suite. It is fetched without touching the machine's apt configuration: a
# private apt state (its own sources.list, lists, cache and an empty dpkg
# status) downloads the .deb, and dpkg -x unpacks it into a cache directory
# outside the clone, ${EXYNOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/exynos-sysmmu}
# (or build/cache when that is not writable). Nothing is installed; a second
# run only checks the cache.
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian),
# LINUX_TARBALL (use this tarball instead, for either base).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
base=${1:?usage: linux-source.sh 7.3|6.12}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ -n "${LINUX_TARBALL:-}" ]; then
	echo "$LINUX_TARBALL"
	exit 0
fi

case $base in
6.12)
	tarball=/usr/src/linux-source-6.12.tar.xz
	[ -r "$tarball" ] || { echo "linux-source: $tarball missing; run 'make deps'" >&2; exit 1; }
	echo "$tarball"
	exit 0 ;;
7.3)
	suite=trixie-backports
	pkg=linux-source-7.3 ;;
*)
	echo "linux-source: unknown base $base (7.3 or 6.12)" >&2
	exit 1 ;;
esac

cache=${EXYNOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/exynos-sysmmu}
if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
	cache=$top/build/cache
	mkdir -p "$cache"
fi
dir=$cache/$pkg
tarball=$dir/usr/src/$pkg.tar.xz
exec 9>"$cache/.$pkg.lock"
flock 9
if [ -r "$tarball" ] && [ -f "$dir/.version" ]; then
	echo "$tarball"
	exit 0
fi

apt_dir=$cache/apt-$suite
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs" \
	"$apt_dir/empty.d"
: > "$apt_dir/status"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
	> "$apt_dir/sources.list"
apt_opts=(
	-o Dir::State="$apt_dir"
	-o Dir::State::Lists="$apt_dir/lists"
	-o Dir::State::status="$apt_dir/status"
	-o Dir::Cache="$apt_dir/cache"
	-o Dir::Etc::sourcelist="$apt_dir/sources.list"
	-o Dir::Etc::sourceparts="$apt_dir/empty.d"
	-o Dir::Etc::preferencesparts="$apt_dir/empty.d"
	-o APT::Sandbox::User="$(id -un)"
	-o APT::Get::List-Cleanup=0
	-o Acquire::Languages=none
	-q
)
start=$(date +%s)
echo "linux-source: fetching $pkg from $suite with a private apt state" >&2
apt-get "${apt_opts[@]}" update > "$apt_dir/update.log" 2>&1 ||
	{ cat "$apt_dir/update.log" >&2; echo "linux-source: apt-get update ($suite) failed" >&2; exit 1; }
rm -f "$apt_dir/debs/"*.deb
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download "$pkg") > "$apt_dir/download.log" 2>&1 ||
	{ cat "$apt_dir/download.log" >&2; echo "linux-source: apt-get download $pkg failed" >&2; exit 1; }
deb=$(ls "$apt_dir/debs/${pkg}"_*.deb)
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
dpkg -x "$deb" "$dir.tmp"
dpkg-deb -f "$deb" Version > "$dir.tmp/.version"
rm -f "$deb"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
[ -r "$tarball" ] || { echo "linux-source: $deb has no $tarball" >&2; exit 1; }
echo "linux-source: $pkg $(cat "$dir/.version") in $dir ($(( $(date +%s) - start )) s)" >&2
echo "$tarball"
