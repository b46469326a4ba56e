#!/usr/bin/env python3
"""Collect the JSON reports of run.sh into results.csv, must_show.csv and markdown tables.

Reads papers/exact-collapse/results/*.json, models/models.json and bench.json (all written
by run.sh and train_l1_mlps.py); prints the tables of the README on stdout.
"""

import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")


def load(name):
    with open(os.path.join(RESULTS, name)) as f:
        return json.load(f)


def removed(report):
    return report["before"]["hidden_neurons"] - report["after"]["hidden_neurons"]


def kept_linear(report):
    return sum(len(d["neurons"]) for d in report["declined_folds"])


def mlp_rows():
    with open(os.path.join(HERE, "models", "models.json")) as f:
        models = {m["model"][:-5]: m for m in json.load(f)["models"]}
    rows = []
    for name in sorted(models, key=lambda n: (models[n]["width"], models[n]["l1"])):
        r, g, m = load(name + ".json"), load(name + "-growth.json"), models[name]
        rules = r["removed_by_rule"]
        rows.append({
            "model": name, "l1": m["l1"], "test_accuracy": m["test_accuracy"],
            "hidden_before": r["before"]["hidden_neurons"], "hidden_after": r["after"]["hidden_neurons"],
            "removed_fraction": round(removed(r) / r["before"]["hidden_neurons"], 4),
            "stable_dead": rules["stable_dead"], "stable_linear": rules["stable_linear"],
            "equivalent": rules["equivalent"], "dead_end": rules["dead_end"], "constant": rules["constant"],
            "linear_kept_by_budget": kept_linear(r),
            "parameters_before": r["before"]["parameters"], "parameters_after": r["after"]["parameters"],
            "seconds": round(r["total_seconds"], 4),
            "max_relative_change_data": r["data"]["max_relative_change"],
            "removed_fraction_growth_2": round(removed(g) / g["before"]["hidden_neurons"], 4),
            "parameters_after_growth_2": g["after"]["parameters"],
        })
    return rows


def must_show_rows():
    plan = load("planted-plan.json")
    rows = []
    for name in ("lenet-300-100", "planted"):
        r, ort = load(name + ".json"), load(name + "-ort.json")
        row = {"model": name, "hidden_before": r["before"]["hidden_neurons"],
               "hidden_after": r["after"]["hidden_neurons"], "seconds": round(r["total_seconds"], 4)}
        row.update({rule: n for rule, n in r["removed_by_rule"].items() if rule not in ("approx_merge", "pruned")})
        row.update({
            "max_relative_change_random": r["random_points"]["max_relative_change"],
            "max_relative_change_data": r["data"]["max_relative_change"],
            "ort_vs_condense_max_abs_diff": ort["condense"]["max_abs_diff"],
            "ort_argmax_agreement": ort["condense"]["argmax_agreement"],
        })
        if name == "planted":
            fates = {(f["neuron"]["layer"], f["neuron"]["index"]): f for f in r["removed"]}
            found = sum(1 for p in plan["planted"]
                        if (f := fates.get((p["neuron"]["layer"], p["neuron"]["index"]))) is not None
                        and f["rule"] == p["expected_rule"]
                        and (p["expected_rule"] != "equivalent" or f["partner"] == p["partner"]))
            row["planted_found"] = f"{found}/{len(plan['planted'])}"
            row["false_removals"] = len(fates) - found
        rows.append(row)
    return rows


def write_csv(path, rows):
    keys = list(dict.fromkeys(k for row in rows for k in row))
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(rows)


