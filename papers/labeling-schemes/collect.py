#!/usr/bin/env python3
"""Prints the tables of papers/labeling-schemes/README.md from bench.json and results/*.json,
and writes verify.csv."""
import csv
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def fmt(x, digits=3):
    if x is None:
        return ""
    if isinstance(x, int):
        return f"{x:,}"
    return f"{x:.{digits}g}"


def sizes_table(bench):
    print("| graph | scheme | semiring | order | entries mean / max | bits per label (mean) | total bits / weight bits | build (s) | query (ns) | Dijkstra (ns) | speed-up |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in bench["rows"]:
        print(f"| {r['graph']} | {r['scheme']} | {r.get('semiring') or ''} | {r.get('order') or ''} "
              f"| {r['entries_mean']:.1f} / {r['entries_max']} | {r['bits_mean']:,.0f} | {r['bits_per_weight_bit']:.3f} "
              f"| {r['build_wall_s']:.4f} | {r['query_ns']:.0f} | {fmt(r.get('dijkstra_ns'), 4)} "
              f"| {fmt(r.get('speedup_vs_dijkstra'), 3)}{'x' if r.get('speedup_vs_dijkstra') else ''} |")
    c = bench["claims"]
    print()
    print(f"Pruned landmark labeling on the {c['graph']} graph: build {c['pll_build_wall_s']:.2f} s "
          f"(<= 2 s: {c['build_within_2_s']}), query {c['pll_query_ns']:.0f} ns (<= 1 µs: {c['query_within_1_us']}).")


def verify_rows():
    rows = []
    for path in sorted(glob.glob(os.path.join(HERE, "results", "*.json"))):
        d = json.load(open(path))
        lab = d["labeling"]
        v = lab.get("verification") or {}
        err = v.get("error") or {}
        det = lab.get("details") or {}
        rows.append({
            "file": os.path.basename(path), "scheme": lab["scheme"], "semiring": lab.get("semiring") or "",
            "order": lab.get("order") or "", "pruned": d.get("prune", 0), "edges": lab["edges"],
            "checked": v.get("checked"), "mismatches": v.get("mismatches"), "reference": v.get("reference"),
            "error_median": err.get("median"), "error_p99": err.get("p99"), "error_max": err.get("max"),
            "weight_product_max_rel_error": det.get("weight_product_max_rel_error"),
            "bits_mean": lab["sizes"]["bits_mean"], "build_s": lab["build"]["wall_seconds"],
            "query_ns": lab["queries"]["ns_per_query"] if lab.get("queries") else None,
        })
    rows.sort(key=lambda r: (r["scheme"], r["semiring"], r["order"], r["pruned"], r["file"]))
    return rows


def verify_table(rows):
    with open(os.path.join(HERE, "verify.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    print("| scheme | semiring | order | pruned | edges | checked | mismatches | reference | error median / p99 / max | path sums vs ∏W (max rel. error) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        err = "" if r["mismatches"] is not None else f"{fmt(r['error_median'])} / {fmt(r['error_p99'])} / {fmt(r['error_max'])}"
        print(f"| {r['scheme']} | {r['semiring']} | {r['order']} | {int(r['pruned'] * 100)} % | {r['edges']:,} "
              f"| {r['checked']:,} | {'' if r['mismatches'] is None else r['mismatches']} | {r['reference']} | {err} "
              f"| {fmt(r['weight_product_max_rel_error'], 2)} |")
    exact = [r for r in rows if r["mismatches"] is not None]
    print()
    print(f"Exact runs: {len(exact)}, total mismatches: {sum(r['mismatches'] for r in exact)}.")


if __name__ == "__main__":
    bench = json.load(open(os.path.join(HERE, "bench.json")))
    print("## Sizes and times\n")
    sizes_table(bench)
    print("\n## Verification\n")
    verify_table(verify_rows())
