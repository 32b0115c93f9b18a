-- Start `lintnews server` for the current buffer with Neovim's built-in LSP client.
-- Neovim 0.8 and later have vim.lsp.start; 0.7 (Debian 12's) needs start_client and
-- buf_attach_client, which do the same. Put this in ftplugin/markdown.lua, text.lua and
-- html.lua, or call it from an autocommand (see docs/editors.md).
local M = {}

function M.start(bufnr, cmd)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local config = {
    name = "lintnews",
    cmd = cmd or { "lintnews", "server", "--stdio" },
    root_dir = vim.fn.getcwd(),
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = vim.lsp.start_client(config)
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

return M