def markdown(rows, columns):
    lines = ["| " + " | ".join(title for _, title in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(fmt(row.get(key, "")) for key, _ in columns) + " |")
    return "\n".join(lines)


def fmt(v):
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 0.01 or abs(v) >= 1000 else f"{v:.4g}"
    return str(v)


def milp_rows():
    """Condense's stable neurons per layer against the MILP reference (milp-*.json), where present."""
    rows = []
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("milp-") and name.endswith(".json")):
            continue
        model = name[len("milp-"):-len(".json")]
        with open(os.path.join(HERE, name)) as f:
            milp = json.load(f)
        report = load(model + ".json")
        for k, layer in enumerate(milp["layers"], start=1):
            ours = [r for r in report["removed"] if r["neuron"]["layer"] == k]
            kept = sum(1 for d in report["declined_folds"] for n in d["neurons"] if n["layer"] == k)
            rows.append({
                "model": model, "layer": k, "width": layer["width"],
                "condense_dead": sum(1 for r in ours if r["rule"] == "stable_dead"),
                "condense_linear": sum(1 for r in ours if r["rule"] == "stable_linear") + kept,
                "lp_dead": layer["lp_dead"], "lp_active": layer["lp_active"],
                "milp_dead": layer["milp_dead"], "milp_active": layer["milp_active"],
                "seen_never_active": layer["seen_never_active"], "seen_never_inactive": layer["seen_never_inactive"],
                "milp_timed_out": len(layer["timed_out"]), "milp_seconds": round(milp["seconds"], 1),
            })
    return rows


def main():
    mlps, shows = mlp_rows(), must_show_rows()
    write_csv(os.path.join(HERE, "results.csv"), mlps)
    write_csv(os.path.join(HERE, "must_show.csv"), shows)
    for row in mlps:
        row["removed_pct"] = f"{100 * row['removed_fraction']:.1f} %"
        row["growth_pct"] = f"{100 * row['removed_fraction_growth_2']:.1f} %"
        row["acc"] = f"{100 * row['test_accuracy']:.2f} %"
    print(markdown(mlps, [("model", "model"), ("l1", "L1 λ"), ("acc", "test acc."), ("hidden_before", "hidden"),
                          ("removed_pct", "removed"), ("stable_dead", "stably dead"), ("stable_linear", "linear folded"),
                          ("linear_kept_by_budget", "linear kept (budget)"), ("seconds", "seconds"),
                          ("max_relative_change_data", "max rel. change (MNIST test)"),
                          ("growth_pct", "removed, parameters ≤ 2x (skip blocks)"),
                          ("parameters_after_growth_2", "parameters then")]))
    print()
    print(markdown(shows, [("model", "model"), ("hidden_before", "hidden"), ("hidden_after", "after"),
                           ("dead_end", "dead end"), ("constant", "constant"), ("equivalent", "equivalent"),
                           ("stable_dead", "stably dead"), ("stable_linear", "stably linear"),
                           ("planted_found", "planted found"), ("false_removals", "other removals"),
                           ("seconds", "seconds"), ("max_relative_change_random", "max rel. change (random)"),
                           ("max_relative_change_data", "max rel. change (MNIST)"),
                           ("ort_vs_condense_max_abs_diff", "ORT vs Condense max |diff|")]))
    with open(os.path.join(HERE, "bench.json")) as f:
        bench = json.load(f)
    print()
    print(markdown(bench["rows"], [("scale", "scale"), ("widths", "widths"), ("edges", "edges"),
                                   ("neurons_removed", "removed"), ("planted", "planted"), ("seconds", "seconds"),
                                   ("nanoseconds_per_edge", "ns per edge")]))
    milp = milp_rows()
    if milp:
        write_csv(os.path.join(HERE, "milp.csv"), milp)
        print()
        print(markdown(milp, [("model", "model"), ("layer", "layer"), ("width", "width"),
                              ("condense_dead", "Condense: stably dead"), ("condense_linear", "Condense: stably linear"),
                              ("lp_dead", "LP dead"), ("lp_active", "LP active"),
                              ("milp_dead", "MILP dead"), ("milp_active", "MILP active"),
                              ("milp_timed_out", "MILP time-outs"),
                              ("seen_never_active", "never active on samples"),
                              ("seen_never_inactive", "never inactive on samples"),
                              ("milp_seconds", "MILP seconds (model)")]))


if __name__ == "__main__":
    main()
