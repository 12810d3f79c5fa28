-- Runs inside headless Neovim (see test_nvim.py): open a goal document, wait for diagnostics,
-- apply a quick-fix template, and write what happened to $GOAL_LINT_NVIM_RESULT as JSON.
local result = { steps = {} }

local function finish(err)
  result.error = err
  local f = assert(io.open(vim.env.GOAL_LINT_NVIM_RESULT, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd(err and 'cquit! 1' or 'qall!')
end

local function step(name, fn)
  local ok, err = pcall(fn)
  table.insert(result.steps, name)
  if not ok then
    finish(name .. ': ' .. tostring(err))
    error('stop')
  end
end

local function diagnostics(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or d.code == code then
      table.insert(out, d)
    end
  end
  return out
end

vim.schedule(function()
  local ok = pcall(function()
    local bufnr
    step('open', function()
      vim.cmd.edit(vim.env.GOAL_LINT_DOC)
      bufnr = vim.api.nvim_get_current_buf()
      assert(vim.bo[bufnr].filetype == 'markdown', 'filetype ' .. vim.bo[bufnr].filetype)
    end)
    step('attach', function()
      assert(vim.wait(15000, function()
        return #vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' }) > 0
      end, 20), 'goal_lint did not attach')
      result.encoding = vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' })[1].offset_encoding
    end)
    step('diagnostics', function()
      assert(vim.wait(15000, function()
        return #diagnostics(bufnr, 'GL001') > 0 and #diagnostics(bufnr, 'GL004') > 0
      end, 20), 'no GL001/GL004 diagnostics')
      local d = diagnostics(bufnr, 'GL001')[1]
      result.gl001 = { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, source = d.source }
    end)
    step('code action', function()
      local d = diagnostics(bufnr, 'GL004')[1]
      local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' })[1]
      local params = {
        textDocument = vim.lsp.util.make_text_document_params(bufnr),
        range = d.user_data.lsp.range,
        context = { diagnostics = { d.user_data.lsp } },
      }
      local response = client:request_sync('textDocument/codeAction', params, 5000, bufnr)
      assert(response and response.result, 'no code actions: ' .. vim.inspect(response))
      result.actions = vim.tbl_map(function(a)
        return a.title
      end, response.result)
      local template
      for _, a in ipairs(response.result) do
        if a.title == 'Add a "Why it matters" field' then
          template = a
        end
      end
      assert(template and template.command, 'no template action')
      client:exec_cmd(template.command, { bufnr = bufnr })
      -- Leave the snippet session (as pressing <Esc> would).
      vim.snippet.stop()
      vim.cmd.stopinsert()
      result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    end)
    step('diagnostic gone', function()
      assert(vim.wait(15000, function()
        return #diagnostics(bufnr, 'GL004') == 0 and #diagnostics(bufnr, 'GL201') > 0
      end, 20), 'GL004 still reported: ' .. vim.inspect(vim.tbl_map(function(x)
        return x.code
      end, diagnostics(bufnr))))
    end)
    step('user on_attach keeps the command', function()
      result.user_on_attach = vim.g.goal_lint_test_on_attach == true
      result.fix_all_command = vim.fn.exists(':GoalLintFixAll') == 2
    end)
    step('success template after an indented line, cursor at the marker', function()
      local d = diagnostics(bufnr, 'GL002')[1]
      assert(d, 'no GL002')
      local before = vim.api.nvim_buf_line_count(bufnr)
      -- The cursor at the list marker, outside the finding's range; Neovim sends the line's
      -- diagnostics in context.diagnostics.
      vim.api.nvim_win_set_cursor(0, { d.lnum + 1, 0 })
      vim.lsp.buf.code_action({
        filter = function(a)
          return a.title == 'Add a "Success looks like" field'
        end,
        apply = true,
      })
      assert(vim.wait(10000, function()
        return vim.api.nvim_buf_line_count(bufnr) > before
      end, 20), 'the template was not inserted')
      vim.snippet.stop()
      vim.cmd.stopinsert()
      result.success_lines = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 3, false)
      assert(vim.wait(15000, function()
        return #diagnostics(bufnr, 'GL002') == 0
      end, 20), 'GL002 still reported')
    end)
    step('edited goal-lint.toml picked up without file watching', function()
      assert(#diagnostics(bufnr, 'GL001') > 0, 'GL001 expected before')
      local f = assert(io.open(vim.env.GOAL_LINT_CONFIG, 'w'))
      f:write('ignore = ["vague-goal"]\n')
      f:close()
      assert(vim.wait(15000, function()
        return #diagnostics(bufnr, 'GL001') == 0
      end, 20), 'GL001 still reported after the config file was edited')
    end)
    step('settings change', function()
      local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' })[1]
      client:notify('workspace/didChangeConfiguration', {
        settings = { ['goal-lint'] = { configPath = vim.env.GOAL_LINT_TEAM_CONFIG } },
      })
      assert(vim.wait(15000, function()
        local d = diagnostics(bufnr, 'GL101')[1]
        return d ~= nil and d.severity == vim.diagnostic.severity.ERROR
      end, 20), 'GL101 is not an error after the settings change')
    end)
    step('week range template', function()
      local d = diagnostics(bufnr, 'GL101')[1]
      local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' })[1]
      local cursor = { line = d.lnum, character = 0 }
      local response = client:request_sync('textDocument/codeAction', {
        textDocument = vim.lsp.util.make_text_document_params(bufnr),
        range = { start = cursor, ['end'] = cursor },
        context = { diagnostics = { d.user_data.lsp } },
      }, 5000, bufnr)
      local template
      for _, a in ipairs(response.result or {}) do
        if a.command and a.command.command == 'goal-lint.insertSnippet' then
          template = a
        end
      end
      assert(template, 'no week-range template')
      result.week_snippet = template.command.arguments[1].snippet
      client:exec_cmd(template.command, { bufnr = bufnr })
      vim.snippet.stop()
      vim.cmd.stopinsert()
      result.week_line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
    end)
    step('health', function()
      vim.cmd('checkhealth goal_lint')
      result.health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
    end)
  end)
  if ok then
    finish(nil)
  end
end)
