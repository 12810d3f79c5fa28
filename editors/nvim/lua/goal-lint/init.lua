-- goal-lint: inline warnings for Markdown goal documents, from the `goal-lint lsp` server.
--
-- Neovim 0.11+:  vim.lsp.enable('goal_lint')            (config in lsp/goal_lint.lua)
-- Neovim 0.10+:  require('goal-lint').setup()           (starts the server for Markdown)
local M = {}

M.defaults = {
  cmd = { 'goal-lint', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'goal-lint.toml', '.goal-lint.toml', '.git' },
  -- Settings sent to the server: { configPath = '...', select = { 'GL1' }, ignore = { 'missing-why' },
  -- run = 'onType' | 'onSave', workspaceDiagnostics = 'off' | 'openFiles' | 'workspace',
  -- debounceMs = 150 (default: adaptive), configPollMs = 1000 } (editors/README.md, "Server settings")
  settings = {},
}

--- Byte column of an LSP position in a buffer line, for the client's position encoding.
local function byte_col(bufnr, pos, encoding)
  local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1] or ''
  if encoding == 'utf-8' then
    return math.min(pos.character, #line)
  end
  local ok, col
  if vim.fn.has('nvim-0.11') == 1 then
    ok, col = pcall(vim.str_byteindex, line, encoding, pos.character, false)
  else
    ok, col = pcall(vim.str_byteindex, line, pos.character, encoding == 'utf-16')
  end
  return ok and col or #line
end

--- The server's `goal-lint.insertSnippet` command: replace a range with a snippet, tab stops
--- included (used by template quick fixes).
function M.insert_snippet(command, ctx)
  local args = command.arguments and command.arguments[1]
  if type(args) ~= 'table' or type(args.snippet) ~= 'string' or type(args.range) ~= 'table' then
    return
  end
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or 'utf-16'
  local bufnr = vim.uri_to_bufnr(args.uri)
  vim.fn.bufload(bufnr)
  local start = args.range.start
  local start_col = byte_col(bufnr, start, encoding)
  local stop_col = byte_col(bufnr, args.range['end'], encoding)
  vim.api.nvim_buf_set_text(bufnr, start.line, start_col, args.range['end'].line, stop_col, {})
  local win = vim.fn.bufwinid(bufnr)
  if win == -1 then
    vim.api.nvim_set_current_buf(bufnr)
    win = vim.api.nvim_get_current_win()
  end
  vim.api.nvim_set_current_win(win)
  -- In Normal mode the cursor cannot sit after the last character, where end-of-line
  -- templates go: allow it while placing the cursor for the snippet.
  local virtualedit = vim.wo[win].virtualedit
  vim.wo[win].virtualedit = 'onemore'
  vim.api.nvim_win_set_cursor(win, { start.line + 1, start_col })
  vim.snippet.expand(args.snippet)
  vim.wo[win].virtualedit = virtualedit
end

--- Apply every safe fix in the buffer (the `source.fixAll.goal-lint` code action).
function M.fix_all(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  vim.lsp.buf.code_action({
    context = { only = { 'source.fixAll.goal-lint' }, diagnostics = {} },
    apply = true,
  })
end

--- Show what goal-lint understood of a buffer (the server's `goal-lint.outline` command: the
--- document's kind, the evidence for it, and what each line was read as) in a scratch window.
function M.outline(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' })[1]
  if not client then
    vim.notify('goal-lint: the server is not attached to this buffer', vim.log.levels.WARN)
    return
  end
  local params = { command = 'goal-lint.outline', arguments = { { uri = vim.uri_from_bufnr(bufnr) } } }
  local function show(err, result)
    if err or type(result) ~= 'table' then
      vim.notify('goal-lint: outline failed: ' .. (err and err.message or 'no answer'), vim.log.levels.ERROR)
      return
    end
    vim.cmd('botright new')
    local out = vim.api.nvim_get_current_buf()
    vim.bo[out].buftype = 'nofile'
    vim.bo[out].bufhidden = 'wipe'
    vim.bo[out].swapfile = false
    vim.api.nvim_buf_set_lines(out, 0, -1, false, vim.split(result.outline, '\n', { trimempty = true }))
    vim.bo[out].modifiable = false
    vim.bo[out].filetype = 'goal-lint-outline'
    vim.b[out].goal_lint_outline = { kind = result.kind, evidence = result.evidence }
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('workspace/executeCommand', params, show, bufnr)
  else
    client.request('workspace/executeCommand', params, show, bufnr)
  end
end

--- Buffer-local `:GoalLintFixAll` and `:GoalLintOutline`. Called for every buffer the server
--- attaches to (from an `LspAttach` autocommand, so a user's own `on_attach` does not remove
--- them).
function M.on_attach(_, bufnr)
  vim.api.nvim_buf_create_user_command(bufnr, 'GoalLintFixAll', function()
    M.fix_all(bufnr)
  end, { desc = 'goal-lint: apply every safe fix' })
  vim.api.nvim_buf_create_user_command(bufnr, 'GoalLintOutline', function()
    M.outline(bufnr)
  end, { desc = 'goal-lint: what goal-lint understood of this document' })
end

--- `workspace/diagnostic/refresh` (the configuration changed): pull the diagnostics of every
--- buffer the client is attached to again. Neovim 0.11 has no handler of its own for it.
function M.refresh_diagnostics(_, _, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client then
    for bufnr in pairs(client.attached_buffers) do
      if vim.api.nvim_buf_is_loaded(bufnr) then
        local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
        if vim.fn.has('nvim-0.11') == 1 then
          client:request('textDocument/diagnostic', params, nil, bufnr)
        else
          client.request('textDocument/diagnostic', params, nil, bufnr)
        end
      end
    end
  end
  return vim.NIL
end

--- What the plugin adds to the client: the refresh handler, and telling the server about it.
M.handlers = { ['workspace/diagnostic/refresh'] = M.refresh_diagnostics }
M.capabilities = { workspace = { diagnostics = { refreshSupport = true } } }

vim.lsp.commands['goal-lint.insertSnippet'] = M.insert_snippet

vim.api.nvim_create_autocmd('LspAttach', {
  group = vim.api.nvim_create_augroup('goal-lint-attach', { clear = true }),
  callback = function(event)
    local client = vim.lsp.get_client_by_id(event.data.client_id)
    if client and client.name == 'goal_lint' then
      M.on_attach(client, event.buf)
    end
  end,
})

--- The command that starts the server: from `vim.lsp.config` (0.11+), else setup()'s options.
function M.cmd()
  local cmd
  if vim.lsp.config and vim.fn.has('nvim-0.11') == 1 then
    local ok, config = pcall(function()
      return vim.lsp.config.goal_lint
    end)
    cmd = ok and config and config.cmd or nil
  end
  if cmd == nil then
    cmd = (M.options or M.defaults).cmd
  end
  return cmd
end

--- Whether the user asked for the server: `vim.lsp.enable('goal_lint')` or `setup()`.
function M.enabled()
  if M.options ~= nil then
    return true
  end
  return vim.lsp.is_enabled ~= nil and vim.lsp.is_enabled('goal_lint')
end

--- How to install the binary (README's install table), for the warning and :checkhealth.
function M.install_advice()
  return {
    'pipx install goal-lint   (or: uv tool install goal-lint)',
    'cargo install goal-lint  (with a Rust toolchain)',
    "or point the plugin at it: vim.lsp.config('goal_lint', { cmd = { '/path/to/goal-lint', 'lsp' } })",
  }
end

--- Neovim skips a server whose binary is missing without a word (0.11 only logs it): say it
--- once per session, when the first Markdown buffer opens.
function M.warn_if_missing()
  if M.missing_warned or not M.enabled() then
    return
  end
  local cmd = M.cmd()
  if type(cmd) ~= 'table' or vim.fn.executable(cmd[1]) == 1 then
    return
  end
  M.missing_warned = true
  vim.notify(
    ('goal-lint: `%s` is not on PATH, so Markdown goal documents are not checked. Install it:\n  %s\n(:checkhealth goal_lint)'):format(
      cmd[1],
      table.concat(M.install_advice(), '\n  ')
    ),
    vim.log.levels.WARN
  )
end

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('goal-lint-missing', { clear = true }),
  pattern = 'markdown',
  callback = function()
    M.warn_if_missing()
  end,
})

--- Start goal-lint for Markdown buffers (for Neovim 0.10, or to pass options on 0.11).
function M.setup(opts)
  opts = vim.tbl_deep_extend('force', M.defaults, opts or {})
  M.options = opts
  if vim.fn.has('nvim-0.11') == 1 and vim.lsp.config then
    vim.lsp.config('goal_lint', {
      cmd = opts.cmd,
      filetypes = opts.filetypes,
      root_markers = opts.root_markers,
      init_options = vim.tbl_extend('force', { snippetCommand = true }, opts.settings),
      handlers = M.handlers,
      capabilities = M.capabilities,
    })
    vim.lsp.enable('goal_lint')
    return
  end
  vim.api.nvim_create_autocmd('FileType', {
    pattern = opts.filetypes,
    group = vim.api.nvim_create_augroup('goal-lint', { clear = true }),
    callback = function(event)
      if type(opts.cmd) == 'table' and vim.fn.executable(opts.cmd[1]) == 0 then
        return -- said once by warn_if_missing
      end
      local root = vim.fs.root(event.buf, opts.root_markers) or vim.fn.getcwd()
      vim.lsp.start({
        name = 'goal_lint',
        cmd = opts.cmd,
        root_dir = root,
        init_options = vim.tbl_extend('force', { snippetCommand = true }, opts.settings),
        handlers = M.handlers,
        capabilities = M.capabilities,
      }, { bufnr = event.buf })
    end,
  })
end

return M
