-- `require('goal_lint')` is `require('goal-lint')`: the server's name (`vim.lsp.enable('goal_lint')`,
-- `:checkhealth goal_lint`) works for the module too.
return require('goal-lint')
