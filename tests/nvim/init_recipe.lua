-- Neovim configured as editors/README.md tells a user: its Lua blocks of the Neovim section run
-- as written (the plugin's path filled in). With GOAL_LINT_RECIPE_BIN set, the server command
-- is pointed at the binary under test; without it, the plugin's default (`goal-lint` on PATH).
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
local lines = vim.fn.readfile(vim.env.GOAL_LINT_ROOT .. '/editors/README.md')
local in_section, block, blocks = false, nil, {}
for _, line in ipairs(lines) do
  if line:match('^## ') then
    in_section = line:match('^## Neovim') ~= nil
  elseif in_section and line == '```lua' then
    block = {}
  elseif block and line == '```' then
    table.insert(blocks, table.concat(block, '\n'))
    block = nil
  elseif block then
    table.insert(block, line)
  end
end
assert(#blocks >= 2, 'expected the set-up and completion blocks in editors/README.md')
vim.g.goal_lint_recipe_blocks = #blocks
for i, code in ipairs(blocks) do
  code = code:gsub('/path/to/goal%-lint/editors/nvim', vim.env.GOAL_LINT_PLUGIN)
  assert(load(code, 'editors/README.md block ' .. i))()
end
if vim.env.GOAL_LINT_RECIPE_BIN then
  vim.lsp.config('goal_lint', { cmd = { vim.env.GOAL_LINT_RECIPE_BIN, 'lsp' } })
end
-- Messages shown to the user, for the tests.
vim.g.goal_lint_notes = {}
local notify = vim.notify
vim.notify = function(msg, level, opts)
  local notes = vim.g.goal_lint_notes
  table.insert(notes, { msg = msg, level = level })
  vim.g.goal_lint_notes = notes
  return notify(msg, level, opts)
end
