#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build qemu-system-aarch64 with the emulated Exynos System MMU (tests/qemu):
# Debian's QEMU 7.2 source (apt-get source qemu, after adding a deb-src entry
# for the Debian archive the machine already uses), the model's files copied
# in, tests/qemu/wiring.patch applied, a minimal configuration (aarch64
# system emulation, the virt board only, no default features), ninja.
#
# The result is cached outside the clone, in
# ${EXYNOS_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/exynos-sysmmu}/qemu-<key>,
# where <key> hashes the QEMU source version, tests/qemu and the configure
# arguments: a second run finds it and builds nothing. build/qemu-system-aarch64
# in the clone is a symbolic link to the cached binary.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
qdir=$top/tests/qemu
cache=${EXYNOS_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/exynos-sysmmu}
link=$top/build/qemu-system-aarch64
configure_args=(
	--target-list=aarch64-softmmu
	--without-default-features
	--without-default-devices
	--with-devices-aarch64=exynos-sysmmu
	--disable-docs
	--disable-install-blobs
)
pkgs=(dpkg-dev build-essential ninja-build meson pkg-config python3 flex bison
      libglib2.0-dev libpixman-1-dev libfdt-dev zlib1g-dev)
srcs=/etc/apt/sources.list.d/exynos-sysmmu-deb-src.sources

if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	sudo=(sudo -n)
else
	sudo=(false)
fi
export DEBIAN_FRONTEND=noninteractive

# The build dependencies, as deps.sh does for the rest of the workbench.
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
	echo "qemu: installing ${missing[*]}"
	"${sudo[@]}" apt-get update -q ||
		{ echo "qemu: run as root (or with passwordless sudo) to install ${missing[*]}" >&2; exit 1; }
	"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# deb-src entries mirroring the machine's Debian deb entries (deb822
# .sources files and one-line .list files), unless apt already knows the
# qemu source.
deb_src_entries() {	# ext: sources or list
	python3 - "$1" "$srcs" /etc/apt/sources.list /etc/apt/sources.list.d/* <<'PY'
import re, sys
ext, ours, files = sys.argv[1], sys.argv[2], sys.argv[3:]
for f in files:
    if f.rsplit('.', 1)[0] == ours.rsplit('.', 1)[0] or not f.endswith('.' + ext):
        continue
    try:
        text = open(f).read()
    except OSError:
        continue
    if ext == 'list':
        for line in text.splitlines():
            if re.match(r'deb\s', line) and 'debian' in line:
                print('deb-src' + line[3:])
        continue
    for stanza in re.split(r'\n\s*\n', text):
        types = re.search(r'^Types:(.*)$', stanza, re.M)
        uris = re.search(r'^URIs:(.*)$', stanza, re.M)
        if types and 'deb' in types.group(1).split() and uris and 'debian' in uris.group(1):
            print(re.sub(r'^Types:.*$', 'Types: deb-src', stanza.strip(), flags=re.M) + '\n')
PY
}
if ! apt-cache showsrc qemu 2>/dev/null | grep '^Package: qemu$' > /dev/null; then
	added=
	for ext in sources list; do
		entries=$(deb_src_entries $ext)
		[ -n "$entries" ] || continue
		echo "qemu: adding deb-src entries for apt-get source (${srcs%.*}.$ext)"
		printf '# Added by the exynos-sysmmu workbench (tests/scripts/qemu.sh).\n%s\n' \
			"$entries" | "${sudo[@]}" tee "${srcs%.*}.$ext" > /dev/null
		added=1
	done
	[ -n "$added" ] || { echo "qemu: no Debian deb entry to mirror as deb-src" >&2; exit 1; }
	"${sudo[@]}" apt-get update -q
fi

# The cache key: the source package version apt-get source would fetch,
# our files, the configuration.
dsc=$(apt-get source -qq --print-uris qemu | awk '$2 ~ /\.dsc$/ { print $2 }' | head -1)
[ -n "$dsc" ] || { echo "qemu: apt-get source --print-uris qemu found no .dsc" >&2; exit 1; }
key=$( { echo "$dsc"; echo "${configure_args[*]}"
	 (cd "$qdir" && find hw include configs wiring.patch -type f | LC_ALL=C sort |
	  xargs sha256sum); } | sha256sum | cut -c1-16)
if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
	cache=$top/build/qemu-cache
	mkdir -p "$cache"
fi
dir=$cache/qemu-$key
bin=$dir/build/qemu-system-aarch64
mkdir -p "$top/build"
if [ -x "$bin" ] && [ -f "$dir/ok" ]; then
	touch "$dir/ok"
	ln -sfn "$bin" "$link"
	echo "qemu: cached $bin (${dsc%.dsc}, key $key)"
	exit 0
fi

start=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir/dl"
echo "qemu: fetching ${dsc%.dsc} with apt-get source into $dir"
(cd "$dir/dl" && apt-get source -q qemu > "$dir/source.log" 2>&1) ||
	{ tail -20 "$dir/source.log" >&2; exit 1; }
src=$(find "$dir/dl" -mindepth 1 -maxdepth 1 -type d -name 'qemu-*' | head -1)
mv "$src" "$dir/src"
rm -rf "$dir/dl"
echo "qemu: applying tests/qemu (model files and wiring.patch)"
cp -r "$qdir/hw" "$qdir/include" "$qdir/configs" "$dir/src/"
patch -d "$dir/src" -p1 --no-backup-if-mismatch -s < "$qdir/wiring.patch"

echo "qemu: configuring and building qemu-system-aarch64 (log: $dir/build.log)"
mkdir -p "$dir/build"
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=$dir
# QEMU builds with -g: without this ccache hashes the build directory, which
# differs for every key.
export CCACHE_NOHASHDIR=1
(cd "$dir/build" && nice -n 10 ../src/configure "${configure_args[@]}" &&
	nice -n 10 ninja -j"$(nproc)" qemu-system-aarch64) > "$dir/build.log" 2>&1 ||
	{ tail -30 "$dir/build.log" >&2; echo "qemu: build failed" >&2; exit 1; }
touch "$dir/ok"
ln -sfn "$bin" "$link"
# Keep the three builds used last (clones at other commits may use them).
ls -dt "$cache"/qemu-*/ok 2>/dev/null | tail -n +4 | while read -r stale; do
	rm -rf "$(dirname "$stale")"
done
echo "qemu: built $bin in $(( $(date +%s) - start )) s"
