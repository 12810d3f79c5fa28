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


class RawClient:
    """A minimal JSON-RPC client over the server's stdio, for what a typed client cannot send
    or parse: malformed frames, unknown methods, custom code action kinds."""

    def __init__(self, binary_path: str, root: pathlib.Path):
        self.root = root
        self.proc = subprocess.Popen([binary_path, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 1
        self.pending: list[dict] = []
        self.buffer = b""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)

    def send_raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self, timeout: float = 10.0) -> dict:
        """One message. Reads the file descriptor directly: select() cannot see bytes that a
        buffered reader has already pulled in."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = int(re.search(rb"Content-Length: *(\d+)", self.buffer[:end], re.I).group(1))
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4 : end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length :]
                    return json.loads(body)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("timed out reading from the server")
            ready, _, _ = select.select([fd], [], [], min(remaining, 0.1))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise AssertionError(f"server closed its output (exit {self.proc.poll()})")
                self.buffer += chunk

    def read_response(self, timeout: float = 10.0) -> dict:
        """The next response (a message with no method), keeping notifications for later."""
        while True:
            msg = self.read(timeout)
            if "method" not in msg:
                return msg
            self.answer_or_keep(msg)

    def request(self, method: str, params=None, timeout: float = 10.0):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            msg = self.read(timeout)
            if msg.get("id") == rid and "method" not in msg:
                if "error" in msg:
                    raise RawError(msg["error"])
                return msg.get("result")
            self.answer_or_keep(msg)

    def answer_or_keep(self, msg: dict) -> None:
        if "method" in msg and "id" in msg:
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        else:
            self.pending.append(msg)

    def notify(self, method: str, params=None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_notification(self, method: str, predicate=lambda p: True, timeout: float = 10.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, msg in enumerate(self.pending):
                if msg.get("method") == method and predicate(msg.get("params")):
                    return self.pending.pop(i)["params"]
            self.answer_or_keep(self.read(max(0.1, deadline - time.monotonic())))

    def initialize(self, capabilities: dict | None = None) -> dict:
        return self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": self.root.as_uri(),
                "capabilities": capabilities or {},
                "initializationOptions": {"debounceMs": 0, "today": TODAY},
            },
        ) or {}


class RawError(Exception):
    def __init__(self, error: dict):
        super().__init__(error.get("message"))
        self.code = error.get("code")


sys.path.insert(0, str(pathlib.Path(__file__).parent))
