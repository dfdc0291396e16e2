#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Provide a dt-schema new enough for Linux 7.3 (>= 2024.4), and a sparse
# that knows __typeof_unqual__ (which 7.3's checker-valid.sh requires, or
# C=1 silently checks nothing), on Debian 12.
#
# Debian 12 ships dt-schema 2022.08 and Python 3.11; current dt-schema needs
# jsonschema >= 4.18 with its compiled helpers, which Debian 12 cannot give;
# its sparse 0.6.4 predates __typeof_unqual__. So, once:
#   1. debootstrap a minimal Debian trixie root (Python 3.13, jsonschema,
#      ruamel.yaml, rfc3987, libfdt, yamllint) into $DTSCHEMA_ROOT;
#   2. fetch sid's dt-schema and sparse .debs through a private apt state
#      (the host's apt configuration and package database are not touched)
#      and unpack them into that root with dpkg -x;
#   3. write wrappers into $DTSCHEMA_DIR/bin that run the root's own dynamic
#      loader and python3.x on the root's tool scripts, or on sparse (no
#      chroot, no mounts).
# Put $DTSCHEMA_DIR/bin first in PATH and the kernel's "make dt_binding_check"
# and "make CHECK_DTBS=y" use these tools; pass CHECK=$DTSCHEMA_DIR/bin/sparse
# for C=1.
#
# Idempotent: a stamp file records what was built; a second run only checks
# it (well under a second). Needs root (debootstrap) on the first run only.
#
# Environment:
#   DTSCHEMA_DIR   state directory (default: <project>/build/dtschema)
#   DTSCHEMA_ROOT  the trixie root (default: $DTSCHEMA_DIR/root)
#   DEBIAN_MIRROR  archive to use (default: http://deb.debian.org/debian)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${DTSCHEMA_DIR:-$top/build/dtschema}
root=${DTSCHEMA_ROOT:-$dir/root}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
bindir=$dir/bin
stamp=$dir/.stamp

suite=trixie
# dt-schema's Depends (sid 2026.06-1): python3:any, python3-jsonschema,
# python3-libfdt, python3-rfc3987, python3-ruamel.yaml. yamllint is what
# dt_binding_check lints with. ca-certificates is not needed (plain http
# to the archive, packages verified by apt/debootstrap signatures).
include=python3,python3-jsonschema,python3-ruamel.yaml,python3-rfc3987,python3-libfdt,yamllint
tools="dt-doc-validate dt-mk-schema dt-extract-example dt-validate dt-check-compatible yamllint"
# Bump when anything above or the wrapper format changes.
recipe="v4 $suite $include | $tools sparse | $root"

case $(uname -m) in
x86_64)  triplet=x86_64-linux-gnu;  loader=ld-linux-x86-64.so.2 ;;
aarch64) triplet=aarch64-linux-gnu; loader=ld-linux-aarch64.so.1 ;;
*) echo "dtschema: unsupported host architecture $(uname -m)" >&2; exit 1 ;;
esac

mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9

if [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "$recipe" ] &&
   [ -x "$bindir/dt-validate" ] && [ -d "$root/usr/lib/python3/dist-packages/dtschema" ]; then
	exit 0
fi
rm -f "$stamp"

if [ "$(id -u)" -ne 0 ]; then
	echo "dtschema: $root must be created once as root (debootstrap); run tests/scripts/dtschema-root.sh (or make dtcheck) once as root" >&2
	exit 1
fi
command -v debootstrap >/dev/null ||
	{ echo "dtschema: debootstrap missing (apt-get install debootstrap)" >&2; exit 1; }

t0=$(date +%s)

# 1. The trixie root. Built beside its final place and renamed when
# complete, so an interrupted run never leaves a half root that looks done.
if [ ! -x "$root/usr/bin/python3" ] ||
   [ "$(cat "$root/.debootstrap-done" 2>/dev/null)" != "$suite $include" ]; then
	echo "dtschema: debootstrap --variant=minbase $suite into $root (takes a minute)"
	rm -rf "$root.tmp" "$root"
	mkdir -p "$(dirname "$root")"
	if ! debootstrap --variant=minbase --include="$include" \
		"$suite" "$root.tmp" "$mirror" > "$dir/debootstrap.log" 2>&1; then
		tail -n 20 "$dir/debootstrap.log" >&2
		[ -f "$root.tmp/debootstrap/debootstrap.log" ] &&
			tail -n 20 "$root.tmp/debootstrap/debootstrap.log" >&2
		echo "dtschema: debootstrap failed; log in $dir/debootstrap.log" >&2
		exit 1
	fi
	# Drop the package cache (~50 MB); the root is never updated in place.
	rm -rf "$root.tmp/var/cache/apt/archives/"*.deb
	echo "$suite $include" > "$root.tmp/.debootstrap-done"
	mv "$root.tmp" "$root"
	echo "dtschema: debootstrap took $(( $(date +%s) - t0 )) s"
fi

# 2. sid's dt-schema via a private apt state. The Release file of a mirror
# snapshot may be past its Valid-Until; signatures are still checked.
apt_dir=$dir/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs" \
	"$apt_dir/empty.d"
