-- Type a text character by character into an empty Markdown file, as a user does (each key
-- through Neovim's input queue, the event loop running between keys: completion requests,
-- their menus and diagnostics all happen), then write what the buffer holds. Neovim's own
-- typing aids that are not completion (autoindent, comment leaders, wrapping) are turned off,
-- so that any difference is the completion's doing.
local H = dofile(vim.env.GOAL_LINT_TEST_DIR .. '/harness.lua')

local text = table.concat(vim.fn.readfile(vim.env.GOAL_LINT_TYPE_TEXT, 'b'), '\n')
local delay = tonumber(vim.env.GOAL_LINT_TYPE_DELAY or '30')

local function keys_of(s)
  local out = {}
  for _, ch in ipairs(vim.fn.split(s, '\\zs')) do
    if ch == '\n' then
      table.insert(out, { key = '<CR>', ch = ch })
    elseif ch == '<' then
      table.insert(out, { key = '<lt>', ch = ch })
    else
      table.insert(out, { key = ch, ch = ch })
    end
  end
  return out
end

-- Typing happens in the event loop (a vim.wait would hold the keys back): the steps before it
-- run first, then each key is sent from a timer, and the last one writes the result.
vim.schedule(function()
  local bufnr
  local ok = pcall(H.step, 'open', function()
    bufnr = H.open(vim.env.GOAL_LINT_TYPE_FILE)
    vim.bo[bufnr].autoindent = false
    vim.bo[bufnr].smartindent = false
    vim.bo[bufnr].indentexpr = ''
    vim.bo[bufnr].formatoptions = ''
    vim.bo[bufnr].textwidth = 0
    vim.bo[bufnr].comments = ''
    H.result.completeopt = vim.o.completeopt
    local provider = H.client(bufnr).server_capabilities.completionProvider or {}
    H.result.trigger_characters = provider.triggerCharacters
  end)
  if not ok then
    return
  end
  local keys = keys_of(text)
  local menus = {} -- the characters after which a completion menu was open
  local i = 0
  local function next_key()
    if i > 0 and vim.fn.pumvisible() == 1 then
      table.insert(menus, { at = i, after = keys[i].ch, line = vim.api.nvim_get_current_line() })
    end
    i = i + 1
    if i > #keys then
      vim.api.nvim_input('<Esc>')
      vim.defer_fn(function()
        H.result.typed = text
        H.result.buffer = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
        H.result.menus = menus
        H.result.mode = vim.api.nvim_get_mode().mode
        H.finish(nil)
      end, 300)
      return
    end
    vim.api.nvim_input(keys[i].key)
    -- After a trigger character, wait for the server's answer and the menu (up to 1 s).
    local started = vim.uv.now()
    local function settle()
      if keys[i].ch == '(' and vim.fn.pumvisible() == 0 and vim.uv.now() - started < 1000 then
        vim.defer_fn(settle, 20)
      else
        vim.defer_fn(next_key, delay)
      end
    end
    vim.defer_fn(settle, delay)
  end
  vim.api.nvim_input('i')
  vim.defer_fn(next_key, 100)
end)
