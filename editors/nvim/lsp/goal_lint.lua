-- goal-lint for Neovim 0.11+ (`vim.lsp.config`): `vim.lsp.enable('goal_lint')` is enough once
-- this plugin is on the runtimepath. Override fields with `vim.lsp.config('goal_lint', {...})`.
return {
  cmd = { 'goal-lint', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'goal-lint.toml', '.goal-lint.toml', '.git' },
  init_options = {
    -- This plugin implements the snippet command, so templates come with tab stops.
    snippetCommand = true,
  },
  on_attach = function(client, bufnr)
    require('goal-lint').on_attach(client, bufnr)
  end,
}
