"""Server settings from clients (issue 25, item 5): `select`, `ignore`, `run` and
`workspaceDiagnostics`, in initializationOptions and in `workspace/didChangeConfiguration`
`{settings: {"goal-lint": {...}}}` (the names the VS Code extension sends)."""

from __future__ import annotations

import asyncio
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import accept_registrations, change, codes, init_params, open_doc, server_config, wait_for
from test_lsp import diagnostics_for, uri_of

# GL001 on line 3, GL101 on line 9.
PLAN = (
    "## Q3 Goals\n\n- Work on payments\n- Ship payments v2 by Week 8\n\n"
    "## Actions This Quarter\n\n- Write the API spec (Week 1-2)\n- Migrate billing\n"
)


async def start(client: LanguageClient, root: pathlib.Path, *, pull: bool, options: dict | None = None, refresh: bool = True):
    client.root = root
    accept_registrations(client)
    params = init_params(root, spec="neovim", pull=pull, options=options)
    if pull:
        params.capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=refresh)
    client.init_result = await client.initialize_session(params)


def configure(client: LanguageClient, **settings) -> None:
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"goal-lint": settings}))


async def pull(client: LanguageClient, uri: str, previous: str | None = None):
    return await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous)
    )


async def workspace_pull(client: LanguageClient) -> list[str]:
    report = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    return sorted(pathlib.Path(r.uri.removeprefix("file://")).name for r in report.items)


def save(client: LanguageClient, uri: str) -> None:
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


@pytest_lsp.fixture(config=server_config())
async def select_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=False, options={"select": ["GL1"], "ignore": ["GL102"]})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def push_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=False)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def pull_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=True)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def on_save_push_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=False, options={"run": "onSave"})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def on_save_pull_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=True, options={"run": "onSave"})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def workspace_off_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=True, options={"workspaceDiagnostics": "off"})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def bad_settings_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=False, options={"select": ["vage-goal"], "run": "sometimes"})
    yield
    await lsp_client.shutdown_session()


async def test_select_and_ignore_in_initialization_options(select_client: LanguageClient):
    uri = uri_of(select_client, "plan.md")
    open_doc(select_client, uri, PLAN)
    found = await diagnostics_for(select_client, uri, lambda ds: len(ds) > 0, what="GL101")
    assert codes(found) == ["GL101"], "select GL1 leaves only the week-range rules"


async def test_select_and_ignore_over_the_config_file_in_did_change_configuration(push_client: LanguageClient):
    (push_client.root / "goal-lint.toml").write_text('[severity]\nGL001 = "error"\n')
    uri = uri_of(push_client, "plan.md")
    open_doc(push_client, uri, PLAN)
    await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001", "GL101"], what="both")
    configure(push_client, ignore=["vague-goal"])
    await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL101"], what="GL001 ignored")
    configure(push_client, ignore=[], select=["GL001"])
    found = await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001"], what="only GL001")
    # The file's severity still applies to what the client selects.
    assert found[0].severity == types.DiagnosticSeverity.Error
    configure(push_client, select=None)
    await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001", "GL101"], what="null: back to all")


async def test_select_in_did_change_configuration_changes_the_pulled_result(pull_client: LanguageClient):
    uri = uri_of(pull_client, "plan.md")
    open_doc(pull_client, uri, PLAN)
    first = await pull(pull_client, uri)
    assert codes(first.items) == ["GL001", "GL101"]
    configure(pull_client, select=["missing-week-range"])
    await wait_for(lambda: pull_client.diagnostic_refresh_count >= 1, what="a refresh")
    after = await pull(pull_client, uri, first.result_id)
    assert after.kind == "full" and codes(after.items) == ["GL101"]


async def test_invalid_settings_are_reported_not_fatal(bad_settings_client: LanguageClient):
    client = bad_settings_client
    await wait_for(lambda: len(client.messages) >= 2, what="two warnings")
    text = "\n".join(m.message for m in client.messages)
    assert "unknown rule `vage-goal`" in text and "vague-goal" in text, text
    assert "`run` must be" in text
    uri = uri_of(client, "plan.md")
    open_doc(client, uri, PLAN)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001", "GL101"], what="every rule still runs")


