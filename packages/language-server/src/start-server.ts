import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { NospofServer } from './server.js';
import { keepStdoutForProtocol, stopOnProtocolError, transportFrom } from './transport.js';

/**
 * Starts the server on the transport named on the command line (`--stdio`, `--node-ipc` as VS Code
 * passes it, `--socket=<port>`, `--pipe=<name>`); with none, stdio, so a bare `nospof lsp` works too.
 * A protocol error or a closed input ends the process (see `stopOnProtocolError`).
 */
export function startServer(argv: readonly string[] = process.argv.slice(2)): void {
  keepHeapNearLiveSize();
  const transport = transportFrom(argv);
  if (transport.stdio) keepStdoutForProtocol();
  const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
  const server = new NospofServer(connection);
  stopOnProtocolError(transport, () => server.shutdownRequested);
  server.listen();
}

/**
 * Each keystroke in a large file leaves its previous text and parse behind. By default V8 lets the old
 * generation grow to several times what is alive before collecting it, so a server editing a 2 MB bundle
 * would swing between its live size and three times that. The server is a process of its own: collecting
 * once the heap is half again as large as what survived the last collection keeps it close to what it
 * holds, at the cost of a few more (incremental) collections.
 */
function keepHeapNearLiveSize(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
