-- Headless Neovim: opens one file after the documented snippet (docs/editors.md) was loaded, waits for
-- the diagnostics the snippet's language server publishes, and writes them as JSON for the test to read.
-- This file starts nothing itself: opening the file fires the snippet's FileType autocommand.
local file = os.getenv('NOSPOF_FILE')
local out = os.getenv('NOSPOF_OUT')

local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
if not arrived then
  local clients = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    table.insert(clients, client.name)
  end
  finish({ error = 'no diagnostics within 20 s', filetype = vim.bo[bufnr].filetype, clients = clients })
  return
end

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, {
    code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
    line = d.lnum + 1,
    column = d.col + 1,
    severity = d.severity,
    source = d.source,
    message = d.message,
  })
end
local roots = {}
for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
  table.insert(roots, client.config.root_dir)
end
vim.lsp.stop_client(vim.lsp.get_active_clients())
finish({ version = vim.version(), diagnostics = diagnostics, roots = roots })
