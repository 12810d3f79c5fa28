#!/usr/bin/env python3
"""How far two careful reviewers agree on vagueness, and where goal-lint stands between them.

    python3 corpus/agreement/score.py

SAMPLE.tsv holds 160 entry lines of batches 1-22 that the first reviewers gave a goal role
(goal, objective, key result, success criterion, action, career goal) and goal-lint at a386c4f
read as such an entry, 40 from each of four strata: first reviewer vague or not, crossed with
goal-lint vague or not (at most three lines per document). A second reviewer judged each line
by JUDGING.md without seeing either answer. The strata are weighted by their size among all
such lines (STRATA, counted at a386c4f), so the figures estimate the whole population.
"""

import csv
import pathlib
from collections import Counter

# (first reviewer vague, goal-lint vague) -> lines of batches 1-22 in that stratum.
STRATA = {("yes", "yes"): 517, ("yes", "no"): 295, ("no", "yes"): 330, ("no", "no"): 2488}


def main() -> None:
    rows = list(csv.DictReader(open(pathlib.Path(__file__).with_name("SAMPLE.tsv")), delimiter="\t"))
    for label, keep in (("all lines", lambda r: True), ("lines the second reviewer was sure of", lambda r: r["second_confidence"] == "sure")):
        counts = Counter((r["first_reviewer"], r["goal_lint_a386c4f"], r["second_reviewer"]) for r in rows if keep(r))
        weight = Counter()
        for (first, gl), size in STRATA.items():
            n = counts[(first, gl, "yes")] + counts[(first, gl, "no")]
            for second in ("yes", "no"):
                if n:
                    weight[(first, gl, second)] += size * counts[(first, gl, second)] / n
        total = sum(weight.values())

        def agree(a: int, b: int) -> float:
            return sum(w for k, w in weight.items() if k[a] == k[b]) / total

        def pr(pred: int, gold: int) -> tuple[float, float]:
            tp = sum(w for k, w in weight.items() if k[pred] == "yes" and k[gold] == "yes")
            return tp / sum(w for k, w in weight.items() if k[pred] == "yes"), tp / sum(w for k, w in weight.items() if k[gold] == "yes")

        print(f"{label} ({sum(counts.values())} of {len(rows)}):")
        print(f"  agreement, first and second reviewer: {agree(0, 2):.2f}; goal-lint and first: {agree(1, 0):.2f}; goal-lint and second: {agree(1, 2):.2f}")
        p, r = pr(2, 0)
        print(f"  the second reviewer scored against the first: precision {p:.2f}, recall {r:.2f}")
        p, r = pr(1, 0)
        print(f"  goal-lint against the first: precision {p:.2f}, recall {r:.2f}")
        p, r = pr(1, 2)
        print(f"  goal-lint against the second: precision {p:.2f}, recall {r:.2f}")


if __name__ == "__main__":
    main()
