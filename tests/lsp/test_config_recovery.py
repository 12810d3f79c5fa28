"""Configuration errors recover on every path (issue 25, item 2): a `goal-lint.toml` broken
when the document is opened and fixed on disk later clears the error without an edit of the
buffer, pulled (Neovim: the server polls the file) or pushed; a pulling client that cannot
be asked to pull again (no `workspace/diagnostic/refresh`) gets published diagnostics."""

from __future__ import annotations

import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import accept_registrations, codes, init_params, open_doc, server_config, wait_for
from test_lsp import GOALS, diagnostics_for, uri_of

BROKEN = "ignore = [\n"
FIXED = "ignore = []\n"


def _no_watching(params: types.InitializeParams) -> types.InitializeParams:
    params.capabilities.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=False
    )
    return params


@pytest_lsp.fixture(config=server_config())
async def pull_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Neovim with the plugin: pull diagnostics, refresh support, no file watching."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    params = _no_watching(init_params(tmp_path, spec="neovim", pull=True, options={"configPollMs": 100}))
    params.capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def push_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Pushed diagnostics, no file watching (Helix, eglot, Neovim without pull)."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    params = _no_watching(init_params(tmp_path, spec="neovim", pull=False, options={"configPollMs": 100}))
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def pull_no_refresh_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Pull diagnostics without `workspace/diagnostic/refresh` (Neovim 0.10 without the plugin's
    handler, older clients)."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    params = _no_watching(init_params(tmp_path, spec="neovim", pull=True, options={"configPollMs": 100}))
    params.capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=False)
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def pull(client: LanguageClient, uri: str, previous: str | None = None):
    return await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous)
    )


def is_config_error(items) -> bool:
    return [d.message.split(":")[0] for d in items] == ["invalid goal-lint configuration"]


async def test_a_config_broken_at_open_recovers_when_fixed_on_disk_pull(pull_client: LanguageClient):
    config = pull_client.root / "goal-lint.toml"
    config.write_text(BROKEN)
    uri = uri_of(pull_client, "goals.md")
    open_doc(pull_client, uri, GOALS)
    first = await pull(pull_client, uri)
    assert is_config_error(first.items), first.items
    # Fixed in a shell; the buffer is not touched and nobody tells the server.
    config.write_text(FIXED)
    await wait_for(lambda: pull_client.diagnostic_refresh_count >= 1, what="a refresh after the config was fixed")
    after = await pull(pull_client, uri, first.result_id)
    assert after.kind == "full" and codes(after.items) == ["GL001"], after
    # Broken again, then fixed again: each change is announced.
    config.write_text(BROKEN + "# again\n")
    await wait_for(lambda: pull_client.diagnostic_refresh_count >= 2, what="a refresh after it broke again")
    assert is_config_error((await pull(pull_client, uri, after.result_id)).items)
    config.write_text('ignore = ["vague-goal"]\n')
    await wait_for(lambda: pull_client.diagnostic_refresh_count >= 3, what="a refresh after the second fix")
    assert list((await pull(pull_client, uri)).items) == []


async def test_a_config_broken_at_open_recovers_when_fixed_on_disk_push(push_client: LanguageClient):
    config = push_client.root / "goal-lint.toml"
    config.write_text(BROKEN)
    uri = uri_of(push_client, "goals.md")
    open_doc(push_client, uri, GOALS)
    await diagnostics_for(push_client, uri, is_config_error, what="the config error")
    config.write_text(FIXED)
    found = await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001"], what="GL001 after the fix")
    assert codes(found) == ["GL001"]


async def test_a_config_created_broken_after_open_is_reported_and_recovers_push(push_client: LanguageClient):
    uri = uri_of(push_client, "goals.md")
    open_doc(push_client, uri, GOALS)
    await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001"], what="GL001")
    config = push_client.root / "goal-lint.toml"
    config.write_text(BROKEN)
    await diagnostics_for(push_client, uri, is_config_error, what="the config error")
    config.write_text('ignore = ["vague-goal"]\n')
    await diagnostics_for(push_client, uri, lambda ds: ds == [], what="no diagnostics after the fix")


async def test_a_pull_client_without_refresh_support_gets_published_diagnostics(pull_no_refresh_client: LanguageClient):
    client = pull_no_refresh_client
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    first = await pull(client, uri)
    assert codes(first.items) == ["GL001"]
    assert uri not in client.diagnostics, "nothing is published before a configuration change"
    # A settings change: the client cannot be asked to pull, so the server publishes.
    team = client.root / "team.toml"
    team.write_text('[severity]\nGL001 = "error"\n')
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"goal-lint": {"configPath": str(team)}})
    )
    found = await diagnostics_for(
        client, uri, lambda ds: [d.severity for d in ds] == [types.DiagnosticSeverity.Error], what="published"
    )
    assert codes(found) == ["GL001"]
    # A configuration file changed on disk (polled) is published too.
    team.write_text('ignore = ["vague-goal"]\n')
    await diagnostics_for(client, uri, lambda ds: ds == [], what="published after the file changed")
    assert client.diagnostic_refresh_count == 0
