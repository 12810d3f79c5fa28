#!/usr/bin/env python3
"""Score goal-lint on a labelled batch of real documents (corpus/batch-NN/).

    python3 corpus/score.py [--bin target/release/goal-lint] [-v] [--json OUT] BATCH_DIR...

Problems are scored at line level exactly as ../shared/corpus/score_judged.py scores judged/
(JUDGING.md): a finding on a listed (line, problem) is a hit, on an unlisted non-borderline line
a false alarm, a listed problem without a finding a miss; vague-goal, unmeasurable-success-metric
and vague-capability are one family; a pristine template (`1 template`) may get one finding.

The document's kind is read from `goal-lint outline` and compared with the reviewer's kind in
KINDS.tsv, in three classes: plan (filled-plan, partly-filled-template, archive-plan), template
(pristine-template) and not a plan (guide-about-goals, process-doc, near-miss-other). Kinds the
reviewer marked `unsure` are left out of the kind accuracy (JUDGING's "kinds the labellers split
on"). Today is 2026-11-30, as JUDGING.md fixes it."""
import argparse, collections, csv, glob, json, os, subprocess, sys

TODAY = "2026-11-30"
FAMILY = {"unmeasurable-success-metric": "vague-goal", "vague-capability": "vague-goal"}
KIND_CLASS = {
    "filled-plan": "plan",
    "partly-filled-template": "plan",
    "archive-plan": "plan",
    "pristine-template": "template",
    "guide-about-goals": "not a plan",
    "process-doc": "not a plan",
    "near-miss-other": "not a plan",
}


def norm(rule):
    return FAMILY.get(rule, rule)


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def md(name):
    return name if name.endswith(".md") else name + ".md"


GOAL_ROLES = {"goal", "objective", "key-result", "success-criterion", "action", "career-goal"}
OUR_GOAL_ROLES = {"goal", "objective", "key-result", "success", "action", "capability"}


def outline(binary, path):
    """The document's class and its entries' roles by line."""
    out = subprocess.run([binary, "outline", "--no-config", "--format", "json", path],
                         capture_output=True, text=True).stdout
    d = json.loads(out or "{}")
    kind = d.get("kind") or ""
    cls = "plan" if kind == "plan" else "template" if kind == "pristine template" else "not a plan"
    return cls, {e["line"]: e["role"] for e in d.get("entries", [])}


