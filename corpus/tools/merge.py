#!/usr/bin/env python3
"""Merge reviewers' folders into a new batch, and check it.

Usage: python3 corpus/tools/merge.py COLLECT_DIR corpus/batch-NN   (from the repository root)

COLLECT_DIR holds one folder per reviewer (a, b, ...), each with NAME.md documents,
NAME.expected.tsv, SOURCES.tsv, KINDS.tsv, ROLES.tsv, BORDERLINE.tsv and notes.md (see
BRIEF.md). Writes the batch (notes as notes/LETTER.md) and refuses it, exit 1, when a document
comes from a repository already used (`used_repos.py`), when one repository gives more than
four documents, when a document lacks a source, a kind, an expected list or roles, or when
`../shared/corpus/check_sources.py` reports anything."""
import collections
import glob
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HEADS = {
    "SOURCES.tsv": "file\trepo\tpath\tcommit\tlicence",
    "KINDS.tsv": "file\tkind\tdescription\tconfidence\ttheme",
    "ROLES.tsv": "file\tline\trole\tnote",
    "BORDERLINE.tsv": "file\tline\tproblem\tnote",
}


def md(name):
    return name if name.endswith(".md") else name + ".md"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    if os.path.exists(dst):
        sys.exit(f"{dst} exists")
    used = set(subprocess.run([sys.executable, os.path.join(HERE, "used_repos.py")],
                              capture_output=True, text=True, check=True).stdout.split())
    os.makedirs(os.path.join(dst, "notes"))
    rows = {k: [] for k in HEADS}
    docs, problems = {}, []
    for folder in sorted(glob.glob(os.path.join(src, "?"))):
        letter = os.path.basename(folder)
        names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "*.md"))
                       if os.path.basename(p) != "notes.md")
        for name in names:
            if name in docs:
                problems.append(f"{name}: in {docs[name]} and {letter}")
                continue
            docs[name] = letter
            shutil.copyfile(os.path.join(folder, name), os.path.join(dst, name))
            expected = os.path.join(folder, name[:-3] + ".expected.tsv")
            if os.path.exists(expected):
                shutil.copyfile(expected, os.path.join(dst, name[:-3] + ".expected.tsv"))
            else:
                problems.append(f"{name}: no expected list")
        if os.path.exists(os.path.join(folder, "notes.md")):
            shutil.copyfile(os.path.join(folder, "notes.md"), os.path.join(dst, "notes", letter + ".md"))
        for table in HEADS:
            path = os.path.join(folder, table)
            if not os.path.exists(path):
                continue
            for line in open(path, encoding="utf-8").read().splitlines()[1:]:
                if line.strip() and md(line.split("\t")[0]) in names:
                    rows[table].append(line)
    for table, head in HEADS.items():
        with open(os.path.join(dst, table), "w", encoding="utf-8") as out:
            out.write(head + "\n" + "".join(r + "\n" for r in rows[table]))
    repos = collections.Counter()
    for row in rows["SOURCES.tsv"]:
        name, repo = row.split("\t")[:2]
        repos[repo.lower()] += 1
        if repo.lower() in used:
            problems.append(f"{md(name)}: from {repo}, already used")
    problems += [f"{repo}: {n} documents (at most 4)" for repo, n in repos.items() if n > 4]
    for table in ("SOURCES.tsv", "KINDS.tsv", "ROLES.tsv"):
        have = {md(r.split("\t")[0]) for r in rows[table]}
        problems += [f"{name}: no row in {table}" for name in sorted(set(docs) - have)]
    check = subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "..", "shared", "corpus",
                                                         "check_sources.py"), dst],
                           capture_output=True, text=True)
    if check.returncode != 0:
        problems.append(check.stdout.strip())
    print(f"{len(docs)} documents from {len(repos)} repositories in {dst}")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
