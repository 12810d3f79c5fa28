-- A goal-lint.toml broken when the document is opened, fixed on disk later: the error goes
-- away without the buffer being edited (the server polls the file, the plugin re-pulls).
local H = dofile(vim.env.GOAL_LINT_TEST_DIR .. '/harness.lua')

H.run(function()
  local bufnr
  H.step('open with a broken config', function()
    H.write(vim.env.GOAL_LINT_CONFIG, 'ignore = [\n')
    bufnr = H.open(vim.env.GOAL_LINT_DOC)
    assert(vim.wait(15000, function()
      local ds = H.diagnostics(bufnr)
      return #ds == 1 and ds[1].message:find('invalid goal%-lint configuration') ~= nil
    end, 20), 'no config error: ' .. vim.inspect(H.diagnostics(bufnr)))
    H.result.before = H.diagnostics(bufnr)[1].message
    H.result.changedtick = vim.b[bufnr].changedtick
  end)
  H.step('fixed on disk', function()
    H.write(vim.env.GOAL_LINT_CONFIG, 'ignore = []\n')
    assert(vim.wait(15000, function()
      return #H.diagnostics(bufnr, 'GL001') > 0
    end, 20), 'still: ' .. vim.inspect(vim.tbl_map(function(d)
      return d.message
    end, H.diagnostics(bufnr))))
    H.result.after = vim.tbl_map(function(d)
      return d.code or d.message
    end, H.diagnostics(bufnr))
    H.result.edited = vim.b[bufnr].changedtick ~= H.result.changedtick
  end)
end)
