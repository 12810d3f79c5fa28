"""A minimal JSON-RPC client over a language server's stdio, with no dependencies: for what a
typed client cannot send or parse (malformed frames, unknown methods, custom code action kinds)
and for the latency benchmark (bench/lsp_latency.py)."""

from __future__ import annotations

import json
import os
import pathlib
import re
import select
import subprocess
import time

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

    def initialize(self, capabilities: dict | None = None, options: dict | None = None) -> dict:
        return self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": self.root.as_uri(),
                "capabilities": capabilities or {},
                "initializationOptions": dict({"debounceMs": 0}, **(options or {})),
            },
        ) or {}


class RawError(Exception):
    def __init__(self, error: dict):
        super().__init__(error.get("message"))
        self.code = error.get("code")