def score(binary, dirs):
    docs, border, kinds, repo, roles = [], set(), {}, {}, collections.defaultdict(dict)
    for d in dirs:
        for row in rows(os.path.join(d, "BORDERLINE.tsv")):
            if (row.get("line") or "").strip().isdigit():
                border.add((md(row["file"]), int(row["line"])))
        for row in rows(os.path.join(d, "KINDS.tsv")):
            kinds[md(row["file"])] = (row["kind"].strip(), (row.get("confidence") or "sure").strip())
        for row in rows(os.path.join(d, "ROLES.tsv")):
            if (row.get("line") or "").strip().isdigit():
                roles[md(row["file"])][int(row["line"])] = (row.get("role") or "").strip()
        for row in rows(os.path.join(d, "SOURCES.tsv")):
            repo[md(row["file"])] = row["repo"].split(" ")[0].strip()
        docs += sorted(p for p in glob.glob(os.path.join(d, "*.md")) if os.path.exists(p[:-3] + ".expected.tsv"))
    r = subprocess.run([binary, "--no-config", "--format", "json", "--today", TODAY, *docs],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"goal-lint failed ({r.returncode}): {r.stderr}")
    got = collections.defaultdict(set)
    for diag in json.loads(r.stdout or "[]"):
        name = os.path.basename(diag["path"])
        if (name, diag["start"]["line"]) not in border:
            got[name].add((diag["start"]["line"], norm(diag["rule"])))
    total = collections.Counter()
    by_rule = collections.defaultdict(collections.Counter)
    by_kind = collections.defaultdict(collections.Counter)
    per_doc, report = [], []
    kind_ok = kind_n = 0
    confusion = collections.Counter()
    role_counts = collections.Counter()
    for doc in docs:
        name = os.path.basename(doc)
        kind, confidence = kinds.get(name, ("?", "unsure"))
        gold = set()
        for row in rows(doc[:-3] + ".expected.tsv"):
            line = (row.get("line") or "").strip()
            if line.isdigit() and row.get("problem") and (name, int(line)) not in border:
                gold.add((int(line), norm(row["problem"].strip())))
        g = got.get(name, set())
        c = collections.Counter()
        if any(p == "template" for _, p in gold):
            c["fp"] += max(0, len(g) - 1)
            report += [f"FALSE ALARM {name}:{l} {r} (pristine template: one finding allowed)" for l, r in sorted(g)[1:]]
        else:
            lines = {l for l, _ in gold}
            for l, rule in sorted(g):
                if (l, rule) in gold:
                    c["tp"] += 1
                    by_rule[rule]["tp"] += 1
                elif l not in lines:
                    c["fp"] += 1
                    by_rule[rule]["fp"] += 1
                    report.append(f"FALSE ALARM {name}:{l} {rule}")
            for l, rule in sorted(gold - g):
                c["fn"] += 1
                by_rule[rule]["fn"] += 1
                report.append(f"MISS        {name}:{l} {rule}")
        total.update(c)
        by_kind[kind].update(c)
        want = KIND_CLASS.get(kind)
        have, entries = outline(binary, doc)
        for line, role in roles.get(name, {}).items():
            want_goal, have_goal = role in GOAL_ROLES, entries.get(line) in OUR_GOAL_ROLES
            if want_goal or have_goal:
                role_counts["tp" if want_goal and have_goal else "fn" if want_goal else "fp"] += 1
        if want and confidence != "unsure":
            kind_n += 1
            kind_ok += want == have
            confusion[(want, have)] += 1
            if want != have:
                report.append(f"KIND        {name}: reviewer {kind} ({want}), goal-lint {have}")
        per_doc.append({"file": name, "repo": repo.get(name, ""), "kind": kind, "confidence": confidence,
                        "class": have, "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]})
    return total, by_rule, by_kind, (kind_ok, kind_n, confusion), role_counts, per_doc, report


def ratio(a, b):
    return a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/goal-lint")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every false alarm, miss and wrong kind")
    ap.add_argument("--json", help="write per-document results here")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    total, by_rule, by_kind, (ok, n, confusion), roles, per_doc, report = score(a.bin, a.dirs)
    if a.verbose:
        print("\n".join(report))
    print(f"{len(per_doc)} documents")
    print("| rule | hits | false alarms | misses |\n|---|---|---|---|")
    for rule, c in sorted(by_rule.items()):
        print(f"| {rule} | {c['tp']} | {c['fp']} | {c['fn']} |")
    print("\n| reviewer kind | hits | false alarms | misses |\n|---|---|---|---|")
    for kind, c in sorted(by_kind.items()):
        print(f"| {kind} | {c['tp']} | {c['fp']} | {c['fn']} |")
    print("\nkind confusion (reviewer -> goal-lint), sure kinds only:")
    for (want, have), k in sorted(confusion.items()):
        print(f"  {want:10} -> {have:10} {k}")
    if roles:
        rtp, rfp, rfn = roles["tp"], roles["fp"], roles["fn"]
        print(f"\ngoal roles (ROLES.tsv): precision {ratio(rtp, rtp + rfp):.2f} recall {ratio(rtp, rtp + rfn):.2f} "
              f"(both {rtp}, goal-lint only {rfp}, reviewer only {rfn})")
    tp, fp, fn = total["tp"], total["fp"], total["fn"]
    print(f"\nproblems: precision {ratio(tp, tp + fp):.2f} recall {ratio(tp, tp + fn):.2f} "
          f"(hits {tp}, false alarms {fp}, misses {fn}); kind {ratio(ok, n):.2f} ({ok} of {n})")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(per_doc, f, indent=1)


if __name__ == "__main__":
    main()
