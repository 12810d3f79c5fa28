"""The server survives bad input at the JSON-RPC level and follows the shutdown protocol."""

from __future__ import annotations

import json
import pathlib
import time

import pytest

from conftest import RawClient, RawError, binary

METHOD_NOT_FOUND = -32601
INVALID_REQUEST = -32600
PARSE_ERROR = -32700
SERVER_NOT_INITIALIZED = -32002


def test_requests_before_initialize_are_refused(tmp_path: pathlib.Path):
    with RawClient(binary(), tmp_path) as raw:
        with pytest.raises(RawError) as e:
            raw.request("textDocument/hover", {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}})
        assert e.value.code == SERVER_NOT_INITIALIZED
        assert raw.initialize()["capabilities"]["textDocumentSync"]["change"] == 2


def test_malformed_frames_and_unknown_methods(tmp_path: pathlib.Path):
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("initialized", {})
        # Invalid JSON in a well-formed frame: a parse error, and the server goes on.
        body = b"{not json"
        raw.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        error = raw.read_response()
        assert error["error"]["code"] == PARSE_ERROR
        # Valid JSON that is not a JSON-RPC message.
        raw.send({"hello": "world"})
        assert raw.read_response()["error"]["code"] in (INVALID_REQUEST, PARSE_ERROR)
        # An unknown request gets MethodNotFound; an unknown notification is ignored.
        with pytest.raises(RawError) as e:
            raw.request("goal-lint/doesNotExist", {})
        assert e.value.code == METHOD_NOT_FOUND
        raw.notify("$/unknownNotification", {"x": 1})
        # Wrong parameter types for a known method.
        with pytest.raises(RawError):
            raw.request("textDocument/hover", {"textDocument": 42})
        # Still answering.
        assert raw.request("textDocument/documentSymbol", {"textDocument": {"uri": (tmp_path / "none.md").as_uri()}}) is None
        assert raw.proc.poll() is None


def test_shutdown_then_exit_ends_the_process_with_code_0(tmp_path: pathlib.Path):
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("initialized", {})
        assert raw.request("shutdown") is None
        # After shutdown, requests are refused (InvalidRequest).
        with pytest.raises(RawError) as e:
            raw.request("textDocument/documentSymbol", {"textDocument": {"uri": (tmp_path / "a.md").as_uri()}})
        assert e.value.code == INVALID_REQUEST
        raw.notify("exit")
        assert raw.proc.wait(timeout=10) == 0


def test_exit_without_shutdown_ends_with_code_1(tmp_path: pathlib.Path):
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("exit")
        assert raw.proc.wait(timeout=10) == 1


@pytest.mark.parametrize("rid", [1.5, 1.0, 9223372036854775808, "1", "", None, 0])
def test_any_request_id_is_answered_with_that_id(tmp_path: pathlib.Path, rid):
    """JSON-RPC ids may be any number or string (or null); the response carries the same id
    and the server goes on. An id that is not a 64-bit integer used to end the session."""
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("initialized", {})
        uri = (tmp_path / "none.md").as_uri()
        raw.send({"jsonrpc": "2.0", "id": rid, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})
        response = raw.read_response()
        assert response["id"] == rid and type(response["id"]) is type(rid)
        assert response["result"] is None
        # An error response carries the id too.
        raw.send({"jsonrpc": "2.0", "id": rid, "method": "goal-lint/doesNotExist", "params": {}})
        response = raw.read_response()
        assert response["id"] == rid and response["error"]["code"] == METHOD_NOT_FOUND
        # Cancelling a request that has finished is ignored.
        raw.notify("$/cancelRequest", {"id": rid})
        assert raw.request("shutdown") is None
        raw.notify("exit")
        assert raw.proc.wait(timeout=10) == 0


def test_a_header_block_ending_in_lf_lf_does_not_swallow_the_next_request(tmp_path: pathlib.Path):
    """Header lines ended by a bare `\\n` (as some clients write them) end at the first blank
    line: the request is answered, and so is the next one (it used to be read as the first
    one's body, and neither was answered)."""
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("initialized", {})
        uri = (tmp_path / "none.md").as_uri()
        for end, rid in ((b"\n\n", 10), (b"\r\n\n", 11)):
            body = json.dumps({"jsonrpc": "2.0", "id": rid, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}}).encode()
            raw.send_raw(b"Content-Length: %d" % len(body) + end + body)
            raw.send({"jsonrpc": "2.0", "id": rid + 10, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})
            answered = {raw.read_response(timeout=5)["id"] for _ in range(2)}
            assert answered == {rid, rid + 10}


def test_unframed_bytes_are_reported_once_and_bounded(tmp_path: pathlib.Path):
    """Megabytes without a header block: one parse error, memory and time bounded (they used
    to be kept and rescanned on every read), and the next frame is answered."""
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("initialized", {})
        junk = b'{"jsonrpc":"2.0","id":1,"method":"shutdown"} ' * 200_000  # 9 MB
        started = time.monotonic()
        for i in range(0, len(junk), 1 << 20):
            raw.send_raw(junk[i : i + (1 << 20)])
        assert raw.read_response(timeout=20)["error"]["code"] == PARSE_ERROR
        assert raw.request("textDocument/documentSymbol", {"textDocument": {"uri": (tmp_path / "none.md").as_uri()}}) is None
        assert time.monotonic() - started < 20
        assert not raw.pending or all("id" not in m for m in raw.pending)


@pytest.mark.parametrize("method", ["$/foo", "$/setTrace", "$/cancelRequest", "$/progress"])
def test_dollar_requests_are_answered_method_not_found(tmp_path: pathlib.Path, method):
    """The specification: a request whose method starts with `$/` that the server does not
    handle is answered MethodNotFound (tower-lsp-server dropped the answer: the client waited
    forever); the same methods sent as notifications are ignored."""
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize()
        raw.notify("initialized", {})
        for rid in (5, "five", 1.5):
            raw.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": {"id": 1, "value": "off"}})
            response = raw.read_response(timeout=5)
            assert response["id"] == rid
            assert response["error"]["code"] == METHOD_NOT_FOUND
        raw.notify(method, {"id": 1, "value": "off"})
        assert raw.request("shutdown") is None
        raw.notify("exit")
        assert raw.proc.wait(timeout=10) == 0