: > "$apt_dir/status"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$root$keyring" ] && keyring=$root$keyring
echo "deb [signed-by=$keyring] $mirror sid main" > "$apt_dir/sources.list"
apt_opts=(
	-o Dir::State="$apt_dir"
	-o Dir::State::Lists="$apt_dir/lists"
	-o Dir::State::status="$apt_dir/status"
	-o Dir::Cache="$apt_dir/cache"
	-o Dir::Etc::sourcelist="$apt_dir/sources.list"
	-o Dir::Etc::sourceparts="$apt_dir/empty.d"
	-o Dir::Etc::preferencesparts="$apt_dir/empty.d"
	-o APT::Sandbox::User=root
	-o APT::Get::List-Cleanup=0
	-o Acquire::Languages=none
	-o Acquire::Check-Valid-Until=false
	-q
)
echo "dtschema: fetching dt-schema from sid"
apt-get "${apt_opts[@]}" update > "$apt_dir/update.log" 2>&1 ||
	{ cat "$apt_dir/update.log" >&2; echo "dtschema: apt-get update (sid) failed" >&2; exit 1; }
rm -f "$apt_dir/debs/"*.deb
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download dt-schema sparse) > "$apt_dir/download.log" 2>&1 ||
	{ cat "$apt_dir/download.log" >&2; echo "dtschema: apt-get download dt-schema sparse failed" >&2; exit 1; }
deb=$(ls "$apt_dir/debs/"dt-schema_*.deb)
dpkg -x "$deb" "$root"
version=$(dpkg-deb -f "$deb" Version)
dpkg -x "$(ls "$apt_dir/debs/"sparse_*.deb)" "$root"

# 3. Wrappers. The root's loader with --library-path (not LD_LIBRARY_PATH,
# which would leak into host programs the tools might start) and the root's
# interpreter with PYTHONHOME pointing into the root.
py=$(cd "$root/usr/bin" && ls python3.[0-9]* 2>/dev/null | grep -E '^python3\.[0-9]+$' | sort -V | tail -n1)
[ -n "$py" ] || { echo "dtschema: no python3.x in $root" >&2; exit 1; }
[ -x "$root/usr/lib/$triplet/$loader" ] ||
	{ echo "dtschema: $root/usr/lib/$triplet/$loader missing" >&2; exit 1; }

rm -rf "$bindir"
mkdir -p "$bindir"
# .python is the root's interpreter (dot-named so that it never shadows the
# host's python3 in PATH); each tool wrapper runs its script with it.
cat > "$bindir/.python" <<EOF
#!/bin/sh
# The dt-schema root's $py, run with the root's own loader.
# Generated by tests/scripts/dtschema-root.sh.
root='$root'
PYTHONHOME=\$root/usr \\
PYTHONPATH=\$root/usr/lib/python3/dist-packages \\
PYTHONNOUSERSITE=1 PYTHONUTF8=1 \\
exec "\$root/usr/lib/$triplet/$loader" \\
	--library-path "\$root/usr/lib/$triplet:\$root/usr/lib" \\
	"\$root/usr/bin/$py" "\$@"
EOF
chmod +x "$bindir/.python"
for t in $tools; do
	[ -f "$root/usr/bin/$t" ] || { echo "dtschema: $root/usr/bin/$t missing" >&2; exit 1; }
	printf '#!/bin/sh\nexec "%s/.python" "%s/usr/bin/%s" "$@"\n' "$bindir" "$root" "$t" > "$bindir/$t"
	chmod +x "$bindir/$t"
done

# sparse, a native program: the root's loader and libraries, the kernel's
# arguments passed through.
cat > "$bindir/sparse" <<EOF
#!/bin/sh
# sid's sparse, run with the dt-schema root's loader and libraries.
# Generated by tests/scripts/dtschema-root.sh.
exec '$root/usr/lib/$triplet/$loader' \\
	--library-path '$root/usr/lib/$triplet:$root/usr/lib' \\
	'$root/usr/bin/sparse' "\$@"
EOF
chmod +x "$bindir/sparse"
printf 'static inline int u(const int *q)\n{\n\t__typeof_unqual__(*q) v = *q;\n\treturn v;\n}\n' \
	> "$dir/typeof-unqual.c"
[ -z "$("$bindir/sparse" "$dir/typeof-unqual.c" 2>&1)" ] ||
	{ echo "dtschema: sid's sparse does not take __typeof_unqual__" >&2; exit 1; }

# Byte-compile what dpkg -x put there (no postinst ran), then smoke-test.
"$bindir/.python" -m compileall -q "$root/usr/lib/python3/dist-packages/dtschema" \
	>/dev/null 2>&1 || true
got=$("$bindir/dt-doc-validate" --version)
"$bindir/dt-validate" --version > /dev/null
"$bindir/yamllint" --version > /dev/null
{ echo 2023.9; echo "$got"; } | sort -Vc 2>/dev/null ||
	{ echo "dtschema: dt-doc-validate reports $got, need >= 2023.9" >&2; exit 1; }

printf '%s\ndt-schema %s (deb %s), %s, built %s in %d s\n' "$recipe" "$got" "$version" \
	"$py" "$(date -u +%FT%TZ)" "$(( $(date +%s) - t0 ))" > "$stamp"
echo "dtschema: dt-schema $got ready in $bindir ($(( $(date +%s) - t0 )) s)"
