"""Ways out of a false alarm (issue 25, item 4): disable a rule for the file, mark the file as
not a goal document, add the rule to `ignore` in goal-lint.toml (editing it or creating it);
the main fix preferred; the `goal-lint.outline` command."""

from __future__ import annotations

import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import accept_registrations, apply_edits, codes, init_params, open_doc, server_config
from test_lsp import diagnostics_for, uri_of

PLAN = "## Q3 Goals\n\n- Work on payments\n- Ship payments v2 by Week 8\n- Work on search\n"


async def start(client: LanguageClient, root: pathlib.Path, *, create_files: bool = True):
    client.root = root
    accept_registrations(client)
    params = init_params(root, pull=False)
    edit = params.capabilities.workspace.workspace_edit
    if not create_files:
        edit.resource_operations = []
    else:
        assert edit.document_changes and types.ResourceOperationKind.Create in edit.resource_operations
    client.init_result = await client.initialize_session(params)


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def no_create_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start(lsp_client, tmp_path, create_files=False)
    yield
    await lsp_client.shutdown_session()


async def actions_at(client: LanguageClient, uri: str, line: int, diagnostics) -> dict[str, types.CodeAction]:
    at = types.Position(line=line, character=0)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=at, end=at),
            context=types.CodeActionContext(diagnostics=[d for d in diagnostics if d.range.start.line == line]),
        )
    )
    return {a.title: a for a in result or []}


async def opened(client: LanguageClient, name: str, text: str):
    uri = uri_of(client, name, text)
    open_doc(client, uri, text)
    found = await diagnostics_for(client, uri, lambda ds: len(ds) > 0, what=f"diagnostics of {name}")
    return uri, found


async def relinted(client: LanguageClient, name: str, text: str) -> list[str]:
    """The codes the server reports for `text` opened as a new document."""
    uri = uri_of(client, name, text)
    open_doc(client, uri, text)
    await diagnostics_for(client, uri, what=name)
    await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0))
    )
    return codes(client.diagnostics[uri])


async def test_the_ways_out_of_a_false_alarm_are_offered_and_the_main_fix_is_preferred(client: LanguageClient):
    uri, found = await opened(client, "goals.md", PLAN)
    assert codes(found) == ["GL001", "GL001"]
    actions = await actions_at(client, uri, 2, found)
    assert set(actions) >= {
        "Disable GL001 (vague-goal) for this line",
        "Disable GL001 (vague-goal) for this file",
        "Ignore GL001 (vague-goal) in goal-lint.toml",
        "Mark this file as not a goal document (goal-lint: off)",
    }, list(actions)
    preferred = [t for t, a in actions.items() if a.is_preferred]
    assert preferred == ["Rewrite as verb + thing + outcome + deadline"], preferred
    # Disabled for the file: both findings go.
    edit = actions["Disable GL001 (vague-goal) for this file"].edit.changes[uri]
    after = apply_edits(PLAN, edit)
    assert after.endswith("- Work on search\n<!-- goal-lint-disable-file GL001 -->\n")
    assert await relinted(client, "disabled.md", after) == []


async def test_not_a_goal_document_extends_front_matter_and_keeps_line_endings(client: LanguageClient):
    text = "---\r\ntitle: Payments\r\n---\r\n" + PLAN.replace("\n", "\r\n")
    uri, found = await opened(client, "crlf.md", text)
    actions = await actions_at(client, uri, found[0].range.start.line, found)
    edit = actions["Mark this file as not a goal document (goal-lint: off)"].edit.changes[uri]
    after = apply_edits(text, edit)
    assert after == "---\r\ngoal-lint: off\r\ntitle: Payments\r\n---\r\n" + PLAN.replace("\n", "\r\n")
    assert await relinted(client, "crlf-off.md", after) == []
    # No front matter: a new block at the top.
    uri, found = await opened(client, "plain.md", PLAN)
    actions = await actions_at(client, uri, 2, found)
    after = apply_edits(PLAN, actions["Mark this file as not a goal document (goal-lint: off)"].edit.changes[uri])
    assert after == "---\ngoal-lint: off\n---\n" + PLAN
    assert await relinted(client, "plain-off.md", after) == []


async def test_ignore_edits_the_nearest_goal_lint_toml(client: LanguageClient):
    config = client.root / "goal-lint.toml"
    source = '# team settings\nignore = ["missing-why"]  # noisy\n\n[severity]\nGL101 = "error"\n'
    config.write_text(source)
    uri, found = await opened(client, "goals.md", PLAN)
    actions = await actions_at(client, uri, 2, found)
    edit = actions["Ignore GL001 (vague-goal) in goal-lint.toml"].edit
    assert list(edit.changes) == [config.as_uri()]
    after = apply_edits(source, edit.changes[config.as_uri()])
    assert after == '# team settings\nignore = ["missing-why", "vague-goal"]  # noisy\n\n[severity]\nGL101 = "error"\n'
    config.write_text(after)
    assert await relinted(client, "after.md", PLAN) == []


async def test_ignore_creates_goal_lint_toml_in_the_workspace_folder(client: LanguageClient):
    (client.root / "plans").mkdir()
    uri, found = await opened(client, "plans/goals.md", PLAN)
    actions = await actions_at(client, uri, 2, found)
    changes = actions["Ignore GL001 (vague-goal) in goal-lint.toml"].edit.document_changes
    create, edit = changes
    config = client.root / "goal-lint.toml"
    assert create.kind == "create" and create.uri == config.as_uri()
    assert create.options.ignore_if_exists and not create.options.overwrite
    assert edit.text_document.uri == config.as_uri()
    config.write_text(apply_edits("", edit.edits))
    assert config.read_text() == 'ignore = ["vague-goal"]\n'
    assert await relinted(client, "plans/after.md", PLAN) == []


async def test_no_ignore_action_when_the_client_cannot_create_the_file(no_create_client: LanguageClient):
    uri, found = await opened(no_create_client, "goals.md", PLAN)
    actions = await actions_at(no_create_client, uri, 2, found)
    assert "Disable GL001 (vague-goal) for this file" in actions
    assert not any(t.startswith("Ignore") for t in actions), list(actions)


async def test_the_outline_command(client: LanguageClient):
    assert "goal-lint.outline" in client.init_result.capabilities.execute_command_provider.commands
    uri, _ = await opened(client, "goals.md", PLAN)
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="goal-lint.outline", arguments=[{"uri": uri}])
    )
    assert result["uri"] == uri
    assert result["kind"] == "plan"
    assert isinstance(result["evidence"], list) and result["evidence"], result
    assert "goal document: true" in result["outline"]
    assert "Work on payments" in result["outline"]
    # The same as `goal-lint outline --format json`: each entry with its role and line.
    report = result["report"]
    assert report["kind"] == "plan"
    assert any(e["role"] == "goal" and e["text"] == "Work on payments" for e in report["entries"]), report
    # A plain README: not a goal document, no kind.
    readme = uri_of(client, "README.md", "# Tool\n\nInstall it.\n")
    open_doc(client, readme, "# Tool\n\nInstall it.\n")
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="goal-lint.outline", arguments=[readme])
    )
    assert result["kind"] is None and result["outline"].startswith("goal document: false")
