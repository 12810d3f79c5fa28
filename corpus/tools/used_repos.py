#!/usr/bin/env python3
"""Print every repository a new batch must not take documents from, lowercased, one per line:
those of every batch here (`corpus/batch-*/SOURCES.tsv`), of `../shared/corpus` (its
`SOURCES.tsv` and `judged/SOURCES.tsv`) and the ones kept for measurement
(`../shared/corpus/EXCLUDED_SOURCES.txt`).

Usage: python3 corpus/tools/used_repos.py > USED_REPOS.txt   (from the repository root)"""
import csv
import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared", "corpus")


def repos_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            repo = (row.get("repo") or "").split(" ")[0].strip().lower()
            if "/" in repo:
                yield repo


def main():
    used = set()
    sources = glob.glob(os.path.join(ROOT, "corpus", "batch-*", "SOURCES.tsv"))
    sources += [os.path.join(SHARED, "SOURCES.tsv"), os.path.join(SHARED, "judged", "SOURCES.tsv")]
    for path in sources:
        if os.path.exists(path):
            used.update(repos_of(path))
    excluded = os.path.join(SHARED, "EXCLUDED_SOURCES.txt")
    if os.path.exists(excluded):
        for line in open(excluded, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#") and "/" in line:
                used.add(line.split()[0].lower())
    print("\n".join(sorted(used)))


if __name__ == "__main__":
    main()
