-- Driven by test/nvim/neovim.test.ts: load the README's snippet, open a file,
-- wait for diagnostics, apply the preferred quick fix, write what we saw.
local out = os.getenv('MICROVM_LINT_NVIM_OUT')
dofile(os.getenv('MICROVM_LINT_SNIPPET'))
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('MICROVM_LINT_FILE')))
local buf = vim.api.nvim_get_current_buf()

local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, source = d.source, message = d.message,
    code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL })
end

local titles, fixed = {}, vim.NIL
if got then
  -- What `vim.lsp.buf.code_action()` sends: the line's diagnostics converted back to LSP.
  local lnum = vim.diagnostic.get(buf)[1].lnum
  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, lnum)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = lsp_diags[1].range,
    context = { diagnostics = lsp_diags } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if action.isPreferred and fixed == vim.NIL then
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        fixed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
      end
    end
  end
end

vim.fn.writefile({ vim.fn.json_encode({ diagnostics = diagnostics, titles = titles, fixed = fixed }) }, out)
vim.cmd('qa!')
