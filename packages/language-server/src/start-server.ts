import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { NospofServer } from './server.js';
import { keepStdoutForProtocol, stopOnProtocolError, transportFrom } from './transport.js';

/**
 * Starts the server on the transport named on the command line (`--stdio`, `--node-ipc` as VS Code
 * passes it, `--socket=<port>`, `--pipe=<name>`); with none, stdio, so a bare `nospof lsp` works too.
 * A protocol error or a closed input ends the process (see `stopOnProtocolError`).
 */
export function startServer(argv: readonly string[] = process.argv.slice(2)): void {
  const transport = transportFrom(argv);
  if (transport.stdio) keepStdoutForProtocol();
  const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
  const server = new NospofServer(connection);
  stopOnProtocolError(transport, () => server.shutdownRequested);
  server.listen();
}