async def test_run_on_save_pushes_after_saves_not_keystrokes(on_save_push_client: LanguageClient):
    client = on_save_push_client
    uri = uri_of(client, "plan.md")
    open_doc(client, uri, PLAN)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001", "GL101"], what="on open")
    published = len(client.diagnostics)
    # "Work on payments" becomes "Ship payments v3 by Week 9": no lint while typing.
    change(client, uri, 2, [(2, 2, 2, 18, "Ship payments v3 by Week 9")])
    await pull_nothing(client)
    assert codes(client.diagnostics[uri]) == ["GL001", "GL101"] and len(client.diagnostics) == published
    save(client, uri)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL101"], what="after the save")
    # onType again: a keystroke is linted.
    configure(client, run="onType")
    change(client, uri, 3, [(2, 2, 2, 28, "Work on payments")])
    await diagnostics_for(client, uri, lambda ds: "GL001" in codes(ds), what="after a keystroke, onType")


async def pull_nothing(client: LanguageClient) -> None:
    """Let the server answer anything queued (a request goes after the notifications)."""
    await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=client.root.joinpath("plan.md").as_uri()),
            position=types.Position(line=0, character=0),
        )
    )


async def test_run_on_save_pulls_answer_the_saved_version(on_save_pull_client: LanguageClient):
    client = on_save_pull_client
    uri = uri_of(client, "plan.md")
    open_doc(client, uri, PLAN)
    first = await pull(client, uri)
    assert codes(first.items) == ["GL001", "GL101"]
    change(client, uri, 2, [(2, 2, 2, 18, "Ship payments v3 by Week 9")])
    edited = await pull(client, uri, first.result_id)
    assert edited.kind == "unchanged", "not linted before a save"
    save(client, uri)
    await wait_for(lambda: client.diagnostic_refresh_count >= 1, what="a refresh after the save")
    saved = await pull(client, uri, first.result_id)
    assert saved.kind == "full" and codes(saved.items) == ["GL101"]


async def test_workspace_diagnostics_off_open_files_and_workspace(pull_client: LanguageClient):
    root = pull_client.root
    (root / "closed.md").write_text(PLAN)
    uri = uri_of(pull_client, "open.md", PLAN)
    open_doc(pull_client, uri, PLAN)
    assert await workspace_pull(pull_client) == ["closed.md", "open.md"]
    configure(pull_client, workspaceDiagnostics="openFiles")
    assert await workspace_pull(pull_client) == ["open.md"]
    configure(pull_client, workspaceDiagnostics="off")
    assert await workspace_pull(pull_client) == []
    configure(pull_client, workspaceDiagnostics="workspace")
    assert await workspace_pull(pull_client) == ["closed.md", "open.md"]


async def test_workspace_diagnostics_off_at_initialization_is_not_announced(workspace_off_client: LanguageClient):
    provider = workspace_off_client.init_result.capabilities.diagnostic_provider
    assert provider is not None and provider.workspace_diagnostics is False


@pytest_lsp.fixture(config=server_config())
async def slow_debounce_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, pull=False, options={"debounceMs": 8000})
    yield
    await lsp_client.shutdown_session()


async def test_opening_is_not_debounced_and_debounce_ms_still_holds_edits(slow_debounce_client: LanguageClient):
    """Issue 25, item 7: open → first diagnostics without the debounce (it used to wait for
    it); `debounceMs` stays an explicit override for edits. (Margins of seconds: this checks
    what waits, not how fast anything is; bench/lsp_latency.py measures that.)"""
    client = slow_debounce_client
    uri = uri_of(client, "plan.md")
    open_doc(client, uri, PLAN)
    found = await wait_for(lambda: client.diagnostics.get(uri), timeout=4, what="diagnostics on open, undebounced")
    assert codes(found) == ["GL001", "GL101"]
    change(client, uri, 2, [(2, 2, 2, 18, "Ship payments v3 by Week 9")])
    await pull_nothing(client)
    await asyncio.sleep(1)
    assert codes(client.diagnostics[uri]) == ["GL001", "GL101"], "an edit waits for the 8 s debounce"
