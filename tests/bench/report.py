#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Turn the "exynos-bench:" lines of a benchmark boot into a JSON file and a
# readable table with the targets of the benchmark, each PASS or MISS.
#
# Usage: report.py LOG JSON TABLE
# Exits 1 only if the log holds no complete benchmark; a missed target is
# not a failure.

import json
import re
import sys

IMPLS = ["ours", "v7s", "lpae"]
MODES = ["coh", "noncoh"]
LINE = re.compile(r"exynos-bench: (\w+) (.*)$")
MIN_L2_BYTES_PER_MIB = 1024	# 256 entries of 4 bytes per MiB


def parse(path):
    recs = []
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.search(line)
            if not m:
                continue
            rec = {"kind": m.group(1)}
            for kv in m.group(2).split():
                k, _, v = kv.partition("=")
                try:
                    rec[k] = int(v)
                except ValueError:
                    rec[k] = v
            recs.append(rec)
    return recs


def ktap_failures(path):
    fails, suite_ok = [], False
    with open(path, errors="replace") as f:
        for line in f:
            s = line.strip()
            m = re.search(r"\b(not ok|ok) \d+ (\S+)", s)
            if not m:
                continue
            if m.group(1) == "not ok":
                fails.append(m.group(2))
            elif m.group(2) == "exynos-bench":
                suite_ok = True
    return fails, suite_ok


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def main():
    log, out_json, out_table = sys.argv[1:4]
    recs = parse(log)
    fails, suite_ok = ktap_failures(log)
    info = next((r for r in recs if r["kind"] == "info"), {})

    # Page tables: ns per page, by (workload, op, mode, impl)
    times = {}
    wl_order = []
    for r in recs:
        if r["kind"] != "time":
            continue
        key = (r["wl"], r["op"], r["mode"])
        if key not in times:
            times[key] = {}
            wl_order.append(key)
        times[key][r["impl"]] = {
            "ns_per_page": r["median"] / r["pages"],
            "median_ns": r["median"], "min_ns": r["min"], "max_ns": r["max"],
            "pages_per_sample": r["pages"], "samples": r["samples"],
            "reps": r["reps"],
        }
    pgtable = []
    for key in wl_order:
        t = times[key]
        ns = {i: t[i]["ns_per_page"] for i in IMPLS if i in t}
        pgtable.append({
            "workload": key[0], "op": key[1], "walker": key[2],
            "ns_per_page": {i: round(v, 2) for i, v in ns.items()},
            "raw": t,
            "ours/v7s": ratio(ns.get("ours"), ns.get("v7s")),
            "ours/lpae": ratio(ns.get("ours"), ns.get("lpae")),
        })

    counters = []
    for r in recs:
        if r["kind"] != "cmo":
            continue
        c = {k: r[k] for k in ("wl", "impl", "calls", "tables", "fresh",
                               "steady", "table_bytes", "mib",
                               "unmap_tlb_calls")}
        c["fresh_per_call"] = round(r["fresh"] / r["calls"], 3)
        c["steady_per_call"] = round(r["steady"] / r["calls"], 3)
        c["fresh_per_table"] = ratio(r["fresh"], r["tables"])
        c["steady_per_table"] = ratio(r["steady"], r["tables"])
        c["table_bytes_per_mib"] = round(r["table_bytes"] / r["mib"], 1)
        counters.append(c)

    driver = {}
    for r in recs:
        if r["kind"] == "driver":
            driver.setdefault(r["op"], {})[r["members"]] = {
                "ns_per_page": r["median"] / r["pages"],
                "median_ns": r["median"], "min_ns": r["min"],
                "max_ns": r["max"], "pages_per_sample": r["pages"],
                "samples": r["samples"]}
    model = next((r for r in recs if r["kind"] == "model"), None)
    model_write_ns = model["median"] / model["writes"] if model else None
    regs = [{k: r[k] for k in ("members", "unmap_bytes", "syncs", "min", "max")}
            for r in recs if r["kind"] == "regs"]

    # Targets
    targets = []

    def target(name, value, limit, note=""):
        ok = value is not None and value <= limit
        targets.append({"target": name, "value": value, "limit": limit,
                        "result": "PASS" if ok else "MISS", "note": note})

    for row in pgtable:
        if row["workload"] not in ("4k-2m", "4k-all") or \
           row["op"] not in ("map", "map-warm", "unmap"):
            continue
        what = f"{row['workload']} {row['op']} {row['walker']}"
        target(f"ours/v7s {what}", row["ours/v7s"], 0.7)
        target(f"ours/lpae {what}", row["ours/lpae"], 0.8)
    for c in counters:
        if c["impl"] != "ours" or not c["tables"] or c["wl"] == "4k-1mib":
            continue
        target(f"cache maint. per L2 table per call, {c['wl']} fresh",
               c["fresh_per_table"], 1.0)
        target(f"cache maint. per L2 table per call, {c['wl']} steady",
               c["steady_per_table"], 1.0)
    if regs:
        target("register writes per member per sync (max, all sizes)",
               max(r["max"] for r in regs), 3)
    for op in ("unmap1m", "unmap4k"):
        d = driver.get(op, {})
        if 1 in d and 3 in d:
            target(f"driver {op}+sync, 3 members / 1 member",
                   ratio(d[3]["ns_per_page"], d[1]["ns_per_page"]), 1.3)
    for c in counters:
        if c["impl"] == "ours" and c["wl"] == "4k-all":
            target("table memory, dense 4K, / format minimum",
                   ratio(c["table_bytes_per_mib"], MIN_L2_BYTES_PER_MIB), 1.01)
    for mode in MODES:
        big = [times.get(("4k-all", op, mode), {}).get("ours") for op in ("map", "unmap")]
        small = [times.get(("4k-1mib", op, mode), {}).get("ours") for op in ("map", "unmap")]
        if all(big) and all(small):
            # ns per page times pages: the cost of the whole range
            target(f"64 MiB / 1 MiB map+unmap cost, {mode}",
                   ratio(sum(x["ns_per_page"] for x in big) * 16384,
                         sum(x["ns_per_page"] for x in small) * 256), 70)

    complete = suite_ok and not fails and pgtable and counters and driver
    result = {
        "complete": bool(complete), "failures": fails, "info": info,
        "pgtable": pgtable, "counters": counters, "driver": driver,
        "register_writes": regs, "model_write_ns": model_write_ns,
        "targets": targets,
    }
    with open(out_json, "w") as f:
        json.dump(result, f, indent=1)

    lines = []
    p = lines.append
    p(f"Page tables: ns per page, median of {info.get('reps', '?')} "
      "(QEMU TCG, -cpu max: emulated times, compare ratios)")
    p(f"{'workload':10} {'op':10} {'walker':7} {'ours':>8} {'v7s':>8} "
      f"{'lpae':>8} {'ours/v7s':>9} {'ours/lpae':>9}")
    for row in pgtable:
        ns = row["ns_per_page"]
        p(f"{row['workload']:10} {row['op']:10} {row['walker']:7} "
          + " ".join(f"{ns.get(i, float('nan')):8.1f}" for i in IMPLS)
          + f" {row['ours/v7s'] or 0:9.2f} {row['ours/lpae'] or 0:9.2f}")
    p("")
    p("Counters, non-coherent walker: cache-maintenance calls (DMA maps and "
      "syncs of tables) per map_pages call and per last-level table, into "
      "fresh tables / into existing ones; table bytes per MiB mapped; TLB "
      "callbacks of the unmap")
    p(f"{'workload':10} {'impl':5} {'calls':>5} {'tables':>6} "
      f"{'fresh/call':>10} {'steady/call':>11} {'fresh/tbl':>9} "
      f"{'steady/tbl':>10} {'B/MiB':>7} {'tlb':>6}")
    for c in counters:
        p(f"{c['wl']:10} {c['impl']:5} {c['calls']:5} {c['tables']:6} "
          f"{c['fresh_per_call']:10.2f} {c['steady_per_call']:11.2f} "
          f"{c['fresh_per_table'] or 0:9.2f} {c['steady_per_table'] or 0:10.2f} "
          f"{c['table_bytes_per_mib']:7.0f} {c['unmap_tlb_calls']:6}")
    p("")
    p("Through the driver (iommu_map/iommu_unmap, unmap includes the sync "
      "fanned out to every member): ns per 4 KiB page")
    p(f"{'op':8} {'1 member':>9} {'2':>9} {'3':>9} {'2/1':>6} {'3/1':>6}")
    for op, d in driver.items():
        ns = [d.get(n, {}).get("ns_per_page") for n in (1, 2, 3)]
        p(f"{op:8} " + " ".join(f"{x or 0:9.1f}" for x in ns)
          + f" {ratio(ns[1], ns[0]) or 0:6.2f} {ratio(ns[2], ns[0]) or 0:6.2f}")
    if model_write_ns is not None and 1 in driver.get("unmap4k", {}) \
       and 3 in driver.get("unmap4k", {}):
        d = driver["unmap4k"]
        extra = (d[3]["ns_per_page"] - d[1]["ns_per_page"]) / 2
        p(f"unmap4k: each member past the first adds {extra:.0f} ns per "
          f"sync, of which the register model's 3 writes take "
          f"{3 * model_write_ns:.0f} ns ({model_write_ns:.0f} ns per "
          "locked, logged write)")
        for op in ("unmap1m", "unmap4k"):
            d = driver.get(op, {})
            if 1 not in d or 3 not in d:
                continue
            # unmap1m: one sync per 256 pages; unmap4k: one per page
            syncs = 1 / d[1]["pages_per_sample"] if op == "unmap1m" else 1
            adj = {n: d[n]["ns_per_page"] - n * 3 * model_write_ns * syncs
                   for n in (1, 3)}
            p(f"{op}: 3 members / 1 member without the model's writes "
              f"(as with free MMIO): {ratio(adj[3], adj[1])}")
    p("")
    p("Register writes per member for the one sync of an iommu_unmap()")
    p(f"{'members':>7} {'unmapped':>10} {'min':>4} {'max':>4}")
    for r in regs:
        p(f"{r['members']:7} {r['unmap_bytes']:10} {r['min']:4} {r['max']:4}")
    p("")
    p("Targets")
    for t in targets:
        p(f"  {t['result']:4}  {t['target']:52} {t['value']!s:>8} <= {t['limit']}")
    npass = sum(t["result"] == "PASS" for t in targets)
    p(f"{npass} of {len(targets)} targets pass")
    if not complete:
        p(f"bench: INCOMPLETE run (failures: {', '.join(fails) or 'none'})")
    text = "\n".join(lines) + "\n"
    with open(out_table, "w") as f:
        f.write(text)
    sys.stdout.write(text)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
