#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make race: the reported race on Linux 7.3 and the emulated System MMU, for
# this driver and, as the control, the unchanged upstream exynos-iommu.c.
#
# Both kernels carry the race harness's hook in the IOMMU core
# (tests/race/iommu-race-hook.patch: it can hold a registering IOMMU between
# list_add and ready, and tells whether an IOMMU is ready) and boot with 2
# CPUs, the topologies of tests/race/race.dtso, deferred_probe_timeout=-1
# and the System MMU drivers probed asynchronously. The race module
# (tests/race/exynos_sysmmu_race.c) runs every row in one form per boot:
#   ours      the QEMU boots' kernel (build/qemu-kernel, the driver as a
#             module), forced (RACE_FORCED_ROUNDS rounds per row) and
#             uncontrolled (RACE_ROUNDS rounds per row, everything
#             unbound and rebound between rounds), with fw_devlink=on and
#             fw_devlink=permissive: 4 boots;
#   upstream  pristine 7.3 with the hook (a worktree of the 7.3 tree,
#             build/linux-upstream) and the driver built in; it cannot
#             unbind, so one round per row and boot: forced once per
#             condition, uncontrolled RACE_UPSTREAM_BOOTS boots per
#             condition.
# The late-probe warnings are counted in the log between the module's
# "race: row" lines (and, for ours, anywhere else in the boot). Verdicts:
# every row of ours has no warning, no master configured before its IOMMUs
# were ready, and every round ended with the master bound, translated and
# copying through every port (a refused topology: refused every round);
# the upstream driver's forced rows must show the race (the harness can
# fail); its uncontrolled rows are reported. Last line: "N passed, N
# failed".
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
tag=race
out=${RACE_DIR:-$top/build/race}
config=$top/tests/common/qemu-kernel.config
module_src=$top/tests/race
module=exynos_sysmmu_race.ko
overlay=$top/tests/race/race.dtso
topology=v7+v7:v7+v7:v7+v7+v7+v7:v7+v7+v7:v7+v7:v7+v7
qemu_machine=(-machine "virt,exynos-sysmmu=$topology" -cpu max -m 1G -smp 2 -nic none)
rounds=${RACE_ROUNDS:-200}
forced_rounds=${RACE_FORCED_ROUNDS:-10}
upstream_boots=${RACE_UPSTREAM_BOOTS:-10}
# shellcheck source=tests/scripts/qemu-boot.sh
. "$top/tests/scripts/qemu-boot.sh"
set -e
t0=$(date +%s)
mkdir -p "$out"
# The table reads every log: none may be left from an earlier run (a
# debugging run of some boots, RACE_BOOTS, keeps the others).
[ -n "${RACE_BOOTS:-}" ] || rm -f "$out"/*.log
# An oops ends the boot (panic=-1, -no-reboot) instead of its time limit.
async="driver_async_probe=exynos-sysmmu,exynos-sysmmu-group deferred_probe_timeout=-1 oops=panic"

logs=$out
boot() {	# name limit kernel-args...
	local name=$1 limit=$2

	shift 2
	# For debugging the harness: RACE_BOOTS="name..." runs only these
	# boots, RACE_ARGS adds kernel arguments.
	case " ${RACE_BOOTS:-$name} " in *" $name "*) ;; *) return 0 ;; esac
	qemu_boot_run "$limit" "$logs/$name.log" "$async" ${RACE_ARGS:+"$RACE_ARGS"} "$@"
	grep -q 'race: done' "$logs/$name.log" ||
		echo "race: FAIL $name did not finish (QEMU exit $rc)"
}

# --- This driver -----------------------------------------------------------
qemu_boot_build
ours_mods="modules=exynos-sysmmu.ko:$module,driver=ours"
for cond in on permissive; do
	boot "ours-$cond-forced" 600 "fw_devlink=$cond" \
		"$ours_mods,mode=forced,condition=$cond,rounds=$forced_rounds"
	boot "ours-$cond-uncontrolled" 900 "fw_devlink=$cond" \
		"$ours_mods,mode=uncontrolled,condition=$cond,rounds=$rounds"
done

# --- The upstream driver, unchanged, in pristine 7.3 with the hook ---------
ours_tree=$tree
up_tree=${RACE_UPSTREAM_TREE:-$top/build/linux-upstream}
if [ "$(git -C "$up_tree" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)" != \
     "$(git -C "$ours_tree" rev-parse --path-format=absolute --git-common-dir)" ]; then
	rm -rf "$up_tree"
	git -C "$ours_tree" worktree prune
	git -C "$ours_tree" worktree add -q --detach "$up_tree" pristine
fi
# Pristine plus the hook, touching only what differs (the builds stay
# incremental).
git -C "$ours_tree" show pristine:drivers/iommu/iommu.c > "$out/iommu.c"
patch -s -F0 --no-backup-if-mismatch "$out/iommu.c" < "$top/tests/race/iommu-race-hook.patch"
cmp -s "$out/iommu.c" "$up_tree/drivers/iommu/iommu.c" ||
	cp "$out/iommu.c" "$up_tree/drivers/iommu/iommu.c"
changed=$(git -C "$up_tree" status --porcelain --untracked-files=no | grep -v ' drivers/iommu/iommu.c$' || true)
[ -z "$changed" ] || { echo "race: $up_tree has other changes: $changed" >&2; exit 1; }
sed 's/^CONFIG_EXYNOS_IOMMU=m$/CONFIG_EXYNOS_IOMMU=y/' "$config" > "$out/upstream.config.new"
cmp -s "$out/upstream.config.new" "$out/upstream.config" ||
	mv "$out/upstream.config.new" "$out/upstream.config"
tree=$up_tree
o=$out/upstream-kernel
config=$out/upstream.config
driver_ko=
tag=race-upstream
out=$logs/upstream
qemu_boot_build
# Only the legacy row's master: the others list group nodes, which the
# upstream driver does not know, or share instances between two masters,
# which it cannot (one owner_node per instance).
for node in /dma@b200000 /dma@b202000 /dma@b203000 /dma@b204000 \
	    /race-master-shared /dma@b205000 /race-master-conflict; do
	fdtput -t s "$out/$tag.dtb" "$node" status disabled
done
up_mods="modules=$module,driver=upstream"
for cond in on permissive; do
	boot "upstream-$cond-forced" 300 "fw_devlink=$cond" \
		"$up_mods,mode=forced,condition=$cond"
	for i in $(seq 1 "$upstream_boots"); do
		boot "upstream-$cond-uncontrolled-$i" 300 "fw_devlink=$cond" \
			"$up_mods,mode=uncontrolled,condition=$cond"
	done
done

# --- The table ---------------------------------------------------------------
out=$logs
unfinished=$(grep -L 'race: done' "$out"/*.log | wc -l)
python3 - "$out" "$rounds" "$forced_rounds" "$unfinished" > "$out/race-results.txt" <<'PY'
import glob, os, re, sys
out, rounds, forced_rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
unfinished = int(sys.argv[4])
rows = {}	# (driver, cond, mode, row) -> dict
releases = []
warn_re = re.compile(r'late IOMMU probe at driver bind')
report_re = re.compile(r'WARNING:|Internal error: Oops|BUG:|Kernel panic')
outside = 0	# warnings of this driver's boots outside any row
for log in sorted(glob.glob(os.path.join(out, '*.log'))):
    cur = None
    ours_log = os.path.basename(log).startswith('ours-')
    for line in open(log, errors='replace'):
        if not cur and ours_log and warn_re.search(line):
            outside += 1
        m = re.search(r'race: row (\S+) (\S+) (\S+) (\S+) begin', line)
        if m:
            cur = m.groups()
            r = rows.setdefault(cur, dict(boots=0, warnings=0, rounds=0, bound=0,
                                          translated=0, dma_ok=0, second_ok=0,
                                          refused=0, early=0, not_held=0,
                                          seen=0, reports=0))
            r['boots'] += 1
            warns_at_begin = r['warnings']
            continue
        m = re.search(r'race: row (\S+) (\S+) (\S+) (\S+) end (.*)', line)
        if m:
            key = m.groups()[:4]
            r = rows[key]
            early = 0
            for kv in m.group(5).split():
                k, v = kv.split('=')
                r[k] += int(v)
                early += int(v) if k == 'early' else 0
            r['seen'] += r['warnings'] > warns_at_begin or early > 0
            cur = None
            continue
        if cur and warn_re.search(line):
            rows[cur]['warnings'] += 1
        if cur and report_re.search(line):
            rows[cur]['reports'] += 1
        m = re.search(r'race: release (\S+) (\S+) (\S+) (\S+) (ok|FAILED)', line)
        if m:
            releases.append(m.groups())
passed = failed = 0
print('%-9s %-11s %-12s %-13s %6s %6s %8s %6s %6s %8s %7s  %s' % (
    'driver', 'fw_devlink', 'form', 'topology', 'rounds', 'warns', 'early',
    'bound', 'dma', 'refused', 'reports', 'verdict'))
for key in sorted(rows, key=lambda k: (k[0] != 'ours', k[1], k[2], k[3])):
    d, cond, mode, row = key
    r = rows[key]
    n = r['rounds']
    if d == 'ours':
        want = forced_rounds if mode == 'forced' else rounds
        clean = r['warnings'] == 0 and r['early'] == 0 and r['not_held'] == 0 and \
            r['reports'] == 0 and n == want
        if row == 'conflict':
            ok = clean and r['refused'] == n
        else:
            ok = clean and r['bound'] == n and r['translated'] == n and r['dma_ok'] == n and \
                (row != 'shared' or r['second_ok'] == n)
        verdict = 'PASS' if ok else 'FAIL'
    elif mode == 'forced':
        ok = r['warnings'] > 0 or r['early'] > 0
        verdict = 'PASS (race caught)' if ok else 'FAIL (harness missed it)'
    else:
        ok = None
        verdict = 'reported (race in %d of %d boots)' % (r['seen'], r['boots'])
    if ok is True:
        passed += 1
    elif ok is False:
        failed += 1
    print('%-9s %-11s %-12s %-13s %6d %6d %8d %6d %6d %8d %7d  %s' % (
        d, cond, mode, row, n, r['warnings'], r['early'], r['bound'], r['dma_ok'],
        r['refused'], r['reports'], verdict))
for d, cond, mode, row, res in releases:
    ok = res == 'ok'
    passed += ok
    failed += not ok
    print('%s %s %s: releasing the second master of "%s" leaves the first translating: %s'
          % (d, cond, mode, row, 'PASS' if ok else 'FAIL'))
want_rows = 2 * 2 * 6
ours_rows = sum(1 for k in rows if k[0] == 'ours')
if ours_rows != want_rows:
    failed += 1
    print('FAIL: %d rows of this driver ran, %d expected' % (ours_rows, want_rows))
if outside:
    failed += 1
    print('FAIL: %d late-probe warning(s) in this driver\'s boots outside the rows' % outside)
if unfinished:
    failed += unfinished
    print('FAIL: %d boot(s) did not finish' % unfinished)
print('%d passed, %d failed' % (passed, failed))
PY
echo "race: $(( $(date +%s) - t0 )) s in all; logs in $out"
cat "$out/race-results.txt"
tail -n 1 "$out/race-results.txt" | grep -q ' 0 failed$'
