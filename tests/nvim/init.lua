-- Minimal Neovim configuration for the end-to-end test: the plugin from editors/nvim, the
-- server from GOAL_LINT_BIN, nothing else.
vim.opt.runtimepath:prepend(vim.env.GOAL_LINT_PLUGIN)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.lsp.config('goal_lint', {
  cmd = { vim.env.GOAL_LINT_BIN, 'lsp' },
  init_options = { snippetCommand = true, debounceMs = 0, today = '2025-07-01' },
})
vim.lsp.enable('goal_lint')
