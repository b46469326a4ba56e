#!/usr/bin/env python3
"""Tabulate papers/fine-tuning runs: python3 papers/fine-tuning/table.py MODEL_DIR

Reads MODEL_DIR/METHOD-FRACTION-eEPOCHS.json (reports of `condense simplify --units
--finetune-epochs E --json`) and writes MODEL_DIR/results.md, results.csv and accuracy.svg:
test accuracy of the original, right after the collapse, and after 1 and 5 epochs of
fine-tuning (the epoch kept by validation), per method and fraction, with drops in points.
"""
import csv
import glob
import json
import os
import re
import sys

COLORS = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d96a3"]


def main():
    folder = sys.argv[1]
    runs = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        m = re.match(r"(.+)-([0-9.]+)-e([0-9]+)\.json$", os.path.basename(path))
        if not m:
            continue
        method, fraction, epochs = m.group(1).replace("ls-global", "ls/global"), float(m.group(2)), int(m.group(3))
        runs[(method, fraction, epochs)] = json.load(open(path))
    methods = sorted({k[0] for k in runs}, key=lambda s: (not s.startswith("condense"), s))
    fractions = sorted({k[1] for k in runs})
    base = next(iter(runs.values()))["metric_before"]
    rows = []
    for method in methods:
        for f in fractions:
            one, five = runs.get((method, f, 1)), runs.get((method, f, 5))
            any_run = one or five
            if not any_run:
                continue
            step = any_run["steps"][-1]
            rows.append({
                "method": method, "fraction": f, "units": any_run["after"]["units"], "parameters": any_run["after"]["parameters"],
                "flops": any_run["after"]["flops"], "original": base, "collapsed": step["metric_collapsed"],
                "epoch1": one["metric_after"] if one else None, "epoch5": five["metric_after"] if five else None,
                "seconds1": one["seconds"] if one else None, "seconds5": five["seconds"] if five else None,
            })
    keys = list(rows[0].keys())
    with open(os.path.join(folder, "results.csv"), "w", newline="") as out:
        w = csv.DictWriter(out, fieldnames=keys)
        w.writeheader()
        w.writerows(rows)

    def drop(v):
        return "-" if v is None else f"{100 * v:.2f} ({100 * (v - base):+.2f})"

    with open(os.path.join(folder, "results.md"), "w") as out:
        out.write(f"Test accuracy (drop in points) of the original ({100 * base:.2f} %), right after the collapse, and after "
                  "1 and 5 epochs of fine-tuning (the epoch kept by validation).\n\n")
        out.write("| method | removed | units | parameters | collapsed | 1 epoch | 5 epochs |\n|---|---:|---:|---:|---:|---:|---:|\n")
        for r in rows:
            out.write(f"| {r['method']} | {100 * r['fraction']:.0f} % | {r['units']} | {r['parameters']:,} | {drop(r['collapsed'])} | "
                      f"{drop(r['epoch1'])} | {drop(r['epoch5'])} |\n")
    svg(folder, rows, methods, fractions, base)
    print(f"wrote {folder}/results.md, results.csv, accuracy.svg")


def svg(folder, rows, methods, fractions, base):
    """Accuracy against the fraction removed: dotted right after the collapse, dashed after 1 epoch, solid after 5."""
    width, height, left, right, top, bottom = 640, 400, 60, 170, 20, 50
    values = [v for r in rows for v in (r["collapsed"], r["epoch1"], r["epoch5"]) if v is not None] + [base]
    lo, hi = min(values), max(values)
    lo = max(0.0, lo - 0.01)
    x0, x1 = min(fractions) - 0.02, max(fractions) + 0.02

    def px(f):
        return left + (f - x0) / (x1 - x0) * (width - left - right)

    def py(v):
        return top + (hi - v) / max(hi - lo, 1e-9) * (height - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="black"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
             f'<line x1="{left}" y1="{py(base):.1f}" x2="{width - right}" y2="{py(base):.1f}" stroke="#999" stroke-dasharray="2,2"/>',
             f'<text x="{width - right + 4}" y="{py(base) + 4:.1f}">original</text>']
    for f in fractions:
        parts.append(f'<text x="{px(f):.1f}" y="{height - bottom + 15}" text-anchor="middle">{100 * f:.0f} %</text>')
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        parts.append(f'<text x="{left - 5}" y="{py(v) + 4:.1f}" text-anchor="end">{100 * v:.1f}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">units removed</text>')
    parts.append(f'<text x="14" y="{(top + height - bottom) / 2}" transform="rotate(-90 14 {(top + height - bottom) / 2})" '
                 'text-anchor="middle">test accuracy (%)</text>')
    styles = [("collapsed", "1,3"), ("epoch1", "6,3"), ("epoch5", "")]
    for i, method in enumerate(methods):
        color = COLORS[i % len(COLORS)]
        mine = [r for r in rows if r["method"] == method]
        for key, dash in styles:
            pts = [(px(r["fraction"]), py(r[key])) for r in mine if r[key] is not None]
            if len(pts) > 1:
                d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
                parts.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="1.6"'
                             + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        parts.append(f'<text x="{width - right + 4}" y="{top + 40 + 14 * i}" fill="{color}">{method}</text>')
    parts.append(f'<text x="{width - right + 4}" y="{top + 60 + 14 * len(methods)}">dotted: collapsed</text>')
    parts.append(f'<text x="{width - right + 4}" y="{top + 74 + 14 * len(methods)}">dashed: 1 epoch</text>')
    parts.append(f'<text x="{width - right + 4}" y="{top + 88 + 14 * len(methods)}">solid: 5 epochs</text>')
    parts.append("</svg>")
    open(os.path.join(folder, "accuracy.svg"), "w").write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
