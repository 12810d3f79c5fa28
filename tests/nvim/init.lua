-- Minimal Neovim configuration for the end-to-end test: the plugin from editors/nvim, the
-- server from GOAL_LINT_BIN, nothing else.
vim.opt.runtimepath:prepend(vim.env.GOAL_LINT_PLUGIN)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.lsp.config('goal_lint', {
  cmd = { vim.env.GOAL_LINT_BIN, 'lsp' },
  init_options = { snippetCommand = true, debounceMs = 0, today = '2025-07-01', configPollMs = 100 },
  -- A user's own on_attach: the plugin's :GoalLintFixAll must survive it.
  on_attach = function()
    vim.g.goal_lint_test_on_attach = true
  end,
})
vim.lsp.enable('goal_lint')
