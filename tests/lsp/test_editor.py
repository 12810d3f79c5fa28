"""The editor experience (issue 13): configuration that reloads in pull mode and without file
watching, code actions anywhere on a flagged line, completion, short messages, pulls that a
newer edit supersedes."""

from __future__ import annotations

import json
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import TODAY, RawClient, accept_registrations, apply_edits, binary, codes, init_params, open_doc, server_config, wait_for
from test_lsp import GOALS, diagnostics_for, uri_of


@pytest_lsp.fixture(config=server_config())
async def pull_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Neovim 0.11's capabilities with pull diagnostics (pytest-lsp counts the refresh
    requests the server sends)."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)

    params = init_params(tmp_path, spec="neovim", pull=True, options={"configPollMs": 100})
    params.capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    params.capabilities.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=False)
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def push_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Pushed diagnostics, and no file watching (Neovim on Linux)."""
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    params = init_params(tmp_path, spec="neovim", pull=False, options={"configPollMs": 100})
    params.capabilities.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=False)
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def pull(client: LanguageClient, uri: str, previous: str | None = None):
    return await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous)
    )


async def test_pull_results_follow_configuration_changes(pull_client: LanguageClient):
    uri = uri_of(pull_client, "goals.md")
    open_doc(pull_client, uri, GOALS)
    first = await pull(pull_client, uri)
    assert codes(first.items) == ["GL001"]
    # The client says a configuration file changed: the old result id is not `unchanged`.
    config = pull_client.root / "goal-lint.toml"
    config.write_text('ignore = ["vague-goal"]\n')
    pull_client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)])
    )
    await wait_for(lambda: pull_client.diagnostic_refresh_count >= 1, what="workspace/diagnostic/refresh")
    after = await pull(pull_client, uri, first.result_id)
    assert after.kind == "full" and list(after.items) == [], after
    assert after.result_id != first.result_id
    assert (await pull(pull_client, uri, after.result_id)).kind == "unchanged"
    # A settings change (another configuration file) as well, and a fresh pull is right too.
    team = pull_client.root / "team.toml"
    team.write_text('[severity]\nGL001 = "error"\n')
    refreshes = pull_client.diagnostic_refresh_count
    pull_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"goal-lint": {"configPath": str(team)}}))
    await wait_for(lambda: pull_client.diagnostic_refresh_count > refreshes, what="a second refresh")
    again = await pull(pull_client, uri, after.result_id)
    assert again.kind == "full" and [d.severity for d in again.items] == [types.DiagnosticSeverity.Error]
    assert [d.severity for d in (await pull(pull_client, uri)).items] == [types.DiagnosticSeverity.Error]


async def test_a_reopened_document_with_new_text_and_the_same_version_is_pulled_again(pull_client: LanguageClient):
    """Result ids come from the text and the configuration: a document closed and opened again
    with other text under the same version number is not answered `unchanged` (ids used to be
    `<version>.<config>`, and the client kept the old diagnostics)."""
    uri = uri_of(pull_client, "goals.md")
    open_doc(pull_client, uri, GOALS, version=1)
    first = await pull(pull_client, uri)
    assert codes(first.items) == ["GL001"]
    pull_client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    open_doc(pull_client, uri, "## Q3 Goals\n\n- Ship payments v2 by Week 8\n", version=1)
    after = await pull(pull_client, uri, first.result_id)
    assert after.kind == "full" and list(after.items) == [], after
    assert after.result_id != first.result_id
    # The same text again: the same id, and what the client has is still right.
    pull_client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    open_doc(pull_client, uri, "## Q3 Goals\n\n- Ship payments v2 by Week 8\n", version=7)
    assert (await pull(pull_client, uri, after.result_id)).kind == "unchanged"


async def test_an_edited_config_file_is_noticed_without_file_watching_pull(pull_client: LanguageClient):
    assert not any(r.method == "workspace/didChangeWatchedFiles" for r in pull_client.registered)
    config = pull_client.root / "goal-lint.toml"
    config.write_text("ignore = []\n")
    uri = uri_of(pull_client, "goals.md")
    open_doc(pull_client, uri, GOALS)
    first = await pull(pull_client, uri)
    assert codes(first.items) == ["GL001"]
    config.write_text('ignore = ["vague-goal"]\n')  # edited in place; nobody tells the server
    await wait_for(lambda: pull_client.diagnostic_refresh_count >= 1, what="a refresh after the file changed")
    after = await pull(pull_client, uri, first.result_id)
    assert after.kind == "full" and list(after.items) == []


async def test_excluded_files_get_no_diagnostics(pull_client: LanguageClient):
    # The configuration's `exclude` globs apply in the editor as in the CLI's walk: an
    # archived plan opened for reading is not nagged about; the file beside it still is.
    (pull_client.root / "goal-lint.toml").write_text('exclude = ["archive/**"]\n')
    (pull_client.root / "archive").mkdir(exist_ok=True)
    archived = uri_of(pull_client, "archive/goals.md")
    current = uri_of(pull_client, "goals.md")
    open_doc(pull_client, archived, GOALS)
    open_doc(pull_client, current, GOALS)
    assert list((await pull(pull_client, archived)).items) == []
    assert codes((await pull(pull_client, current)).items) == ["GL001"]


async def test_an_edited_config_file_is_noticed_without_file_watching_push(push_client: LanguageClient):
    config = push_client.root / "goal-lint.toml"
    config.write_text("ignore = []\n")
    uri = uri_of(push_client, "goals.md")
    open_doc(push_client, uri, GOALS)
    await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001"])
    config.write_text('ignore = ["vague-goal"]\n')
    await diagnostics_for(push_client, uri, lambda ds: ds == [], what="GL001 ignored by the edited file")
    config.unlink()
    await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001"], what="defaults once the file is gone")


async def test_code_actions_anywhere_on_a_flagged_line(push_client: LanguageClient):
    text = "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms\n   - **Why it matters:** carts\n2. **Goal:** Hire 2 engineers by Week 10\n"
    uri = uri_of(push_client, "goals.md")
    open_doc(push_client, uri, text)
    ds = await diagnostics_for(push_client, uri, lambda ds: "GL004" in codes(ds))
    gl004 = next(d for d in ds if d.code == "GL004")
    assert gl004.range.start.character > 0, "the finding starts after the list marker"
    for character, context in [(0, [gl004]), (0, []), (len("2. **Goal:** Hire 2 engineers by Week 10"), [])]:
        cursor = types.Position(line=4, character=character)
        actions = await push_client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=cursor, end=cursor),
                context=types.CodeActionContext(diagnostics=context),
            )
        )
        titles = [a.title for a in actions or []]
        assert 'Add a "Why it matters" field' in titles, (character, titles)
    # A line without findings gets none of them.
    cursor = types.Position(line=2, character=0)
    elsewhere = await push_client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=cursor, end=cursor),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not any(a.title == 'Add a "Why it matters" field' for a in elsewhere or [])


async def test_short_messages_help_in_hover_and_the_emoji_kept(push_client: LanguageClient):
    uri = uri_of(push_client, "goals.md")
    open_doc(push_client, uri, GOALS)
    ds = await diagnostics_for(push_client, uri, lambda ds: codes(ds) == ["GL001"])
    gl001 = ds[0]
    assert "\n" not in gl001.message and len(gl001.message) < 100, gl001.message
    assert "verb + thing + outcome" not in gl001.message, "the help is not in the message"
    assert gl001.code_description is not None and "vague-goal" in gl001.code_description.href
    hover = await push_client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=gl001.range.start)
    )
    assert gl001.message in hover.contents.value
    assert "verb + thing + outcome" in hover.contents.value
    actions = await push_client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=gl001.range, context=types.CodeActionContext(diagnostics=[gl001])
        )
    )
    rewrite = next(a for a in actions if a.title.startswith("Rewrite"))
    fixed = apply_edits(GOALS, rewrite.edit.changes[uri], encoding="utf-8")
    line = fixed.splitlines()[2]
    assert line.startswith("- ⭐️ [verb] payments"), line


async def test_completion_labels_blocks_and_trigger_characters(push_client: LanguageClient):
    # Only `(` triggers: a client that inserts the first item unasked must not change what is
    # typed after a space or a list marker.
    triggers = push_client.init_result.capabilities.completion_provider.trigger_characters
    assert list(triggers) == ["("]
    text = "## Goals\n\n- **Goal:** \n- go\n  - **Why it matters:** carts\n  - \n\n## Actions This Quarter\n\n- Migrate Stripe (\n"
    uri = uri_of(push_client, "goals.md")
    open_doc(push_client, uri, text)

    async def complete(line: int, character: int):
        result = await push_client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character))
        )
        return (result if isinstance(result, list) else result.items) if result else []

    after_label = await complete(2, len("- **Goal:** "))
    assert after_label and "**Why it matters:**" in after_label[0].text_edit.new_text
    word = await complete(3, len("- go"))
    labels = {i.label for i in word}
    assert {"**Goal:**", "goal", "objective"} <= labels, labels
    goal = next(i for i in word if i.label == "goal")
    assert goal.insert_text_format == types.InsertTextFormat.Snippet
    assert (goal.text_edit.range.start.character, goal.text_edit.range.end.character) == (2, 4), "replaces the typed word"
    nested = await complete(5, len("  - "))
    preferred = next(i for i in nested if i.preselect)
    assert preferred.label == "**Success looks like:**", [i.label for i in nested]
    week = await complete(9, len("- Migrate Stripe ("))
    assert [i.text_edit.new_text for i in week] == ["(Week ${1:X}-${2:Y})"]


def test_pulls_superseded_by_newer_edits(tmp_path: pathlib.Path):
    """A client that pulls after every keystroke: pulls that a newer edit overtook answer
    ServerCancelled (the client pulls again for the newer text), so only the last one lints;
    a cancelled pull answers RequestCancelled. All frames are written at once, as a fast
    typist's client would."""
    lines = ["## Goals", ""]
    for i in range(600):
        lines += [f"{i + 1}. **Goal:** Ship payments v{i} to 100% of transactions by Week 8", "   - **Why it matters:** carts"]
    text = "\n".join(lines) + "\n- Work on payments\n"
    uri = (tmp_path / "goals.md").as_uri()
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options={"today": TODAY})
        raw.notify("initialized", {})
        raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        last_line = len(lines)
        frames = b""
        ids = []
        for k in range(8):
            change = {
                "textDocument": {"uri": uri, "version": 2 + k},
                "contentChanges": [{"range": {"start": {"line": last_line, "character": 18 + k}, "end": {"line": last_line, "character": 18 + k}}, "text": "x"}],
            }
            for message in (
                {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": change},
                {"jsonrpc": "2.0", "id": 100 + k, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}}},
            ):
                body = json.dumps(message).encode()
                frames += b"Content-Length: %d\r\n\r\n" % len(body) + body
            ids.append(100 + k)
        raw.send_raw(frames)
        answers = {}
        while len(answers) < len(ids):
            msg = raw.read_response(timeout=60)
            answers[msg["id"]] = msg
        superseded = [i for i in ids if answers[i].get("error", {}).get("code") == -32802]
        assert superseded, "every pull linted, none was superseded"
        assert all(answers[i]["error"]["data"] == {"retriggerRequest": True} for i in superseded)
        final = answers[ids[-1]]["result"]
        assert final["kind"] == "full"
        found = [d["range"] for d in final["items"] if d["code"] == "GL001"]
        assert [(r["start"]["line"], r["end"]["character"]) for r in found] == [(last_line, len("- Work on paymentsxxxxxxxx"))]


