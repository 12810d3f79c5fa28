-- The README's recipe: messages beside the line, the most severe first; :checkhealth goal_lint.
local H = dofile(vim.env.GOAL_LINT_TEST_DIR .. '/harness.lua')

local function virtual_text(bufnr, row)
  local out = {}
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, -1, { row, 0 }, { row, -1 }, { details = true })) do
    for _, chunk in ipairs(mark[4].virt_text or {}) do
      table.insert(out, chunk[1])
    end
  end
  return table.concat(out)
end

H.run(function()
  local bufnr
  H.step('open', function()
    bufnr = H.open(vim.env.GOAL_LINT_DOC)
  end)
  H.step('a warning and an info on one line', function()
    assert(vim.wait(15000, function()
      local codes = {}
      for _, d in ipairs(H.diagnostics(bufnr)) do
        if d.lnum == 5 then
          codes[d.code] = true
        end
      end
      return codes.GL001 and codes.GL004 and virtual_text(bufnr, 5) ~= ''
    end, 20), 'no GL001 and GL004 on line 6')
    vim.wait(200) -- let the display settle
    H.result.virtual_text = virtual_text(bufnr, 5)
    H.result.gl001 = H.diagnostics(bufnr, 'GL001')[1].message
    H.result.gl004 = H.diagnostics(bufnr, 'GL004')[1].message
    H.result.config = vim.diagnostic.config()
  end)
  H.step('health', function()
    vim.cmd('checkhealth goal_lint')
    H.result.health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  end)
end)
