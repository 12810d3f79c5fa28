"""The server under load: 1,000 rapid incremental edits across 50 open documents, interleaved
with code-action and hover requests that are pipelined (sent without waiting for answers).
Every request is answered, the memory high-water mark stays bounded, and the final
diagnostics of every document equal a fresh CLI lint of its final text."""

from __future__ import annotations

import json
import os
import pathlib
import random
import select
import subprocess
import time

from conftest import TODAY, RawClient, binary

DOCS = 50
EDITS = 1000

PIECES = [
    "a", " ", "\n", "- ", "Work on payments", "Ship payments v2 by Week 3", "⭐️", "✅", "中文",
    "e\u0301", "## Goals\n", "**Why it matters:** ", "TODO", "Week 3-5", "**Success looks like:** 99.9% uptime",
    "Improve design consistency", "<!-- goal-lint-disable-line GL001 -->", "`code`", "*", "\t",
]


def template(i: int) -> str:
    return (
        f"# Plan {i}\n\n## Q3 Goals\n\n"
        f"- ⭐️ **Goal:** Ship payments v2 to {i}% of traffic by Week 6\n"
        "  - **Why it matters:** card failures cost 3% of revenue ✅\n"
        "- Work on payments\n"
        "- Improve design consistency\n\n"
        "## Actions\n\n- Migrate the ledger (Week 1-2)\n- Write the runbook\n"
    )


def lines_of(text: str) -> list[str]:
    """Lines as the server counts them with UTF-32 columns: split at \\n (no CR is inserted)."""
    return text.split("\n")


def apply(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    """Splice with UTF-32 (code point) positions, clamping like the server."""
    lines = lines_of(text)

    def offset(line: int, col: int) -> int:
        if line >= len(lines):
            return len(text)
        return sum(len(l) + 1 for l in lines[:line]) + min(col, len(lines[line]))

    a, b = offset(*start), offset(*end)
    a, b = min(a, b), max(a, b)
    return text[:a] + new + text[b:]


class Pipe:
    """Reads whatever the server has written so far, without blocking, so that neither side
    stalls on a full pipe while the test keeps sending."""

    def __init__(self, raw: RawClient):
        self.raw = raw
        self.messages: list[dict] = []

    def pump(self, timeout: float = 0.0) -> None:
        fd = self.raw.proc.stdout.fileno()
        while True:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                break
            chunk = os.read(fd, 1 << 16)
            assert chunk, f"server closed its output (exit {self.raw.proc.poll()})"
            self.raw.buffer += chunk
            timeout = 0.0
        while True:
            end = self.raw.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            header = self.raw.buffer[:end].decode("ascii")
            length = int(header.split(":", 1)[1])
            if len(self.raw.buffer) < end + 4 + length:
                return
            body = self.raw.buffer[end + 4 : end + 4 + length]
            self.raw.buffer = self.raw.buffer[end + 4 + length :]
            msg = json.loads(body)
            if "method" in msg and "id" in msg:  # a server-to-client request
                self.raw.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            else:
                self.messages.append(msg)


def memory_kib(pid: int, key: str) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {key} in /proc/{pid}/status")


def test_a_thousand_edits_across_fifty_documents(tmp_path: pathlib.Path):
    rng = random.Random(20261121)
    texts = {(tmp_path / f"plan-{i:02}.md").as_uri(): template(i) for i in range(DOCS)}
    versions = dict.fromkeys(texts, 1)
    with RawClient(binary(), tmp_path) as raw:
        caps = {"general": {"positionEncodings": ["utf-32"]}}
        result = raw.initialize(caps, {"today": TODAY, "debounceMs": 20})
        assert result["capabilities"]["positionEncoding"] == "utf-32"
        raw.notify("initialized", {})
        pipe = Pipe(raw)
        for uri, text in texts.items():
            raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        pending: dict[int, str] = {}
        uris = list(texts)
        for n in range(EDITS):
            uri = rng.choice(uris)
            lines = lines_of(texts[uri])
            line = rng.randrange(len(lines) + 1)
            col = rng.randrange(len(lines[line]) + 2) if line < len(lines) else 0
            if rng.random() < 0.3:
                end = (line + rng.randrange(2), rng.randrange(40))
                new = ""
            else:
                end = (line, col)
                new = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 4)))
            texts[uri] = apply(texts[uri], (line, col), end, new)
            versions[uri] += 1
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": end[0], "character": end[1]}}, "text": new}
            raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": versions[uri]}, "contentChanges": [change]})
            if n % 5 == 0:
                rid = raw.next_id
                raw.next_id += 1
                position = {"line": rng.randrange(12), "character": rng.randrange(30)}
                if n % 10 == 0:
                    method, params = "textDocument/codeAction", {
                        "textDocument": {"uri": uri},
                        "range": {"start": position, "end": position},
                        "context": {"diagnostics": []},
                    }
                else:
                    method, params = "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
                raw.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
                pending[rid] = method
            pipe.pump()

        # Every request is answered (with a result, not an error).
        deadline = time.monotonic() + 60
        answered: dict[int, dict] = {}
        final: dict[str, list] = {}
        while time.monotonic() < deadline:
            pipe.pump(0.1)
            for msg in pipe.messages:
                if "id" in msg and msg["id"] in pending:
                    answered[msg["id"]] = msg
                elif msg.get("method") == "textDocument/publishDiagnostics":
                    p = msg["params"]
                    if p.get("version") == versions[p["uri"]]:
                        final[p["uri"]] = p["diagnostics"]
            pipe.messages.clear()
            if len(answered) == len(pending) and len(final) == len(texts):
                break
        assert len(pending) == EDITS // 5
        assert sorted(answered) == sorted(pending), f"{len(pending) - len(answered)} requests unanswered"
        errors = [m for m in answered.values() if "error" in m]
        assert not errors, errors[:3]
        missing = [u for u in texts if u not in final]
        assert not missing, f"no diagnostics for the final version of {len(missing)} documents"

        # Memory: bounded, and the process is still alive and serving.
        peak = memory_kib(raw.proc.pid, "VmHWM")
        assert peak < 400 * 1024, f"peak RSS {peak} KiB"
        assert raw.request("textDocument/documentSymbol", {"textDocument": {"uri": uris[0]}}) is not None

    # The final diagnostics equal a fresh lint of each final text by the CLI.
    checked = 0
    for uri, text in texts.items():
        path = tmp_path / pathlib.Path(uri).name
        path.write_text(text, encoding="utf-8", newline="")
        cli = subprocess.run([binary(), "--format=json", f"--today={TODAY}", str(path)], capture_output=True, text=True, check=False)
        assert cli.returncode in (0, 1), cli.stderr
        expected = sorted(
            (d["code"], d["start"]["line"] - 1, d["start"]["column"] - 1, d["end"]["line"] - 1, d["end"]["column"] - 1)
            for d in json.loads(cli.stdout)
        )
        actual = sorted(
            (d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"], d["range"]["end"]["character"])
            for d in final[uri]
        )
        assert actual == expected, path.name
        checked += len(expected)
    print(f"LOAD: compared {checked} diagnostics, {len(answered)} answers, peak {peak} KiB")
    assert checked > DOCS, "the final texts still have goal diagnostics to compare"
