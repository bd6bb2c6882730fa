import { dirname } from 'node:path';
import {
  DEFAULT_MAX_FILE_BYTES,
  formatBytes,
  indexWorkspace,
  inSkippedDirectory,
  readConfigFromDisk,
  readSourceFile,
  ruleDocFile,
  silentProgress,
  Slicer,
  Workspace,
  type FileLint,
  type Finding,
  type ProgressSink,
} from '@nospof/api';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DiagnosticSeverity,
  FileChangeType,
  TextDocumentSyncKind,
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.js';
import { APPLY_FIX_ALL, FIX_ALL_KIND, OPEN_RULE_DOCS, SERVER_COMMANDS } from './commands.js';
import { configDiagnostics } from './config-diagnostics.js';
import { OpenDocuments } from './documents.js';
import { guardedLint } from './guarded-lint.js';
import { LintQueue } from './lint-queue.js';
import { outcomeDiagnostics } from './outcome-diagnostics.js';
import { pathToUri, projectRootOf, uriToPath } from './paths.js';
import { Publisher } from './publisher.js';
import { defaultSettings, normalizeSettings, sameSettings, type Settings } from './settings.js';
import { replaceTextEdit } from './text-edits.js';
import { toDiagnostic } from './to-diagnostic.js';

/** Options an editor may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Wait after the last keystroke before linting; 50 ms unless set. */
  readonly debounceMs?: number;
  /** Open documents larger than this many bytes are not linted (default 10 MB, the CLI's `--max-file-size`). */
  readonly maxFileBytes?: number;
  /**
   * The editor does not trust the workspace (VS Code's restricted mode): the server loads nothing from it
   * that runs code (rule plugins, compiled policy bundles its configuration names).
   */
  readonly untrustedWorkspace?: boolean;
}

const DEFAULT_DEBOUNCE_MS = 50;

/** What the server keeps of one open document besides its text. */
interface DocumentState {
  /** Set while the document is over the size limit: it is then neither linted nor read by other files. */
  tooLarge: number | undefined;
  /** The findings shown for it, with the version and workspace generation they were computed for (code actions). */
  lint: { readonly version: number; readonly generation: number; readonly shown: readonly Finding[] } | undefined;
}

/**
 * The nospof language server: keeps one `Workspace` per workspace folder (file texts from disk and open
 * buffers), lints open documents against it and publishes diagnostics, serves code actions and
 * commands. Rule logic stays in the engine; this class only routes events.
 *
 * Each change is linted once: events only mark what changed, and one lint pass (debounced while typing)
 * lints, in one engine run per workspace, the open files whose findings depend on what changed — the
 * changed file, the files sharing its deployment units, the files whose rules read its whole language —
 * and publishes each only when its diagnostics changed. While a folder is indexed, a finding decided from
 * files not indexed yet is held back, and requests are served between slices of indexing.
 */
export class NospofServer {
  private readonly documents = new OpenDocuments();
  private readonly states = new Map<string, DocumentState>();
  private readonly folders: Workspace[] = [];
  private readonly loose = new Map<string, Workspace>();
  private readonly looseRoots = new Map<string, string>();
  private readonly openPaths = new Map<string, string>();
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private readonly settingsSeen = new Map<string, Settings>();
  /** Documents to lint in the next pass whatever changed (opened, saved, settings changed). */
  private readonly requested = new Set<string>();
  private readonly queue = new LintQueue(() => this.lintPass());
  private readonly publisher: Publisher;
  private capabilities: ClientCapabilities = {};
  private pushedSettings: unknown;
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  private trusted = true;
  private shuttingDown = false;
  /** Settings being fetched again after a configuration change. */
  private settling = 0;
  /** Between `initialized` and the start of indexing (registrations with the client). */
  private starting = false;

  constructor(private readonly connection: Connection) {
    this.publisher = new Publisher((params) => void this.connection.sendDiagnostics(params));
  }

  /** True once the client asked the server to shut down (an exit after it is a clean one). */
  get shutdownRequested(): boolean {
    return this.shuttingDown;
  }

