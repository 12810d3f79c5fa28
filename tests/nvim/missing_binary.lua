-- The README's recipe with no goal-lint on PATH: one warning with the install commands, however
-- many Markdown files open; :checkhealth goal_lint says the same.
local H = dofile(vim.env.GOAL_LINT_TEST_DIR .. '/harness.lua')

H.run(function()
  H.step('open two Markdown files', function()
    vim.cmd.edit(vim.env.GOAL_LINT_DOC)
    vim.cmd.edit(vim.env.GOAL_LINT_DOC2)
    vim.wait(500)
    H.result.notes = vim.g.goal_lint_notes
    H.result.clients = #vim.lsp.get_clients({ name = 'goal_lint' })
  end)
  H.step('health', function()
    vim.cmd('checkhealth goal_lint')
    H.result.health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  end)
end)
