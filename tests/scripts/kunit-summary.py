#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Summarise a kunit.py JSON result: a per-suite table, then
# "N passed, N failed". Usage: kunit-summary.py RESULTS.json KUNIT_PY_EXIT_CODE
# Exits non-zero when a test failed, none ran, or kunit.py failed.
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
