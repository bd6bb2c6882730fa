import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { NospofServer } from './server.js';

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket=|pipe=)/;

/**
 * Starts the server on the transport named on the command line (`--stdio`, `--node-ipc` as VS Code
 * passes it, `--socket=<port>`, `--pipe=<name>`); with none, stdio, so a bare `nospof lsp` works too.
 */
export function startServer(): void {
  const named = process.argv.some((arg) => TRANSPORT_FLAGS.test(arg));
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  new NospofServer(connection).listen();
}