def test_workspace_diagnostics_for_every_goal_document_with_progress(tmp_path: pathlib.Path):
    """`workspace/diagnostic`: every goal document of the workspace (open ones as edited, the
    others from disk; plain Markdown and hidden directories left out), with work-done progress,
    and `unchanged` for what the client already has."""
    (tmp_path / "team").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "team" / "q3-goals.md").write_text("## Goals\n\n- Work on payments\n")
    (tmp_path / "README.md").write_text("# Project\n\nHow to build it.\n")
    (tmp_path / ".git" / "goals.md").write_text("## Goals\n\n- Work on payments\n")
    opened = tmp_path / "goals.md"
    opened.write_text("## Goals\n\n- Ship payments v2 to 100% of transactions by Week 8\n")
    with RawClient(binary(), tmp_path) as raw:
        caps = raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options={"today": TODAY})["capabilities"]
        assert caps["diagnosticProvider"]["workspaceDiagnostics"] is True
        raw.notify("initialized", {})
        # Open, and edited in the editor: the report follows the editor's text, not the disk.
        raw.notify("textDocument/didOpen", {"textDocument": {"uri": opened.as_uri(), "languageId": "markdown", "version": 3, "text": "## Goals\n\n- Improve onboarding\n"}})
        report = raw.request("workspace/diagnostic", {"previousResultIds": [], "workDoneToken": "ws-1"}, timeout=30)
        by_uri = {item["uri"]: item for item in report["items"]}
        assert set(by_uri) == {opened.as_uri(), (tmp_path / "team" / "q3-goals.md").as_uri()}, list(by_uri)
        assert by_uri[opened.as_uri()]["version"] == 3
        assert [d["code"] for d in by_uri[opened.as_uri()]["items"]] == ["GL001"]
        assert [d["code"] for d in by_uri[(tmp_path / "team" / "q3-goals.md").as_uri()]["items"]] == ["GL001"]
        progress = [m["params"] for m in raw.pending if m.get("method") == "$/progress" and m["params"]["token"] == "ws-1"]
        kinds = [p["value"]["kind"] for p in progress]
        assert kinds[0] == "begin" and kinds[-1] == "end" and "report" in kinds, kinds
        # The client sends back what it has: nothing changed, nothing to send again.
        previous = [{"uri": uri, "value": item["resultId"]} for uri, item in by_uri.items()]
        again = raw.request("workspace/diagnostic", {"previousResultIds": previous}, timeout=30)
        assert sorted(item["kind"] for item in again["items"]) == ["unchanged", "unchanged"]
        # A file edited on disk is read again.
        (tmp_path / "team" / "q3-goals.md").write_text("## Goals\n\n- Ship payments v2 to 100% of transactions by Week 8\n")
        third = raw.request("workspace/diagnostic", {"previousResultIds": previous}, timeout=30)
        changed = {item["uri"]: item for item in third["items"]}[(tmp_path / "team" / "q3-goals.md").as_uri()]
        assert changed["kind"] == "full" and changed["items"] == []


