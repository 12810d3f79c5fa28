"""A copy of a team's template in the editor: the server reads it against the template the
configuration names, and reports exactly what the CLI reports on the same file."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import TODAY, accept_registrations, binary, init_params, open_doc, server_config
from test_lsp import uri_of

TEMPLATE = """# Team goals for [half]

Write each goal as its own heading, naming what will exist at the end.

## Goal: [outcome the team will deliver]

- **Why:** [who benefits and how]
- **Measure:** [number or shipped thing]

## Goal: [outcome the team will deliver]

- **Why:** [who benefits and how]
- **Measure:** [number or shipped thing]

## Risks

- [what could stop us]
"""

COPY = """# Team goals for H1 2027

Write each goal as its own heading, naming what will exist at the end.

## Goal: Improve search

- **Why:** Customers miss exact titles
- **Measure:** Search is better

## Goal: [outcome the team will deliver]

- **Why:** [who benefits and how]
- **Measure:** [number or shipped thing]

## Risks

- The vendor contract is not signed yet
"""


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)
    params = init_params(tmp_path, spec="neovim", pull=True)
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def test_a_template_copy_gets_the_findings_the_cli_gives(client: LanguageClient):
    root: pathlib.Path = client.root
    (root / "templates").mkdir()
    (root / "templates" / "team.md").write_text(TEMPLATE)
    (root / "goal-lint.toml").write_text('templates = "templates"\n')
    (root / "plan.md").write_text(COPY)
    uri = uri_of(client, "plan.md")
    open_doc(client, uri, COPY)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    editor = sorted((d.range.start.line + 1, d.code) for d in report.items)
    cli = subprocess.run(
        [binary(), "--format", "json", "--today", TODAY, "plan.md"], cwd=root, capture_output=True, text=True
    )
    assert cli.returncode == 1, cli.stderr
    expected = sorted((d["start"]["line"], d["code"]) for d in json.loads(cli.stdout))
    assert editor == expected
    # The author's vague goal and unmeasurable measure, the goal block left as the template has
    # it; nothing on the guidance line.
    assert editor == [(5, "GL001"), (8, "GL003"), (10, "GL201"), (12, "GL201"), (13, "GL201")]


async def test_a_template_named_in_the_front_matter_is_read_as_the_cli_reads_it(client: LanguageClient):
    """`template: ../templates/team.md` in the document's front matter, no configuration: the
    editor gives what the CLI gives; a template that is not there is said on line 1, and once
    it is written the poll picks it up without an edit."""
    root: pathlib.Path = client.root
    (root / "plans").mkdir()
    copy = "---\ntemplate: ../templates/team.md\n---\n\n" + COPY
    (root / "plans" / "plan.md").write_text(copy)
    uri = uri_of(client, "plans/plan.md")
    open_doc(client, uri, copy)

    async def codes():
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return sorted((d.range.start.line + 1, d.code, d.message) for d in report.items)

    missing = await codes()
    assert len(missing) == 1 and "template ../templates/team.md" in missing[0][2], missing

    (root / "templates").mkdir()
    (root / "templates" / "team.md").write_text(TEMPLATE)
    editor = await codes()
    cli = subprocess.run(
        [binary(), "--no-config", "--format", "json", "--today", TODAY, "plans/plan.md"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 1, cli.stderr
    expected = sorted((d["start"]["line"], d["code"]) for d in json.loads(cli.stdout))
    assert [(line, code) for line, code, _ in editor] == expected
    assert [(line, code) for line, code, _ in editor] == [
        (9, "GL001"), (12, "GL003"), (14, "GL201"), (16, "GL201"), (17, "GL201")
    ]
