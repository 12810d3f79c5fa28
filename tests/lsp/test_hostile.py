"""Hostile and odd documents sent to the server: each gets an answer (diagnostics or a clear
message) and the server keeps serving."""

from __future__ import annotations

import pathlib

from conftest import TODAY, RawClient, binary


def open_and_wait(raw: RawClient, uri: str, text: str, timeout: float = 60.0) -> list:
    raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    return raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, timeout)["diagnostics"]


def starts(diagnostics: list) -> list[tuple[str, int, int]]:
    return sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in diagnostics)


def hover(raw: RawClient, uri: str, line: int, character: int):
    return raw.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})


def test_odd_documents_get_correct_diagnostics(tmp_path: pathlib.Path):
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize({"general": {"positionEncodings": ["utf-16"]}}, {"today": TODAY})
        raw.notify("initialized", {})
        uri = lambda name: (tmp_path / name).as_uri()  # noqa: E731
        assert open_and_wait(raw, uri("empty.md"), "") == []
        # Text after a NUL byte is still read.
        nul = "## Goals\n\n- Ship v2 by Week 3\0 now\n- Work on payments\n"
        assert starts(open_and_wait(raw, uri("nul.md"), nul)) == [("GL001", 3, 2)]
        # A byte-order mark, a lone CR and an emoji before the range (UTF-16 columns).
        odd = "\ufeff## Goals\r\n\r\n- Ship v2 by Week 3\r- ⭐️ Work on payments\n"
        assert starts(open_and_wait(raw, uri("odd.md"), odd)) == [("GL001", 3, 5)]
        # 10,000 levels of lists and of block quotes.
        for name, text in [
            ("lists.md", "## Goals\n\n" + "- " * 10000 + "Work on payments\n"),
            ("quotes.md", "## Goals\n\n" + "> " * 10000 + "Work on payments\n"),
        ]:
            # Diagnostics arrive; lists nested deeper than goal structure are not goals.
            assert all(d["code"] != "GL001" for d in open_and_wait(raw, uri(name), text))
            hover(raw, uri(name), 2, 20000)  # answered: `request` raises on an error or a timeout
        # A one-megabyte line with a placeholder at its end.
        long_line = "## Goals\n\n- Ship payments v2 to 100% of traffic" + " `c` *e* word" * 80000 + " TODO\n"
        ds = open_and_wait(raw, uri("long.md"), long_line)
        assert starts(ds) == [("GL201", 2, len(long_line.split("\n")[2]) - 4)]
        assert raw.proc.poll() is None


def test_a_goal_document_over_the_size_limit_is_skipped_with_a_message(tmp_path: pathlib.Path):
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize({}, {"today": TODAY})
        raw.notify("initialized", {})
        uri = (tmp_path / "huge.md").as_uri()
        huge = "## Q3 Goals\n\n- Work on payments\n\n" + "Background prose, not a goal.\n\n" * 400_000
        assert len(huge) > 10 << 20
        assert open_and_wait(raw, uri, huge) == []
        message = raw.wait_notification("window/showMessage", lambda p: "huge.md" in p["message"])
        assert message["type"] == 2 and "max-file-size" in message["message"], message
        assert hover(raw, uri, 2, 4) is None
        # Edited and still too large (a different size): no second message.
        raw.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": huge + "x" * 500_000}]},
        )
        raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 2)
        assert hover(raw, uri, 0, 0) is None
        assert not [m for m in raw.pending if m.get("method") == "window/showMessage"], raw.pending
        # Cut down below the limit, it is analysed again.
        raw.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": huge[:200]}]},
        )
        ds = raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 3)
        assert starts(ds["diagnostics"]) == [("GL001", 2, 2)]
        assert raw.request("shutdown") is None
        raw.notify("exit")
        assert raw.proc.wait(timeout=10) == 0
