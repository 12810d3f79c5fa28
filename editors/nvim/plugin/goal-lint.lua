-- goal-lint: registers the server's snippet command. Start the server with
-- `vim.lsp.enable('goal_lint')` (Neovim 0.11+) or `require('goal-lint').setup()`.
if vim.g.loaded_goal_lint then
  return
end
vim.g.loaded_goal_lint = true
require('goal-lint')
