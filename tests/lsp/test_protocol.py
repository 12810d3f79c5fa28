"""The server survives bad input at the JSON-RPC level and follows the shutdown protocol."""

from __future__ import annotations

import pathlib

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
