-- What the Neovim test scripts share (loaded with dofile): steps that stop at the first
-- failure, and the result written to $GOAL_LINT_NVIM_RESULT as JSON for test_nvim.py.
local H = { result = { steps = {} } }

function H.finish(err)
  H.result.error = err
  local f = assert(io.open(vim.env.GOAL_LINT_NVIM_RESULT, 'w'))
  f:write(vim.json.encode(H.result))
  f:close()
  vim.cmd(err and 'cquit! 1' or 'qall!')
end

function H.step(name, fn)
  local ok, err = pcall(fn)
  table.insert(H.result.steps, name)
  if not ok then
    H.finish(name .. ': ' .. tostring(err))
    error('stop')
  end
end

--- Run `body` once Neovim has started, then write the result.
function H.run(body)
  vim.schedule(function()
    if pcall(body) then
      H.finish(nil)
    end
  end)
end

function H.diagnostics(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or d.code == code then
      table.insert(out, d)
    end
  end
  return out
end

function H.client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'goal_lint' })[1]
end

--- Open a file and wait for the server to attach.
function H.open(path)
  vim.cmd.edit(path)
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.wait(15000, function()
    return H.client(bufnr) ~= nil
  end, 20), 'goal_lint did not attach')
  return bufnr
end

function H.write(path, text)
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

return H
