-- MicroVM Lint in Neovim (0.7 or newer, built-in LSP client).
-- Put this in your init.lua; `microvm-lint` must be on PATH (npm install -g . in a clone).
local microvm_lint_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'nix',
  callback = function(args)
    microvm_lint_client = microvm_lint_client or vim.lsp.start_client({
      name = 'microvm-lint',
      cmd = { 'microvm-lint', 'lsp', '--stdio' },
      -- Answered to the server's workspace/configuration requests (section microvmLint).
      settings = { microvmLint = { macvtap = { preferredMode = 'vepa' } } },
    })
    vim.lsp.buf_attach_client(args.buf, microvm_lint_client)
  end,
})
