#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the project's KUnit suites on arm64 QEMU through kunit.py and report.
#
# Environment: KTREE (prepared kernel tree), KUNITCONFIG, KUNIT_DIR (build
# directory), KUNIT_JSON (results file), KUNIT_TIMEOUT (seconds), KUNIT_ARGS
# (extra kunit.py arguments), KUNIT_FILTER (suite glob).
# Exits non-zero when a test fails, the kernel crashes or no test ran; the last
# line printed is "N passed, N failed".
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${KTREE:-$top/build/linux}
kunitconfig=${KUNITCONFIG:-$top/tests/kunit/exynos.kunitconfig}
build_dir=${KUNIT_DIR:-$top/build/kunit-arm64}
json=${KUNIT_JSON:-$top/build/kunit-results.json}
log=${json%.json}.log
filter=${KUNIT_FILTER:-exynos-sysmmu*}

mkdir -p "$(dirname "$json")"
rm -f "$json"
export PATH=/usr/lib/ccache:$PATH
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}

start=$(date +%s)
# shellcheck disable=SC2086 # KUNIT_ARGS is a list of arguments
(cd "$tree" && python3 tools/testing/kunit/kunit.py run \
	--arch=arm64 --cross_compile=aarch64-linux-gnu- \
	--kunitconfig="$kunitconfig" --build_dir="$build_dir" \
	--jobs="$(nproc)" --timeout="${KUNIT_TIMEOUT:-600}" \
	--kernel_args=deferred_probe_timeout=-1 \
	--json="$json" ${KUNIT_ARGS:-} "$filter") 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
echo "kunit: kunit.py exited $rc after $(( $(date +%s) - start )) s; log in $log"

"$top/tests/scripts/kunit-summary.py" "$json" "$rc"
