"""Shared fixtures: the goal-lint binary and a helper to start it under pytest-lsp."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import re
import select
import subprocess
import sys
import time

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("GOAL_LINT_BIN", ROOT / "target" / "debug" / "goal-lint"))
TODAY = "2025-07-01"


def binary() -> str:
    if not BINARY.exists():
        pytest.exit(f"{BINARY} not found: build it with `cargo build` (or set GOAL_LINT_BIN)", returncode=2)
    return str(BINARY)


def server_config() -> ClientServerConfig:
    return ClientServerConfig(server_command=[binary(), "lsp"])


def init_params(
    root: pathlib.Path,
    *,
    spec: str = "visual_studio_code",
    encodings: list[str] | None = None,
    pull: bool | None = None,
    options: dict | None = None,
) -> types.InitializeParams:
    caps = client_capabilities(spec)
    if encodings is not None:
        caps.general = types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in encodings]
        )
    if pull is True and caps.text_document is not None:
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(dynamic_registration=False)
    if pull is False and caps.text_document is not None:
        caps.text_document.diagnostic = None
    opts = {"debounceMs": 0, "today": TODAY}
    opts.update(options or {})
    return types.InitializeParams(
        capabilities=caps,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options=opts,
    )


async def wait_for(predicate, timeout: float = 10.0, what: str = "condition"):
    """Poll until `predicate()` is truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def accept_registrations(client: LanguageClient) -> list:
    """Answer `client/registerCapability` as an editor does, and record what was registered."""
    registered: list = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams):
        registered.extend(params.registrations)
        return None

    client.registered = registered
    return registered


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )


def change(client: LanguageClient, uri: str, version: int, edits) -> None:
    """edits: (start_line, start_char, end_line, end_char, text) or a full text."""
    changes = []
    for e in edits:
        if isinstance(e, str):
            changes.append(types.TextDocumentContentChangeWholeDocument(text=e))
        else:
            sl, sc, el, ec, text = e
            changes.append(
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)),
                    text=text,
                )
            )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits the way a client does (positions in the given encoding)."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        start = sum(len(l.encode("utf-8")) + 1 for l in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        if encoding == "utf-16":
            units = 0
            for i, ch in enumerate(line):
                if units >= pos.character:
                    return start + len(line[:i].encode("utf-8"))
                units += 2 if ord(ch) > 0xFFFF else 1
            return start + len(line.encode("utf-8"))
        if encoding == "utf-32":
            return start + len(line[: pos.character].encode("utf-8"))
        return start + pos.character

    data = text.encode("utf-8")
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = offset(e.range.start), offset(e.range.end)
        data = data[:a] + e.new_text.encode("utf-8") + data[b:]
    return data.decode("utf-8")


sys.path.insert(0, str(pathlib.Path(__file__).parent))

from rawclient import RawClient, RawError  # noqa: E402,F401  (re-exported for the tests)
