#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The project's KUnit suites under the kernel's debugging options
# (tests/kunit/debug.kunitconfig: KASAN, lockdep, debug objects, kmemleak,
# fault injection), on 2 CPUs, followed by a kmemleak scan.
#
# kunit.py builds the kernel; this script boots it itself, because kunit.py
# makes the kernel reboot as soon as the suites are done, and the leak scan
# needs userspace after them: a nolibc /init (tests/kunit/leakcheck-init.c)
# that scans and prints kmemleak's report. kunit.py then parses the log.
#
# Environment: KTREE, KUNIT_DEBUG_CONFIG, KUNIT_DEBUG_DIR (build directory),
# KUNIT_DEBUG_JSON (results file), KUNIT_DEBUG_CPUS, KUNIT_TIMEOUT, KUNIT_FILTER.
# Fails on a failed test, a crash, any kernel report (KASAN, lockdep, RCU,
# debug objects, warnings) or any leak; the last line is "N passed, N failed",
# the suites' tests plus the two log checks.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
kunitconfig=${KUNIT_DEBUG_CONFIG:-$top/tests/kunit/debug.kunitconfig}
build_dir=${KUNIT_DEBUG_DIR:-$top/build/kunit-debug}
json=${KUNIT_DEBUG_JSON:-$top/build/kunit-debug-results.json}
log=${json%.json}.log
filter=${KUNIT_FILTER:-exynos-sysmmu*}
cpus=${KUNIT_DEBUG_CPUS:-2}
cross=aarch64-linux-gnu-
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}

fail() {
	echo "kunit-debug: $*"
	echo "0 passed, 1 failed"
	exit 1
}

mkdir -p "$(dirname "$json")"
rm -f "$json"
start=$(date +%s)
(cd "$tree" && python3 tools/testing/kunit/kunit.py build \
	--arch=arm64 --cross_compile=$cross --kunitconfig="$kunitconfig" \
	--build_dir="$build_dir" --jobs="$(nproc)") > "$log.build" 2>&1 ||
	{ tail -n 40 "$log.build"; fail "kernel build failed (log in $log.build)"; }
make -s -C "$tree" ARCH=arm64 CROSS_COMPILE=$cross O="$build_dir" \
	headers_install > /dev/null || fail "headers_install failed"
echo "kunit-debug: kernel built in $(( $(date +%s) - start )) s"

initramfs=$build_dir/leakcheck
rm -rf "$initramfs"
mkdir -p "$initramfs"/{proc,sys}
${cross}gcc -Os -static -nostdlib -fno-asynchronous-unwind-tables \
	-include "$tree/tools/include/nolibc/nolibc.h" \
	-I "$build_dir/usr/include" -o "$initramfs/init" \
	"$top/tests/kunit/leakcheck-init.c" -lgcc || fail "cannot build /init"
(cd "$initramfs" && find . | cpio -o -H newc --quiet) > "$build_dir/leakcheck.cpio"

boot=$(date +%s)
timeout "${KUNIT_TIMEOUT:-1800}" qemu-system-aarch64 -nodefaults -nographic \
	-no-reboot -machine virt -cpu max,pauth-impdef=on -smp "$cpus" -m 1024 \
	-serial stdio -kernel "$build_dir/arch/arm64/boot/Image.gz" \
	-initrd "$build_dir/leakcheck.cpio" \
	-append "console=ttyAMA0 kunit.enable=1 kunit.filter_glob=$filter deferred_probe_timeout=-1" \
	> "$log" 2>&1
rc=$?
echo "kunit-debug: QEMU exited $rc after $(( $(date +%s) - boot )) s; log in $log"

(cd "$tree" && python3 tools/testing/kunit/kunit.py parse --json="$json" "$log") \
	> "$log.parsed" 2>&1
summary=$("$top/tests/scripts/kunit-summary.py" "$json" "$rc")
echo "$summary"
counts=$(tail -n 1 <<< "$summary")
passed=$(sed -E 's/^([0-9]+) passed.*/\1/' <<< "$counts")
failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<< "$counts")

# What the debugging options report, wherever in the log it appears.
reports='BUG:|WARNING:|Oops|Kernel panic|Call trace:|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage|ODEBUG:|UBSAN:|blocked for more than'
n=$(grep -cE "$reports" "$log")
if [ "$n" -eq 0 ]; then
	passed=$((passed + 1))
	echo "kunit-debug: ok   no KASAN, lockdep, RCU, debug-objects or warning reports"
else
	failed=$((failed + 1))
	echo "kunit-debug: FAIL $n report line(s):"
	grep -nE -A 20 "$reports" "$log" | head -n 200
fi

if ! grep -q '^leakcheck: end' "$log"; then
	failed=$((failed + 1))
	echo "kunit-debug: FAIL no kmemleak report (the kernel did not reach /init, or kmemleak is off)"
else
	leaks=$(sed -n '/^leakcheck: begin/,/^leakcheck: end/p' "$log" |
		grep -c 'unreferenced object')
	if [ "$leaks" -eq 0 ]; then
		passed=$((passed + 1))
		echo "kunit-debug: ok   kmemleak: no leaks after the suites"
	else
		failed=$((failed + 1))
		echo "kunit-debug: FAIL kmemleak: $leaks suspected leak(s):"
		sed -n '/^leakcheck: begin/,/^leakcheck: end/p' "$log" | head -n 300
	fi
fi
echo "kunit-debug: $(( $(date +%s) - start )) s in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