def test_workspace_diagnostics_say_when_they_stop_at_the_file_limit(tmp_path: pathlib.Path):
    """`workspace/diagnostic` looks at no more than 20,000 Markdown files; past that it says so
    (a warning naming the limit), once, instead of leaving the rest out silently."""
    many = tmp_path / "notes"
    many.mkdir()
    for i in range(20_001):
        (many / f"n{i}.md").write_bytes(b"")
    (tmp_path / "goals.md").write_text("## Goals\n\n- Work on payments\n")
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options={"today": TODAY})
        raw.notify("initialized", {})
        raw.request("workspace/diagnostic", {"previousResultIds": []}, timeout=120)
        warning = raw.wait_notification("window/showMessage", lambda p: "20000" in p["message"].replace(",", ""))
        assert warning["type"] == 2, warning  # Warning
        raw.request("workspace/diagnostic", {"previousResultIds": []}, timeout=120)
        assert raw.request("shutdown") is None
        shown = [m for m in raw.pending if m.get("method") == "window/showMessage"]
        assert shown == [], shown  # once, not on every pull
    # At the limit exactly, nothing was left out: no warning.
    (many / "n0.md").unlink()
    (tmp_path / "goals.md").unlink()
    with RawClient(binary(), tmp_path) as raw:
        raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options={"today": TODAY})
        raw.notify("initialized", {})
        raw.request("workspace/diagnostic", {"previousResultIds": []}, timeout=120)
        assert raw.request("shutdown") is None
        assert [m for m in raw.pending if m.get("method") == "window/showMessage"] == []
