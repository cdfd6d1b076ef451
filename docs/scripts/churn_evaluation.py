#!/usr/bin/env python3
"""How well does the churn warning rank customers? Rerunnable: python3 docs/scripts/churn_evaluation.py [CVM]

Two data sets:
  1. CDNOW (the bundled sample): scores at the calibration end 1997-09-30; positive = no purchase
     in the holdout (1997-10-01 … 1998-06-30).
  2. A log from `cvm generate --truth-out`: scores at the observation end; positive = the customer
     truly dropped out (the generator's own truth).
Scores, higher = more likely to churn:
  - recency: days since the last purchase;
  - 1 - P(alive), BG/NBD (the `cvm analyze` run's column);
  - 1 - P(alive), MBG/NBD (the lifecycle's);
  - gap ratio: days since the last purchase over the customer's own rhythm (the warning's long-gap signal);
  - warning score: the lifecycle stage's severity (termination 3, decline 2, exploration 1,
    formation and stability 0), ties broken by 1 - P(alive) MBG/NBD / 10.
AUC is the Mann-Whitney statistic (ties count one half); top-decile lift is the positive rate of the
tenth with the highest scores over the overall rate (ties broken by file order). Only the standard
library is used, so the figures do not rest on cvm's own ScoreEvaluation.
"""
import csv
import os
import subprocess
import sys
import tempfile
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CVM = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "cvm")
SAMPLES = os.path.join(ROOT, "Sources", "CVMApp", "Resources", "samples")
SEVERITY = {"termination": 3, "decline": 2, "exploration": 1, "formation": 0, "stability": 0, "prospect": 0}


def cvm(db, *args):
    out = subprocess.run([CVM, "--database", db, *args], check=True, capture_output=True, text=True)
    return out.stdout


def rows(text):
    return list(csv.DictReader(text.splitlines()))


def auc(scores, outcomes):
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum, k = 0.0, 0
    while k < len(order):
        end = k
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[k]]:
            end += 1
        rank = (k + end + 2) / 2
        rank_sum += sum(rank for j in range(k, end + 1) if outcomes[order[j]])
        k = end + 1
    pos = sum(outcomes)
    neg = len(outcomes) - pos
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def lift(scores, outcomes):
    top = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[: max(1, len(scores) // 10)]
    return (sum(outcomes[i] for i in top) / len(top)) / (sum(outcomes) / len(outcomes))


def scores_at(db, as_of):
    cvm(db, "analyze", "--as-of", as_of)
    bg = {r["customer_id"]: float(r["p_alive"]) for r in rows(cvm(db, "runs", "show", "1", "--format", "csv"))}
    life = rows(cvm(db, "lifecycle", "--as-of", as_of, "--format", "csv"))
    out = {}
    for r in life:
        if r["stage"] == "prospect":
            continue
        mbg = float(r["p_alive"]) if r["p_alive"] else 1.0
        gap = float(r["days_since_last_purchase"])
        rhythm = float(r["rhythm_days"]) if r["rhythm_days"] else 1.0
        out[r["customer_id"]] = {
            "recency (days since the last purchase)": gap,
            "1 - P(alive), BG/NBD": 1 - bg[r["customer_id"]],
            "1 - P(alive), MBG/NBD": 1 - mbg,
            "gap ratio (own rhythm)": gap / rhythm,
            "warning score (stage, then MBG/NBD)": SEVERITY[r["stage"]] + (1 - mbg) / 10,
        }
    return out


def table(title, scores, outcome):
    ids = sorted(scores)
    outcomes = [outcome[i] for i in ids]
    print(f"\n{title}: {len(ids)} customers, {sum(outcomes)} positives ({100 * sum(outcomes) / len(ids):.1f} %)")
    print("| score | AUC | top-decile lift |\n|---|---:|---:|")
    for name in scores[ids[0]]:
        s = [scores[i][name] for i in ids]
        print(f"| {name} | {auc(s, outcomes):.3f} | {lift(s, outcomes):.2f} |")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "cdnow.sqlite")
        cvm(db, "init")
        cvm(db, "import", "transactions", os.path.join(SAMPLES, "transactions.csv"))
        scores = scores_at(db, "1997-09-30")
        end = date(1997, 9, 30)
        bought = set()
        with open(os.path.join(SAMPLES, "transactions.csv")) as f:
            for r in csv.DictReader(f):
                if date.fromisoformat(r["date"]) > end:
                    bought.add(r["customer_id"])
        table("CDNOW, calibration end 1997-09-30, positive = no purchase in the holdout", scores,
              {i: i not in bought for i in scores})

        log, truth = os.path.join(tmp, "g.csv"), os.path.join(tmp, "truth.csv")
        subprocess.run([CVM, "generate", "--customers", "20000", "--out", log, "--truth-out", truth],
                       check=True, capture_output=True)
        db = os.path.join(tmp, "generated.sqlite")
        cvm(db, "init")
        cvm(db, "import", "transactions", log)
        scores = scores_at(db, "2024-12-31")
        with open(truth) as f:
            dropped = {r["customer_id"]: r["alive_at_end"] == "0" for r in csv.DictReader(f)}
        table("Generated (20,000 customers, seed 42, as of 2024-12-31), positive = truly dropped out", scores,
              {i: dropped[i] for i in scores})


if __name__ == "__main__":
    main()
