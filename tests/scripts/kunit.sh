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

python3 - "$json" "$rc" <<'PY'
import json, sys

path, rc = sys.argv[1], int(sys.argv[2])
try:
    root = json.load(open(path))
except (OSError, ValueError) as e:
    print(f"kunit: no results ({e})")
    print("0 passed, 1 failed")
    sys.exit(1)

def leaves(group):
    for case in group.get("test_cases", []):
        yield case["status"]
    for sub in group.get("sub_groups", []):
        yield from leaves(sub)

total = {"PASS": 0, "FAIL": 0, "SKIP": 0, "ERROR": 0}
print(f"{'suite':40} {'pass':>5} {'fail':>5} {'skip':>5}")
for suite in root.get("sub_groups", []):
    n = {"PASS": 0, "FAIL": 0, "SKIP": 0, "ERROR": 0}
    for s in leaves(suite):
        n[s] = n.get(s, 0) + 1
    for k in total:
        total[k] += n[k]
    print(f"{suite['name']:40} {n['PASS']:5} {n['FAIL'] + n['ERROR']:5} {n['SKIP']:5}")
failed = total["FAIL"] + total["ERROR"]
if total["PASS"] + failed == 0:
    print("kunit: no test ran")
    failed = max(failed, 1)
elif rc != 0 and failed == 0:
    print("kunit: kunit.py failed (kernel crash or build error)")
    failed = 1
if total["SKIP"]:
    print(f"kunit: {total['SKIP']} skipped")
print(f"{total['PASS']} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
