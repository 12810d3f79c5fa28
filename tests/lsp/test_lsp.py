"""End-to-end tests of `goal-lint lsp`, driven over stdio by pytest-lsp (not our own code)."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import TODAY, RawClient, accept_registrations, apply_edits, binary, change, codes, init_params, open_doc, server_config, wait_for

GOALS = "## Q3 Goals\n\n- ⭐️ Work on payments\n- Ship payments v2 by Week 8\n"


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """VS Code's capabilities: UTF-16 positions, pushed diagnostics."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    result = await lsp_client.initialize_session(init_params(tmp_path, pull=False))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def utf8_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    lsp_client.init_result = await lsp_client.initialize_session(init_params(tmp_path, encodings=["utf-8", "utf-16"], pull=False))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def utf32_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    lsp_client.init_result = await lsp_client.initialize_session(init_params(tmp_path, encodings=["utf-32"], pull=False))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def pull_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Neovim 0.11's capabilities, with pull diagnostics."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    lsp_client.init_result = await lsp_client.initialize_session(init_params(tmp_path, spec="neovim", pull=True))
    yield
    await lsp_client.shutdown_session()


def uri_of(client: LanguageClient, name: str, text: str | None = None) -> str:
    path = client.root / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return path.as_uri()


async def diagnostics_for(client: LanguageClient, uri: str, predicate=lambda ds: True, what="diagnostics"):
    """The latest published diagnostics of `uri`, once they satisfy `predicate` (may be [])."""
    found = await wait_for(
        lambda: [client.diagnostics[uri]] if uri in client.diagnostics and predicate(list(client.diagnostics[uri])) else None,
        what=what,
    )
    return list(found[0])


async def test_open_reports_diagnostics_at_utf16_positions(client: LanguageClient):
    assert client.init_result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    ds = await diagnostics_for(client, uri)
    assert codes(ds) == ["GL001"]
    d = ds[0]
    assert d.source == "goal-lint"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.code_description is not None and "gl001-vague-goal" in d.code_description.href
    # "- ⭐️ " is 4 UTF-16 units ("⭐" and its variation selector are one unit each).
    assert (d.range.start.line, d.range.start.character) == (2, 5)
    assert (d.range.end.line, d.range.end.character) == (2, 21)
    assert "work on" in d.message


async def test_utf8_positions_when_the_client_offers_them(utf8_client: LanguageClient):
    assert utf8_client.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri = uri_of(utf8_client, "goals.md")
    open_doc(utf8_client, uri, GOALS)
    ds = await diagnostics_for(utf8_client, uri)
    # In bytes: "- " (2) + "⭐" (3) + U+FE0F (3) + " " (1) = 9.
    assert (ds[0].range.start.line, ds[0].range.start.character) == (2, 9)


async def test_incremental_edits_update_diagnostics(client: LanguageClient):
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001"])
    # Replace "Work on payments" (UTF-16 columns 5..21) with a concrete goal, in two edits.
    change(client, uri, 2, [(2, 5, 2, 12, "Ship")])
    change(client, uri, 3, [(2, 10, 2, 18, "payments v2 to 100% of transactions")])
    assert await diagnostics_for(client, uri, lambda ds: ds == [], what="the vague goal to be fixed") == []
    # And break another line: a placeholder.
    change(client, uri, 4, [(3, 22, 3, 28, "Week X-Y")])
    ds = await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL201"], what="GL201")
    assert ds[0].range.start.line == 3


async def test_rapid_edits_publish_the_final_state(client: LanguageClient):
    uri = uri_of(client, "goals.md")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"goal-lint": {"debounceMs": 80}}))
    open_doc(client, uri, "## Goals\n\n- \n")
    text = "## Goals\n\n- "
    for i, ch in enumerate("Improve onboarding"):
        change(client, uri, 2 + i, [(2, 2 + i, 2, 2 + i, ch)])
        text += ch
    ds = await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001"], what="the final lint")
    assert ds[0].range.end.character == 2 + len("Improve onboarding")


async def test_quick_fix_template_applied_removes_the_diagnostic(client: LanguageClient):
    text = "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms\n   - **Why it matters:** carts\n2. **Goal:** Hire 2 engineers by Week 10\n"
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, text)
    ds = await diagnostics_for(client, uri, lambda ds: "GL004" in codes(ds))
    gl004 = next(d for d in ds if d.code == "GL004")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=gl004.range,
            context=types.CodeActionContext(diagnostics=[gl004]),
        )
    )
    titles = [a.title for a in actions]
    assert 'Add a "Why it matters" field' in titles, titles
    assert any(t.startswith("Disable GL004") for t in titles), titles
    fix = next(a for a in actions if a.title == 'Add a "Why it matters" field')
    assert fix.kind == types.CodeActionKind.QuickFix
    edits = fix.edit.changes[uri]
    fixed = apply_edits(text, edits)
    assert "2. **Goal:** Hire 2 engineers by Week 10\n   - **Why it matters:** [impact on the business or team]\n" in fixed
    change(client, uri, 2, [fixed])
    ds = await diagnostics_for(client, uri, lambda ds: "GL004" not in codes(ds), what="GL004 to go")
    assert "GL201" in codes(ds), "the inserted slot is still to fill in"