  listen(): void {
    const { connection } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onNotification(DidOpenTextDocumentNotification.type, (params) => this.opened(params));
    connection.onNotification(DidChangeTextDocumentNotification.type, (params) => this.changed(params));
    connection.onNotification(DidSaveTextDocumentNotification.type, (params) => this.saved(params));
    connection.onNotification(DidCloseTextDocumentNotification.type, (params) => this.closed(params));
    connection.onDidChangeWatchedFiles((params) => this.watchedFilesChanged(params.changes));
    connection.onDidChangeConfiguration((params) => void this.configurationChanged(params.settings));
    connection.onCodeAction((params) => this.codeActions(params));
    connection.onExecuteCommand((params) => this.executeCommand(params));
    connection.onShutdown(() => {
      this.shuttingDown = true;
      this.queue.dispose();
    });
    connection.listen();
  }

  /** Counts of what the server holds, for tests and diagnostics of memory use. */
  stats(): { documents: number; folders: number; looseWorkspaces: number; cachedFiles: number; trusted: boolean } {
    const all = [...this.folders, ...this.loose.values()];
    return {
      documents: this.documents.size,
      folders: this.folders.length,
      looseWorkspaces: this.loose.size,
      cachedFiles: all.reduce((n, w) => n + w.fileCount, 0),
      trusted: all.every((w) => w.trusted) && this.trusted,
    };
  }

