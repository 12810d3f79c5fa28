-- goal-lint for Neovim 0.11+ (`vim.lsp.config`): `vim.lsp.enable('goal_lint')` is enough once
-- this plugin is on the runtimepath. Override fields with `vim.lsp.config('goal_lint', {...})`;
-- your own `on_attach` is fine: `:GoalLintFixAll` comes from an `LspAttach` autocommand.
local goal_lint = require('goal-lint')
return {
  cmd = { 'goal-lint', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'goal-lint.toml', '.goal-lint.toml', '.git' },
  init_options = {
    -- This plugin implements the snippet command, so templates come with tab stops.
    snippetCommand = true,
  },
  -- The plugin re-pulls diagnostics when the server says the configuration changed.
  handlers = goal_lint.handlers,
  capabilities = goal_lint.capabilities,
}
