#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark: boot an arm64 kernel in QEMU (through kunit.py, with
# tests/bench/bench.kunitconfig and a build directory of its own) that runs
# the KUnit suite "exynos-bench", then turn its "exynos-bench:" lines into
# build/bench-results.json and a table (build/bench-results.txt) with each
# target PASS or MISS. Not part of "make check": a MISS is not a failure.
#
# Environment: KTREE (prepared tree), BENCH_DIR (build directory), BENCH_JSON
# (results file), BENCH_TIMEOUT (seconds), BENCH_ARGS (extra kunit.py
# arguments). Exits non-zero only if the benchmark did not run to its end.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
kunitconfig=$top/tests/bench/bench.kunitconfig
build_dir=${BENCH_DIR:-$top/build/bench-arm64}
json=${BENCH_JSON:-$top/build/bench-results.json}
log=${json%.json}.log
table=${json%.json}.txt

mkdir -p "$(dirname "$json")"
rm -f "$json" "$table"
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}

# Times are the guest's clock: a busy host stretches them unevenly.
read -r load _ < /proc/loadavg
if [ "${load%.*}" -ge "$(nproc)" ]; then
	echo "bench: warning: load average $load on $(nproc) CPUs; times will be noisy"
fi

start=$(date +%s)
# kunit.py's arm64 QEMU runs "-machine virt -cpu max" under TCG: a fixed CPU
# model, emulated times. --raw_output keeps the benchmark's own lines.
# shellcheck disable=SC2086 # BENCH_ARGS is a list of arguments
(cd "$tree" && python3 tools/testing/kunit/kunit.py run \
	--arch=arm64 --cross_compile=aarch64-linux-gnu- \
	--kunitconfig="$kunitconfig" --build_dir="$build_dir" \
	--jobs="$(nproc)" --timeout="${BENCH_TIMEOUT:-1200}" \
	--kernel_args=deferred_probe_timeout=-1 \
	--raw_output=all ${BENCH_ARGS:-} 'exynos-bench') > "$log" 2>&1
rc=$?
echo "bench: kunit.py exited $rc after $(( $(date +%s) - start )) s; log in $log"
if [ $rc -ne 0 ]; then
	tail -n 30 "$log"
	exit 1
fi
python3 "$top/tests/bench/report.py" "$log" "$json" "$table" || exit 1
echo "bench: results in $json and $table"
