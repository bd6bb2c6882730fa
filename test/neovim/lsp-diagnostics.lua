-- Headless Neovim (0.7+): starts `nospof lsp --stdio` for one file, waits for its diagnostics and
-- writes them as JSON for the test to read. Paths come from the environment.
local file = os.getenv('NOSPOF_FILE')
local root = os.getenv('NOSPOF_ROOT')
local out = os.getenv('NOSPOF_OUT')
local cmd = { os.getenv('NOSPOF_NODE') or 'node', os.getenv('NOSPOF_BIN'), 'lsp', '--stdio' }

local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

-- vim.lsp.start (0.8+) finds or starts a client and attaches it; 0.7 has only start_client.
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start({ name = 'nospof', cmd = cmd, root_dir = root })
else
  client_id = vim.lsp.start_client({ name = 'nospof', cmd = cmd, root_dir = root })
  vim.lsp.buf_attach_client(bufnr, client_id)
end
if not client_id then
  finish({ error = 'the language server did not start' })
  return
end

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
if not arrived then
  finish({ error = 'no diagnostics within 20 s' })
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
vim.lsp.stop_client(client_id)
finish({ version = vim.version(), diagnostics = diagnostics })