  /** Resolves once start-up and indexing are done and no lint pass is pending, running or waiting for typing to pause (for tests). */
  async whenIdle(): Promise<void> {
    const busy = () => this.starting || this.queue.busy || this.queue.waiting || this.settling > 0 || this.folders.some((f) => !f.index.finished);
    while (busy()) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const options = params.initializationOptions as InitializationOptions | null | undefined;
    if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) this.debounceMs = options.debounceMs;
    if (typeof options?.maxFileBytes === 'number' && options.maxFileBytes > 0) this.maxFileBytes = options.maxFileBytes;
    this.trusted = options?.untrustedWorkspace !== true;
    for (const folder of workspaceFoldersOf(params)) this.addFolder(folder);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'nospof' },
    };
  }

  private async initialized(): Promise<void> {
    this.starting = true;
    try {
      await this.start();
    } finally {
      this.starting = false;
    }
  }

  private async start(): Promise<void> {
    if (!this.trusted) this.connection.console.info('nospof: untrusted workspace: rule plugins and policy bundles its configuration names are not loaded');
    const workspace = this.capabilities.workspace;
    // Every file can matter (a PDB, an HPA, a config an override extends), so watch them all.
    const refused = (what: string) => (error: unknown) => this.connection.console.warn(`nospof: the client refused ${what}: ${describe(error)}`);
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(refused('file watching'));
    }
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'nospof' }).catch(refused('configuration changes'));
    }
    if (workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) this.removeFolder(removed);
        for (const added of event.added) void this.indexFolder(this.addFolder(added));
      });
    }
    // Indexing goes on in the background; start-up is done once it has begun.
    void Promise.all(this.folders.map((project) => this.indexFolder(project)));
  }

  private addFolder(folder: WorkspaceFolder): Workspace {
    const root = uriToPath(folder.uri) ?? folder.uri;
    const project = new Workspace(root, (path) => this.readText(path), { indexed: true, trusted: this.trusted, onIndexProgress: () => this.queue.soon() });
    this.folders.push(project);
    // Deepest folder first, so a nested folder owns its files.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    this.rehome();
    return project;
  }

  private removeFolder(folder: WorkspaceFolder): void {
    const root = uriToPath(folder.uri);
    const index = this.folders.findIndex((p) => p.root === root);
    if (index !== -1) this.folders.splice(index, 1);
    this.rehome();
  }

  /** After the folders changed, each open buffer moves to the workspace that now owns its path. */
  private rehome(): void {
    for (const [path, uri] of this.openPaths) {
      const owner = this.projectFor(path);
      const document = this.documents.get(uri);
      if (!document || this.states.get(uri)?.tooLarge !== undefined) continue;
      if (!owner.isOpen(path)) owner.setOpenText(path, document.getText());
      for (const other of [...this.folders, ...this.loose.values()]) if (other !== owner && other.isOpen(path)) other.closeOpen(path);
      this.requested.add(uri);
    }
    this.dropEmptyLooseWorkspaces();
    this.queue.soon();
  }

  private async indexFolder(project: Workspace): Promise<void> {
    const settings = await this.settingsFor(pathToUri(project.root));
    project.useConfigPath(settings.configPath);
    // Without progress support the library hands back a silent reporter; a client that errors gets one too.
    const progress: ProgressSink = await this.connection.window.createWorkDoneProgress().catch(() => silentProgress);
    const started = performance.now();
    const slicer = new Slicer(undefined, () => this.queue.busy);
    try {
      const count = await indexWorkspace(project, progress, {
        isOpen: (path) => project.isOpen(path),
        openPaths: () => this.openPaths.keys(),
        cancelled: () => !this.folders.includes(project),
        slicer,
      });
      const took = Math.round(performance.now() - started);
      this.connection.console.info(`nospof: indexed ${count} file(s) of ${project.root} in ${took} ms, requests waited at most ${Math.round(slicer.longestSliceMs)} ms of CPU`);
    } catch (error) {
      this.connection.console.error(`nospof: indexing ${project.root} failed: ${describe(error)}`);
    }
    this.queue.soon();
  }

  private projectFor(path: string): Workspace {
    const folder = this.folders.find((p) => p.contains(path));
    if (folder) return folder;
    // A file outside every workspace folder: its repository (or its directory) is its project, read
    // only through open files, so paths look as they would from the repository root.
    const dir = this.looseRoot(dirname(path));
    let project = this.loose.get(dir);
    if (!project) {
      project = new Workspace(dir, (p) => this.readText(p), { trusted: this.trusted });
      this.loose.set(dir, project);
    }
    return project;
  }

  private looseRoot(dir: string): string {
    let root = this.looseRoots.get(dir);
    if (root === undefined) {
      root = projectRootOf(dir);
      this.looseRoots.set(dir, root);
    }
    return root;
  }

  /** A workspace outside every folder lives only as long as one of its files is open. */
  private dropEmptyLooseWorkspaces(): void {
    for (const [root, project] of this.loose) {
      if (project.openCount > 0) continue;
      this.loose.delete(root);
      for (const [dir, mapped] of this.looseRoots) if (mapped === root) this.looseRoots.delete(dir);
    }
  }

  /** What the editor shows for a configuration file: the open buffer, else the disk (read safely). */
  private readText(path: string): string | undefined {
    const uri = this.openPaths.get(path);
    const document = uri === undefined ? undefined : this.documents.get(uri);
    if (document && this.states.get(document.uri)?.tooLarge === undefined) return document.getText();
    return readConfigFromDisk(path);
  }

  private rejected(method: string, reason: string): void {
    this.connection.console.warn(`nospof: ignored a ${method} notification: ${reason}`);
  }

  private opened(params: unknown): void {
    const document = this.documents.open(params);
    if (typeof document === 'string') return this.rejected('textDocument/didOpen', document);
    const uri = document.uri;
    const state: DocumentState = { tooLarge: this.oversize(document), lint: undefined };
    this.states.set(uri, state);
    const path = uriToPath(uri);
    if (!path) return;
    // A document opened again without a close (a misbehaving client) replaces the old one.
    this.openPaths.set(path, uri);
    const project = this.projectFor(path);
    if (state.tooLarge === undefined) project.setOpenText(path, document.getText());
    // From now on the buffer, not the disk, is what configurations are read from.
    if (project.isConfigDocument(path) || project.configAffectedBy(path)) project.configChanged();
    this.requested.add(uri);
    // Asked now, so the answer is in by the time the lint pass needs it.
    void this.settingsFor(uri);
    this.queue.soon();
  }

  private changed(params: unknown): void {
    const document = this.documents.change(params);
    if (typeof document === 'string') return this.rejected('textDocument/didChange', document);
    const state = this.states.get(document.uri);
    const path = uriToPath(document.uri);
    if (!state || !path) return;
    const project = this.projectFor(path);
    const size = this.oversize(document);
    if (size !== undefined) {
      // Over the limit: the other files see the file as it is on disk until it shrinks again.
      if (state.tooLarge === undefined) {
        project.closeOpen(path);
        this.reloadFromDisk(project, path);
      }
      state.tooLarge = size;
      this.requested.add(document.uri);
    } else if (state.tooLarge !== undefined) {
      state.tooLarge = undefined;
      project.setOpenText(path, document.getText());
      this.requested.add(document.uri);
    } else if (!project.setOpenText(path, document.getText(), { typing: true })) {
      // A change that leaves the text as it was (an undo back to it) still gets diagnostics for its version.
      this.requested.add(document.uri);
    }
    if (project.isConfigDocument(path) || project.configAffectedBy(path)) project.configChanged();
    this.queue.debounce(this.debounceMs);
  }

  private saved(params: unknown): void {
    const document = this.documents.saved(params);
    if (typeof document === 'string') return this.rejected('textDocument/didSave', document);
    const path = uriToPath(document.uri);
    if (!path) return;
    // Files that lint on save only and depend on this one were skipped while it was typed.
    this.projectFor(path).markChanged(path);
    this.requested.add(document.uri);
    this.queue.soon();
  }

  private closed(params: unknown): void {
    const document = this.documents.close(params);
    if (typeof document === 'string') return this.rejected('textDocument/didClose', document);
    const uri = document.uri;
    this.states.delete(uri);
    this.requested.delete(uri);
    this.settingsCache.delete(uri);
    this.settingsSeen.delete(uri);
    this.publisher.clear(uri);
    const path = uriToPath(uri);
    if (!path || this.openPaths.get(path) !== uri) return;
    this.openPaths.delete(path);
    const project = this.projectFor(path);
    project.closeOpen(path);
    // The buffer may have held unsaved text: the disk is the truth again (a folder reads it; a file
    // outside every folder is forgotten with its buffer).
    if (this.folders.includes(project)) this.reloadFromDisk(project, path);
    if (project.configAffectedBy(path)) project.configChanged();
    this.dropEmptyLooseWorkspaces();
    this.queue.debounce(this.debounceMs);
  }

  /** Reads a file again after it changed on disk or its buffer closed; ignored files leave the index. */
  private reloadFromDisk(project: Workspace, path: string): void {
    const read = readSourceFile(path);
    if (read.ok && !inSkippedDirectory(path) && !project.isConfigDocument(path) && !project.isIgnored(path)) project.setDiskText(path, read.text);
    else project.removeDiskText(path);
  }

  private watchedFilesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path || inSkippedDirectory(path)) continue;
      const project = this.folders.find((p) => p.contains(path)) ?? this.loose.get(this.looseRoot(dirname(path)));
      if (!project) continue;
      if (project.configAffectedBy(path)) project.configChanged();
      if (project.isOpen(path)) continue;
      // A deleted directory comes as one event for the directory, not one per file in it.
      if (change.type === FileChangeType.Deleted) project.removeDiskTextUnder(path);
      else if (this.folders.includes(project)) this.reloadFromDisk(project, path);
    }
    this.queue.debounce(this.debounceMs);
  }

  /**
   * New settings: each document is linted again only if its own settings changed. Clients send this at
   * start-up (VS Code once for `synchronize.configurationSection` and once for the registration) with
   * nothing changed: that must not publish every open file again.
   */
  private async configurationChanged(settings: unknown): Promise<void> {
    this.pushedSettings = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>).nospof : undefined;
    this.settingsCache.clear();
    this.settling++;
    try {
      for (const uri of [...this.documents.uris(), ...this.folders.map((p) => pathToUri(p.root))]) {
        const before = this.settingsSeen.get(uri);
        const after = await this.settingsFor(uri);
        if (before && !sameSettings(before, after) && this.documents.get(uri)) this.requested.add(uri);
      }
    } finally {
      this.settling--;
    }
    this.queue.soon();
  }

  private settingsFor(uri: string): Promise<Settings> {
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.capabilities.workspace?.configuration
        ? withTimeout(this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nospof' }), SETTINGS_TIMEOUT_MS).then(normalizeSettings, (error: unknown) => {
            this.connection.console.warn(`nospof: no settings from the client for ${uri} (${describe(error)}); using the defaults`);
            return defaultSettings;
          })
        : Promise.resolve(normalizeSettings(this.pushedSettings));
      settings = settings.then((s) => {
        this.settingsSeen.set(uri, s);
        return s;
      });
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  /**
   * One lint pass: settings first (asked of the client once and cached), then, without yielding, one
   * engine run per workspace over the open files that need it, and the publishes.
   */
  private async lintPass(): Promise<void> {
    try {
      const uris = [...this.documents.uris()];
      const settings = new Map(await Promise.all(uris.map(async (uri) => [uri, await this.settingsFor(uri)] as const)));
      const projects = [...this.folders, ...this.loose.values()];
      const folderSettings = await Promise.all(projects.map((p) => this.settingsFor(pathToUri(p.root))));
      // The config path belongs to the folder, not the file: asked for the folder so files cannot disagree.
      projects.forEach((project, i) => project.useConfigPath(folderSettings[i]?.configPath));
      await this.preparePolicies(projects);
      await this.parseLargeDocumentsInSteps();
      const targets = new Map<Workspace, string[]>();
      const add = (project: Workspace, uri: string) => {
        const list = targets.get(project);
        if (!list) targets.set(project, [uri]);
        else if (!list.includes(uri)) list.push(uri);
      };
      for (const project of projects) {
        for (const [path, { typing }] of project.takeAffected()) {
          const uri = this.openPaths.get(path);
          if (uri === undefined) continue;
          // A file linted on save only is not linted for typing, its own or another file's.
          if (typing && settings.get(uri)?.run === 'onSave' && !this.requested.has(uri)) continue;
          add(project, uri);
        }
      }
      for (const uri of this.requested) {
        const path = uriToPath(uri);
        if (path && this.documents.get(uri)) add(this.projectFor(path), uri);
      }
      this.requested.clear();
      for (const [project, uris] of targets) this.lintDocuments(project, uris, settings);
    } catch (error) {
      this.connection.console.error(`nospof: a lint pass failed: ${error instanceof Error && error.stack ? error.stack : describe(error)}`);
    }
  }

  /**
   * Policies and plugins load once per configuration (asynchronously: wasm, imports) before the pass
   * that runs them, then serve every keystroke; a load marks every open file of its workspace to lint
   * again. An untrusted workspace loads no plugin and no bundle.
   */
  private async preparePolicies(projects: readonly Workspace[]): Promise<void> {
    for (const path of [...this.openPaths.keys()]) {
      const project = this.projectFor(path);
      if (!projects.includes(project)) continue;
      try {
        for (const notice of await project.preparePolicies(path)) this.connection.console.warn(`nospof: ${notice}`);
      } catch (error) {
        this.connection.console.error(`nospof: loading the policies for ${path} failed: ${describe(error)}`);
      }
    }
  }

  /**
   * A large document opened before any text of it was parsed (a 2 MB bundle opened while indexing) is
   * parsed a run of documents at a time first, so requests are served meanwhile; the lint then reuses it.
   */
  private async parseLargeDocumentsInSteps(): Promise<void> {
    const slicer = new Slicer();
    for (const uri of this.requested) {
      const document = this.documents.get(uri);
      const path = uriToPath(uri);
      if (!document || !path || this.states.get(uri)?.tooLarge !== undefined) continue;
      const project = this.projectFor(path);
      const text = document.getText();
      if (!project.wantsSteppedParse(path, text) || !project.languageOf(path, text)) continue;
      await project.parseInSteps(path, text, slicer, () => this.documents.get(uri)?.getText() === text);
    }
  }

  private lintDocuments(project: Workspace, uris: readonly string[], settings: ReadonlyMap<string, Settings>): void {
    const started = performance.now();
    const engine: { uri: string; path: string; document: TextDocument }[] = [];
    for (const uri of uris) {
      const document = this.documents.get(uri);
      const path = uriToPath(uri);
      const state = this.states.get(uri);
      if (!document || !path || !state) continue;
      if (!(settings.get(uri) ?? defaultSettings).enable) {
        state.lint = undefined;
        this.publisher.clear(uri);
      } else if (state.tooLarge !== undefined) {
        state.lint = undefined;
        if (project.languageOf(path, document.getText().slice(0, 4096))) this.publisher.publish(uri, document.version, [this.tooLargeDiagnostic(state.tooLarge)]);
      } else if (project.isConfigDocument(path)) {
        const text = document.getText();
        // Its policies' rule ids are known and their load problems shown at the key that names them.
        const { catalog, policyProblems } = project.configValidation(path);
        const diagnostics = guardedLint(() => configDiagnostics(path, text, (p) => this.readText(p), catalog, policyProblems), (m) => this.connection.console.error(m), path);
        this.publisher.publish(uri, document.version, diagnostics);
      } else engine.push({ uri, path, document });
    }
    if (engine.length === 0) return;
    let lints: Map<string, FileLint> | undefined;
    try {
      lints = project.lintFiles(engine.map(({ path, document }) => ({ path, text: document.getText() })));
    } catch (error) {
      // A bug in the engine or a rule: lint each file alone so it costs only the file it happened in.
      this.connection.console.error(`nospof: linting ${engine.length} file(s) together failed: ${describe(error)}`);
    }
    for (const { uri, path, document } of engine) {
      let lint = lints?.get(path);
      const diagnostics = guardedLint(
        () => {
          lint ??= project.lintFiles([{ path, text: document.getText() }]).get(path);
          return lint ? this.diagnosticsOf(project, lint) : [];
        },
        (m) => this.connection.console.error(m),
        path,
      );
      const state = this.states.get(uri);
      if (state) state.lint = { version: document.version, generation: project.generation, shown: lint?.ready ?? [] };
      // Documents no language reads (a README, a Helm template) get nothing, not an empty list per keystroke.
      if (lint?.outcome.kind === 'unclaimed' && !this.publisher.has(uri)) continue;
      this.publisher.publish(uri, document.version, diagnostics);
    }
    const held = [...(lints?.values() ?? [])].reduce((n, l) => n + l.heldBack, 0);
    this.connection.tracer.log(
      `nospof: linted ${engine.length} file(s) in ${Math.round(performance.now() - started)} ms${held > 0 ? `, ${held} finding(s) held back until indexing completes` : ''}`,
      engine.map((e) => e.path).join('\n'),
    );
  }

  private diagnosticsOf(project: Workspace, lint: FileLint): Diagnostic[] {
    const uriOf = (file: string) => this.uriOf(project, file);
    if (lint.outcome.kind !== 'linted') return outcomeDiagnostics(lint.outcome, uriOf);
    return lint.ready.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, uriOf));
  }

  private tooLargeDiagnostic(bytes: number): Diagnostic {
    const size = `${bytes > this.maxFileBytes * 2 ? 'more than ' : ''}${formatBytes(bytes)}`;
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      code: 'parse-error',
      source: 'nospof',
      message: `nospof skipped this file: it is ${size}, over the ${formatBytes(this.maxFileBytes)} limit for open files`,
    };
  }

  /** The document's size in bytes when over the limit; undefined otherwise. Bounded work: no full count when clear. */
  private oversize(document: TextDocument): number | undefined {
    const text = document.getText();
    // UTF-8 takes at least one byte and at most three per UTF-16 unit.
    if (text.length * 3 <= this.maxFileBytes) return undefined;
    const bytes = text.length > this.maxFileBytes ? text.length : Buffer.byteLength(text, 'utf8');
    return bytes > this.maxFileBytes ? bytes : undefined;
  }

  private uriOf(project: Workspace, file: string): string {
    const path = project.absolute(file);
    return this.openPaths.get(path) ?? pathToUri(path);
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const document = this.documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    const state = this.states.get(params.textDocument.uri);
    if (!document || !path || !state || state.tooLarge !== undefined) return [];
    const project = this.projectFor(path);
    const text = document.getText();
    const language = project.languageOf(path, text);
    if (!language) return [];
    try {
      return codeActions({
        document,
        findings: this.findingsOf(document, path, project, state),
        range: params.range,
        only: params.context.only,
        lineComment: language.lineComment,
        uriOf: (file) => this.uriOf(project, file),
        fixAll: () => project.fixAll(path, text),
        editOf: (edits) => this.documentEdit(document, edits),
      });
    } catch (error) {
      this.connection.console.error(`nospof: code actions for ${path} failed: ${describe(error)}`);
      return [];
    }
  }

  /** The findings shown for the document as it is now: the last lint when current, else a fresh one. */
  private findingsOf(document: TextDocument, path: string, project: Workspace, state: DocumentState): readonly Finding[] {
    const last = state.lint;
    if (last && last.version === document.version && last.generation === project.generation) return last.shown;
    const lint = project.lintFiles([{ path, text: document.getText() }]).get(path);
    const shown = lint?.ready ?? [];
    state.lint = { version: document.version, generation: project.generation, shown };
    return shown;
  }

  /**
   * An edit of one document. With a client that supports it, the edit names the version it was computed
   * for, so a client whose document has changed since refuses it instead of applying it to other text.
   */
  private documentEdit(document: TextDocument, edits: LspTextEdit[]): WorkspaceEdit {
    if (this.capabilities.workspace?.workspaceEdit?.documentChanges) {
      return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
    }
    return { changes: { [document.uri]: edits } };
  }

  private async executeCommand(params: ExecuteCommandParams): Promise<void> {
    const [argument] = params.arguments ?? [];
    if (params.command === OPEN_RULE_DOCS && typeof argument === 'string') {
      // The rule's page ships in the package: open it in the editor, no network needed.
      const page = ruleDocFile(argument).href;
      if (this.capabilities.window?.showDocument?.support) await this.connection.window.showDocument({ uri: page, takeFocus: true });
      else void this.connection.window.showInformationMessage(`Documentation for ${argument}: ${page}`);
      return;
    }
    if (params.command === APPLY_FIX_ALL) {
      const uri = typeof argument === 'string' ? argument : (argument as { uri?: unknown } | undefined)?.uri;
      const version = typeof argument === 'object' && argument !== null ? (argument as { version?: unknown }).version : undefined;
      const document = typeof uri === 'string' ? this.documents.get(uri) : undefined;
      const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
      if (!document || !path || this.states.get(document.uri)?.tooLarge !== undefined) return;
      // Fixes computed for an older text would land on the wrong bytes.
      if (typeof version === 'number' && version !== document.version) {
        this.connection.console.warn(`nospof: fix all skipped: ${uri} changed since the command was sent`);
        return;
      }
      const next = this.projectFor(path).fixAll(path, document.getText());
      if (next === undefined || next === document.getText()) return;
      await this.connection.workspace.applyEdit({ label: 'nospof: fix all', edit: this.documentEdit(document, [replaceTextEdit(document, next)]) });
    }
  }
}

function workspaceFoldersOf(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders;
  if (params.rootUri) return [{ uri: params.rootUri, name: params.rootUri }];
  if (params.rootPath) return [{ uri: pathToUri(params.rootPath), name: params.rootPath }];
  return [];
}

/** A client that never answers `workspace/configuration` must not hold every lint back. */
const SETTINGS_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