async def test_safe_fix_and_fix_all(tmp_path: pathlib.Path):
    """`source.fixAll.goal-lint` (checked over raw JSON-RPC: lsprotocol's Python client cannot
    parse code action kinds beyond the predefined ones, though the protocol allows them)."""
    text = "## Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line GL001 -->\n"
    uri = (tmp_path / "goals.md").as_uri()
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize(options={"today": TODAY})
        raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        diag = raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p["diagnostics"])
        assert [d["code"] for d in diag["diagnostics"]] == ["GL901"]
        actions = raw.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            },
        )
        assert [a["kind"] for a in actions] == ["source.fixAll.goal-lint"]
        edits = [types.TextEdit(range=types.Range(start=types.Position(**e["range"]["start"]), end=types.Position(**e["range"]["end"])), new_text=e["newText"]) for e in actions[0]["edit"]["changes"][uri]]
        fixed = apply_edits(text, edits)
        assert fixed == "## Goals\n\n- Ship payments v2 by Week 8\n"
        # The quick fix for the diagnostic itself is there too, and preferred (safe).
        quick = raw.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": diag["diagnostics"][0]["range"], "context": {"diagnostics": diag["diagnostics"], "only": ["quickfix"]}},
        )
        assert quick[0]["title"] == "Remove the suppression comment" and quick[0]["isPreferred"] is True


async def test_disable_for_this_line(client: LanguageClient):
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    ds = await diagnostics_for(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=ds[0].range,
            context=types.CodeActionContext(diagnostics=ds),
        )
    )
    disable = next(a for a in actions if a.title.startswith("Disable GL001"))
    fixed = apply_edits(GOALS, disable.edit.changes[uri])
    assert "- ⭐️ Work on payments <!-- goal-lint-disable-line GL001 -->\n" in fixed
    change(client, uri, 2, [fixed])
    await diagnostics_for(client, uri, lambda ds: ds == [], what="the suppressed line")


async def test_hover_shows_the_rule_docs(client: LanguageClient):
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=8))
    )
    assert hover is not None
    assert "GL001 vague-goal" in hover.contents.value
    assert "Why it matters" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1))
    )
    assert nothing is None


async def test_completion_offers_snippets_in_goal_sections(client: LanguageClient):
    text = "## Actions This Quarter\n\n- \n\n# Notes\n\nplain\n"
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, text)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=2))
    )
    items = result if isinstance(result, list) else result.items
    labels = [i.label for i in items]
    assert set(labels) == {"goal", "action", "objective", "**Goal:**", "**Objective:**"}
    action = next(i for i in items if i.label == "action")
    assert action.preselect, "actions section prefers the action snippet"
    assert action.insert_text_format == types.InsertTextFormat.Snippet
    assert action.text_edit.new_text == "${1:[step]} (Week ${2:X}-${3:Y})"
    mid_sentence = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=6, character=5))
    )
    assert not mid_sentence


async def test_document_symbols_outline_goals_and_actions(client: LanguageClient):
    text = "# Plan\n\n## Goals\n\n1. **Goal:** Ship payments v2\n   - **Success looks like:** 100% of transactions\n\n## Actions This Quarter\n\n- Migrate Stripe (Week 1-4)\n"
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, text)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    plan = symbols[0]
    assert plan.name == "Plan"
    goals, actions = plan.children
    assert goals.name == "Goals"
    goal = goals.children[0]
    assert (goal.name, goal.kind) == ("Ship payments v2", types.SymbolKind.Class)
    assert goal.children[0].name == "100% of transactions"
    assert actions.children[0].name == "Migrate Stripe (Week 1-4)"
    assert actions.children[0].kind == types.SymbolKind.Event


async def test_config_reload_on_watched_file_change(client: LanguageClient):
    await wait_for(lambda: any(r.method == "workspace/didChangeWatchedFiles" for r in client.registered), what="watcher registration")
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001"])
    config = client.root / "goal-lint.toml"
    config.write_text('ignore = ["vague-goal"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)])
    )
    await diagnostics_for(client, uri, lambda ds: ds == [], what="GL001 ignored by the new config")
    # An invalid configuration: one clear diagnostic and message, no crash.
    config.write_text("ignore = [\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])
    )
    ds = await diagnostics_for(client, uri, lambda ds: len(ds) == 1 and "configuration" in ds[0].message, what="config error")
    assert "goal-lint.toml" in ds[0].message
    await wait_for(lambda: any("invalid configuration" in m.message for m in client.messages), what="showMessage")
    config.write_text("")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])
    )
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001"], what="back to defaults")


