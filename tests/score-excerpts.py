#!/usr/bin/env python3
"""Micro-averaged scores of several parses against their references.

usage: score-excerpts.py SCORER --min KEY=F1,... GOLD.json OUTPUT.json [GOLD OUTPUT ...]

SCORER is shared/tools/score-import; its matching is used as it is, and the
true/false positives and negatives of every pair are summed before the F1
is taken (micro-average), so that a short excerpt weighs what it holds.
Exits 1 when a named score falls below its floor.
"""
import importlib.machinery
import importlib.util
import json
import sys


def load_scorer(path):
    loader = importlib.machinery.SourceFileLoader("score_import", path)
    spec = importlib.util.spec_from_loader("score_import", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def main(argv):
    if len(argv) < 5 or argv[2] != "--min" or (len(argv) - 4) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    si = load_scorer(argv[1])
    floors = dict((k, float(v)) for k, v in (p.split("=") for p in argv[3].split(",")))
    totals = {k: [0, 0, 0] for k in ("sections", "items", "lead", "units", "targets")}
    same = matched = 0
    pairs = argv[4:]
    for gold_path, out_path in zip(pairs[0::2], pairs[1::2]):
        gold = json.load(open(gold_path, encoding="utf-8"))
        out = json.load(open(out_path, encoding="utf-8"))
        sp, sm, se = si.match_keyed(gold.get("sections") or [], out.get("sections") or [],
                                    si.head_key, si.head_similar)
        ip, im, ie = si.match_keyed(gold.get("items") or [], out.get("items") or [],
                                    si.head_key, si.head_similar)
        counts = {
            "sections": (len(sp), len(se), len(sm)),
            "items": (len(ip), len(ie), len(im)),
            "lead": si.unit_counts(ip, ["lead_units"]),
            "units": si.unit_counts(ip, ["lead_units", "responsible_units"]),
        }
        tp, fp, fn = si.score_targets(gold, out)[:3]
        counts["targets"] = (tp, fp, fn)
        same += sum(1 for g, o in si.matched if si.same_attrs(g, o))
        matched += len(si.matched)
        for k, v in counts.items():
            for i in range(3):
                totals[k][i] += v[i]
    scores = {k: si.prf(*v)[2] for k, v in totals.items()}
    scores["attrs"] = same / matched if matched else 1.0
    print("micro score: " + " ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    short = [k for k, v in floors.items() if scores.get(k, 0.0) < v]
    if short:
        print("below floor: " + ", ".join(f"{k} {scores[k]:.3f} < {floors[k]}" for k in short))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
