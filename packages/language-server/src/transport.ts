import { format } from 'node:util';
import {
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node.js';

export interface Transport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  /** Messages travel on stdout: nothing else may be written there. */
  readonly stdio: boolean;
}

/**
 * The transport named on the command line (`--stdio`, `--node-ipc` as VS Code passes it, `--socket=<port>`
 * or `--socket <port>`, `--pipe=<name>` or `--pipe <name>`); with none, stdio, so a bare `nospof lsp`
 * works too. The server builds its own reader so it can stop on protocol errors (see `stopOnProtocolError`).
 */
export function transportFrom(argv: readonly string[]): Transport {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    if (arg === '--stdio') break;
    const [name, inline] = arg.split('=', 2);
    const value = inline ?? argv[i + 1];
    if (name === '--socket' && value !== undefined && /^\d+$/.test(value)) {
      const [reader, writer] = createServerSocketTransport(Number(value));
      return { reader, writer, stdio: false };
    }
    if (name === '--pipe' && value !== undefined && value !== '') {
      const [reader, writer] = createServerPipeTransport(value);
      return { reader, writer, stdio: false };
    }
  }
  return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
}

/**
 * A message the server cannot frame or decode (a `Content-Length` that is no number, a body that is not
 * JSON) leaves the stream out of step: everything after it would be misread. Rather than live on with a
 * dead connection, the server says why on stderr (editors show it in the server's output) and exits with
 * a failure code, so the client restarts it. A closed input ends the server as well.
 */
export function stopOnProtocolError(transport: Transport, shutdownRequested: () => boolean, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopped = false;
  const stop = (code: number, line: string | undefined) => {
    if (stopped) return;
    stopped = true;
    if (line) process.stderr.write(`${line}\n`);
    exit(code);
  };
  transport.reader.onError((error) => {
    const message = error instanceof Error ? error.message : String(error);
    stop(1, `nospof: protocol error, the language server stops so the editor can restart it: ${oneLine(message)}`);
  });
  transport.reader.onClose(() => stop(shutdownRequested() ? 0 : 1, undefined));
}

/** On stdio, stdout carries the protocol: anything a dependency logs goes to stderr instead. */
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => {
    process.stderr.write(`${format(...args)}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

function oneLine(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}