async def test_config_path_setting(client: LanguageClient):
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001"])
    shared = client.root / "team.toml"
    shared.write_text('[severity]\nGL001 = "error"\n')
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"goal-lint": {"configPath": str(shared)}}))
    await diagnostics_for(client, uri, lambda ds: ds and ds[0].severity == types.DiagnosticSeverity.Error, what="severity from configPath")


async def test_config_path_that_is_a_named_pipe_is_an_error(client: LanguageClient):
    """A named pipe is not read (opening it would wait for a writer and stall the server):
    a configuration error naming it."""
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["GL001"])
    pipe = client.root / "team.toml"
    os.mkfifo(pipe)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"goal-lint": {"configPath": str(pipe)}}))
    ds = await diagnostics_for(client, uri, lambda ds: any("not a regular file" in d.message for d in ds), what="config error")
    assert "team.toml" in ds[0].message


async def test_close_clears_diagnostics(client: LanguageClient):
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    await diagnostics_for(client, uri, lambda ds: len(ds) == 1)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(lambda: uri in client.diagnostics and len(client.diagnostics[uri]) == 0, what="cleared diagnostics")


async def test_pull_diagnostics(pull_client: LanguageClient):
    caps = pull_client.init_result.capabilities
    assert caps.diagnostic_provider is not None
    uri = uri_of(pull_client, "goals.md")
    open_doc(pull_client, uri, GOALS)
    report = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert report.kind == "full"
    assert codes(report.items) == ["GL001"]
    again = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id)
    )
    assert again.kind == "unchanged"
    # Neovim offers UTF-8 first: "- ⭐️ " is 9 bytes, "Work on payments" ends at 25.
    assert caps.position_encoding == types.PositionEncodingKind.Utf8
    change(pull_client, uri, 2, [(2, 9, 2, 25, "Ship payments v2 to 100% of transactions")])
    later = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id)
    )
    assert later.kind == "full" and list(later.items) == [], later.items
    assert uri not in pull_client.diagnostics, "pull clients get no pushed diagnostics"


async def test_cli_and_lsp_report_the_same_diagnostics(utf32_client: LanguageClient):
    """Same text, same config: same rules at the same places (UTF-32 columns = the CLI's)."""
    seeds = pathlib.Path(__file__).resolve().parents[3] / "shared" / "seeds"
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))} if seeds.is_dir() else {}
    texts["emoji.md"] = GOALS + "\n## Support Needed\n\n- More support ✅\n"
    for name, text in texts.items():
        path = utf32_client.root / name
        path.write_text(text, encoding="utf-8")
        cli = subprocess.run(
            [binary(), "--format=json", f"--today={TODAY}", str(path)], capture_output=True, text=True, check=False
        )
        expected = sorted(
            (d["code"], d["start"]["line"] - 1, d["start"]["column"] - 1, d["end"]["line"] - 1, d["end"]["column"] - 1)
            for d in json.loads(cli.stdout)
        )
        uri = path.as_uri()
        open_doc(utf32_client, uri, text)
        ds = await diagnostics_for(utf32_client, uri, what=name)
        actual = sorted(
            (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in ds
        )
        assert actual == expected, name


async def test_malformed_requests_do_not_take_the_server_down(client: LanguageClient):
    unknown = (client.root / "never-opened.md").as_uri()
    # A change before an open, positions past the end, requests on an unknown document.
    change(client, unknown, 2, [(0, 0, 0, 0, "x")])
    assert await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=unknown), position=types.Position(line=0, character=0))
    ) is None
    assert not await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=unknown),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    uri = uri_of(client, "goals.md")
    open_doc(client, uri, GOALS)
    change(client, uri, 2, [(999, 999, 1000, 0, "\n- Work on billing\n")])
    change(client, uri, 3, [(2, 999, 0, 0, "")])  # reversed, past the end of the line
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=9999, character=9999))
    )
    assert hover is None
    # A huge document.
    big = "## Goals\n\n" + "".join(f"- Ship feature {i} by Week {i % 12 + 1}\n" for i in range(20000)) + "- Work on payments\n"
    open_doc(client, (client.root / "big.md").as_uri(), big)
    ds = await diagnostics_for(client, (client.root / "big.md").as_uri(), lambda ds: "GL001" in codes(ds), what="big document")
    assert ds
    # Still serving.
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None
    assert any("not open" in m.message for m in client.log_messages)
