/**
 * Starts the language server on stdio (`nospof lsp --stdio`). Loaded only for that command, and by a
 * computed specifier: the server package builds on this one, so a static import would be a cycle.
 */
export async function startLanguageServer(): Promise<void> {
  const specifier = '@nospof/language-server';
  const server = (await import(specifier)) as { startServer?: () => void };
  if (!server.startServer) throw new Error('the language server is not installed');
  server.startServer();
}
