import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type {
  ApplyWorkspaceEditParams,
  CodeAction,
  Command,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  ShowDocumentParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliBin = fileURLToPath(new URL('../../packages/cli/bin/nospof.js', import.meta.url));

/** Long enough for a loaded two-core CI machine; tests wait for states, never for fixed times. */
export const WAIT_MS = 20_000;

export interface ClientOptions {
  /** Workspace folder root. */
  readonly root: string;
  /** What the client answers to `workspace/configuration` for `nospof`. */
  readonly settings?: Record<string, unknown>;
  readonly initializationOptions?: Record<string, unknown>;
  /** The command to start; the CLI's `nospof lsp --stdio` unless set. */
  readonly command?: readonly string[];
  /** `verbose`: the server traces each lint pass (`$/logTrace`), with the files it linted. */
  readonly trace?: 'off' | 'messages' | 'verbose';
}

interface Waiter {
  readonly check: () => boolean;
  readonly resolve: () => void;
}

/**
 * A minimal LSP client over the server's stdio, speaking JSON-RPC as an editor would: it keeps the
 * documents it opened, records what the server publishes and asks, and lets tests wait for a state.
 */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publish, in order. */
  readonly history: PublishDiagnosticsParams[] = [];
  /** `$/logTrace` messages with their verbose part. */
  readonly traces: { message: string; verbose?: string }[] = [];
  readonly progress: unknown[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly logs: string[] = [];
  readonly documents = new Map<string, TextDocument>();
  private readonly waiters = new Set<Waiter>();
  private exitCode: number | null | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly options: ClientOptions,
  ) {}

  static async start(options: ClientOptions): Promise<TestClient> {
    const command = options.command ?? [process.execPath, cliBin, 'lsp', '--stdio'];
    for (const needed of [cliBin, `${repoRoot}packages/cli/dist/main.js`, `${repoRoot}packages/language-server/dist/index.js`]) {
      if (!options.command && !existsSync(needed)) throw new Error(`${needed} is missing: build first with \`npx tsc -b\``);
    }
    const [program, ...args] = command;
    const child = spawn(program as string, args, { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    child.stderr!.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    child.on('exit', (code) => {
      client.exitCode = code;
      client.poke();
    });
    client.listen();
    connection.listen();
    // A server that dies on start would leave `initialize` unanswered: fail with its output instead.
    const died = new Promise<never>((_, reject) =>
      child.on('exit', (code) => reject(new Error(`the server exited with code ${code} before initializing:\n${client.logs.join('')}`))),
    );
    died.catch(() => undefined);
    await Promise.race([client.initialize(), died]);
    return client;
  }

  private listen(): void {
    const { connection } = this;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.history.push(params);
      this.poke();
    });
    connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
      this.poke();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.poke();
    });
    connection.onNotification('$/logTrace', (params: { message: string; verbose?: string }) => this.traces.push(params));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.options.settings ?? null));
    connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      this.shownDocuments.push(params);
      this.poke();
      return { success: true };
    });
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(params);
      this.applyEdit(params.edit);
      this.poke();
      return { applied: true };
    });
  }

  private async initialize(): Promise<InitializeResult> {
    const rootUri = pathToFileURL(this.options.root).href;
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      initializationOptions: this.options.initializationOptions ?? {},
      ...(this.options.trace ? { trace: this.options.trace } : {}),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          applyEdit: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The exit code once the server process has ended (null for a signal); undefined while it runs. */
  get exited(): number | null | undefined {
    return this.exitCode;
  }

  /**
   * Resolves once the server has handled everything sent before, and the client has received everything
   * the server sent before answering: both sides handle messages in order.
   */
  async barrier(): Promise<void> {
    await this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///nospof-barrier.yaml' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
  }

  /** Resolves once the server reported the end of indexing. */
  async indexed(): Promise<void> {
    await this.waitFor(
      () => this.progress.some((p) => (p as { value?: { kind?: string } }).value?.kind === 'end'),
      () => `the end of indexing, seen ${JSON.stringify(this.progress.slice(-3))}`,
    );
  }

  uri(path: string): string {
    return pathToFileURL(path).href;
  }

  /** Opens a file with its disk text (or `text`) and returns its URI. */
  async open(path: string, text = readFileSync(path, 'utf8'), languageId = 'yaml'): Promise<string> {
    const uri = this.uri(path);
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text of an open document (a full-content change) and returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const old = this.document(uri);
    const version = old.version + 1;
    this.documents.set(uri, TextDocument.create(uri, old.languageId, version, text));
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Applies edits the way an editor does: as incremental changes of the open document. */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<number> {
    const old = this.document(uri);
    const version = old.version + 1;
    const next = TextDocument.applyEdits(old, [...edits]);
    this.documents.set(uri, TextDocument.create(uri, old.languageId, version, next));
    // Send from the last edit backwards so each range still refers to the text the server has.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async fileChanged(path: string, type: 1 | 2 | 3): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(path), type }] });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  async codeActions(uri: string, range: Range, only?: string[]): Promise<(CodeAction | Command)[]> {
    const result = await this.connection.sendRequest<(CodeAction | Command)[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: this.diagnostics.get(uri)?.diagnostics ?? [], ...(only ? { only } : {}) },
    });
    return result ?? [];
  }

  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Applies a workspace edit to the open documents it touches and tells the server. */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.edit(uri, edits);
  }

  /**
   * Resolves with the diagnostics of `uri` once the latest published set satisfies `predicate` (and is
   * for `minVersion` or later when given); rejects after `WAIT_MS` with what was last seen.
   */
  async waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, minVersion = 0): Promise<Diagnostic[]> {
    const matches = () => {
      const latest = this.diagnostics.get(uri);
      return latest !== undefined && (latest.version ?? Number.MAX_SAFE_INTEGER) >= minVersion && predicate(latest.diagnostics);
    };
    await this.waitFor(matches, () => `diagnostics of ${uri}: last seen ${JSON.stringify(this.diagnostics.get(uri) ?? null)}`);
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  async waitFor(check: () => boolean, describe: () => string): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${describe()}\nserver log:\n${this.logs.join('\n')}`));
      }, WAIT_MS);
      this.waiters.add(waiter);
    });
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Shuts down as an editor does and resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await this.waitFor(() => this.exitCode !== undefined, () => 'the server to exit');
    this.connection.dispose();
    return this.exitCode ?? null;
  }

  /** For `afterEach`: never leaves a server running, whatever state the test ended in. */
  async dispose(): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      await Promise.race([this.shutdown(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    } finally {
      if (this.exitCode === undefined) this.child.kill();
    }
  }
}

/** The code actions of a response, without bare commands (a `Command` has a string `command`). */
export function codeActionsOnly(actions: (CodeAction | Command)[]): CodeAction[] {
  return actions.filter((a): a is CodeAction => typeof a.command !== 'string');
}
