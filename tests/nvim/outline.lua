-- :GoalLintOutline shows the server's goal-lint.outline answer in a scratch window.
local H = dofile(vim.env.GOAL_LINT_TEST_DIR .. '/harness.lua')

H.run(function()
  local bufnr
  H.step('open', function()
    bufnr = H.open(vim.env.GOAL_LINT_DOC)
  end)
  H.step('outline', function()
    assert(vim.fn.exists(':GoalLintOutline') == 2, 'no :GoalLintOutline')
    vim.cmd('GoalLintOutline')
    assert(vim.wait(15000, function()
      return vim.b.goal_lint_outline ~= nil
    end, 20), 'no outline window')
    H.result.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
    H.result.kind = vim.b.goal_lint_outline.kind
    H.result.windows = #vim.api.nvim_tabpage_list_wins(0)
    H.result.source_unchanged = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
  end)
end)
