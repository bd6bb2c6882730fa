import { dirname } from 'node:path';
import {
  indexWorkspace,
  inSkippedDirectory,
  readConfigFromDisk,
  readSourceFile,
  ruleDocFile,
  silentProgress,
  Workspace,
  type Finding,
  type LintOutcome,
  type ProgressSink,
} from '@nospof/api';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
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
  type WorkspaceFolder,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.js';
import { APPLY_FIX_ALL, FIX_ALL_KIND, OPEN_RULE_DOCS, SERVER_COMMANDS } from './commands.js';
import { configDiagnostics } from './config-diagnostics.js';
import { guardedLint } from './guarded-lint.js';
import { pathToUri, projectRootOf, uriToPath } from './paths.js';
import { defaultSettings, normalizeSettings, type Settings } from './settings.js';
import { LintScheduler } from './lint-scheduler.js';
import { replaceTextEdit } from './text-edits.js';
import { outcomeDiagnostics } from './outcome-diagnostics.js';

/** Options an editor may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Wait after the last keystroke before linting; 150 ms unless set. */
  readonly debounceMs?: number;
  /**
   * The editor does not trust the workspace (VS Code's Restricted Mode): plugins and policy bundles the
   * configuration names are never loaded (declarative policies, being data, still run), and a
   * `configPath` setting, which the workspace itself may set, is ignored.
   */
  readonly untrustedWorkspace?: boolean;
}

const DEFAULT_DEBOUNCE_MS = 150;

/**
 * The nospof language server: keeps one `Workspace` per workspace folder (file texts from disk and open
 * buffers), lints open documents against it and publishes diagnostics, serves code actions and
 * commands. Rule logic stays in the engine; this class only routes events.
 */
export class NospofServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly folders: Workspace[] = [];
  private readonly loose = new Map<string, Workspace>();
  private readonly looseRoots = new Map<string, string>();
  private readonly openPaths = new Map<string, string>();
  private readonly seenVersion = new Map<string, number>();
  private readonly lastLint = new Map<string, { version: number; findings: readonly Finding[] }>();
  private readonly published = new Set<string>();
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private readonly scheduler = new LintScheduler((uri) => this.lintDocument(uri));
  private capabilities: ClientCapabilities = {};
  private pushedSettings: unknown;
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private trusted = true;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    documents.onDidOpen((e) => this.opened(e.document));
    documents.onDidChangeContent((e) => this.changed(e.document));
    documents.onDidSave((e) => this.saved(e.document));
    documents.onDidClose((e) => this.closed(e.document));
    connection.onDidChangeWatchedFiles((params) => this.watchedFilesChanged(params.changes));
    connection.onDidChangeConfiguration((params) => this.configurationChanged(params.settings));
    connection.onCodeAction((params) => this.codeActions(params));
    connection.onExecuteCommand((params) => this.executeCommand(params));
    connection.onShutdown(() => this.scheduler.dispose());
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const options = params.initializationOptions as InitializationOptions | null | undefined;
    if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) this.debounceMs = options.debounceMs;
    // Anything but an explicit "trusted" from an editor that has the notion is taken at its word.
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
    await Promise.all(this.folders.map((project) => this.indexFolder(project)));
  }

  private addFolder(folder: WorkspaceFolder): Workspace {
    const root = uriToPath(folder.uri) ?? folder.uri;
    const project = new Workspace(root, (path) => this.readText(path), { plugins: this.trusted });
    this.folders.push(project);
    // Deepest folder first, so a nested folder owns its files.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    return project;
  }

  private removeFolder(folder: WorkspaceFolder): void {
    const root = uriToPath(folder.uri);
    const index = this.folders.findIndex((p) => p.root === root);
    if (index !== -1) this.folders.splice(index, 1);
    for (const uri of this.openPaths.values()) this.scheduler.schedule(uri, 0);
  }

  private async indexFolder(project: Workspace): Promise<void> {
    const settings = await this.settingsFor(pathToUri(project.root));
    project.useConfigPath(this.trusted ? settings.configPath : undefined);
    // Without progress support the library hands back a silent reporter; a client that errors gets one too.
    const progress: ProgressSink = await this.connection.window.createWorkDoneProgress().catch(() => silentProgress);
    const started = performance.now();
    try {
      const count = await indexWorkspace(project, progress, (path) => this.openPaths.has(path));
      this.connection.console.info(`nospof: indexed ${count} file(s) of ${project.root} in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.connection.console.error(`nospof: indexing ${project.root} failed: ${describe(error)}`);
    }
    this.relintWorkspace(project, 0);
  }

  private projectFor(path: string): Workspace {
    const folder = this.folders.find((p) => p.contains(path));
    if (folder) return folder;
    // A file outside every workspace folder: its repository (or its directory) is its project, read
    // only through open files, so paths look as they would from the repository root.
    const dir = this.looseRoot(dirname(path));
    let project = this.loose.get(dir);
    if (!project) {
      project = new Workspace(dir, (p) => this.readText(p), { plugins: this.trusted });
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

  /** What the editor shows for a configuration file: the open buffer, else the disk (read safely). */
  private readText(path: string): string | undefined {
    const uri = this.openPaths.get(path);
    const document = uri === undefined ? undefined : this.documents.get(uri);
    if (document) return document.getText();
    return readConfigFromDisk(path);
  }

  private opened(document: TextDocument): void {
    this.seenVersion.set(document.uri, document.version);
    const path = uriToPath(document.uri);
    if (!path) return;
    this.openPaths.set(path, document.uri);
    const project = this.projectFor(path);
    project.setOpenText(path, document.getText());
    // From now on the buffer, not the disk, is what configurations are read from.
    if (project.isConfigDocument(path) || project.configAffectedBy(path)) project.configChanged();
    this.scheduler.schedule(document.uri, 0);
  }

  private changed(document: TextDocument): void {
    // The open event also reports a content change; it is handled by `opened`.
    if (this.seenVersion.get(document.uri) === document.version) return;
    this.seenVersion.set(document.uri, document.version);
    const path = uriToPath(document.uri);
    if (!path) return;
    const project = this.projectFor(path);
    project.setOpenText(path, document.getText());
    if (project.isConfigDocument(path) || project.configAffectedBy(path)) {
      project.configChanged();
      this.scheduler.schedule(document.uri, this.debounceMs);
      this.relintWorkspace(project, this.debounceMs, document.uri, 'onType');
      return;
    }
    this.scheduleIf(document.uri, 'onType', this.debounceMs);
    this.relintWorkspace(project, this.debounceMs, document.uri, 'onType');
  }

  private saved(document: TextDocument): void {
    const path = uriToPath(document.uri);
    if (!path) return;
    this.scheduler.schedule(document.uri, 0);
    this.relintWorkspace(this.projectFor(path), this.debounceMs, document.uri);
  }

  private closed(document: TextDocument): void {
    const uri = document.uri;
    this.scheduler.cancel(uri);
    this.seenVersion.delete(uri);
    this.lastLint.delete(uri);
    this.settingsCache.delete(uri);
    if (this.published.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    const path = uriToPath(uri);
    if (!path) return;
    this.openPaths.delete(path);
    const project = this.projectFor(path);
    project.closeOpen(path);
    // The buffer may have held unsaved text: the disk is the truth again.
    this.reloadFromDisk(project, path);
    if (project.configAffectedBy(path)) project.configChanged();
    this.relintWorkspace(project, this.debounceMs);
  }

  /** Reads a file again after it changed on disk or its buffer closed; ignored files leave the index. */
  private reloadFromDisk(project: Workspace, path: string): void {
    const read = readSourceFile(path);
    if (read.ok && !inSkippedDirectory(path) && !project.isConfigDocument(path) && !project.isIgnored(path)) project.setDiskText(path, read.text);
    else project.removeDiskText(path);
  }

  private watchedFilesChanged(changes: readonly FileEvent[]): void {
    const dirty = new Set<Workspace>();
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path || inSkippedDirectory(path)) continue;
      const project = this.folders.find((p) => p.contains(path)) ?? this.loose.get(this.looseRoot(dirname(path)));
      if (!project) continue;
      dirty.add(project);
      if (project.configAffectedBy(path)) project.configChanged();
      if (this.openPaths.has(path)) continue;
      // A deleted directory comes as one event for the directory, not one per file in it.
      if (change.type === FileChangeType.Deleted) project.removeDiskTextUnder(path);
      else this.reloadFromDisk(project, path);
    }
    for (const project of dirty) this.relintWorkspace(project, this.debounceMs);
  }

  private configurationChanged(settings: unknown): void {
    this.pushedSettings = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>).nospof : undefined;
    this.settingsCache.clear();
    for (const uri of this.openPaths.values()) this.scheduler.schedule(uri, 0);
  }

  /** Re-lints the open documents of a project (except `except`), because a file they may depend on changed. */
  private relintWorkspace(project: Workspace, delayMs: number, except?: string, onlyIf?: Settings['run']): void {
    for (const [path, uri] of this.openPaths) {
      if (uri === except || this.projectFor(path) !== project) continue;
      if (onlyIf) this.scheduleIf(uri, onlyIf, delayMs);
      else this.scheduler.schedule(uri, delayMs);
    }
  }

  private scheduleIf(uri: string, run: Settings['run'], delayMs: number): void {
    void this.settingsFor(uri).then((settings) => {
      if (settings.run === run) this.scheduler.schedule(uri, delayMs);
    });
  }

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.capabilities.workspace?.configuration) return Promise.resolve(normalizeSettings(this.pushedSettings));
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nospof' }).then(normalizeSettings, () => defaultSettings);
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  private async lintDocument(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    const path = uriToPath(uri);
    if (!document || !path) return;
    const version = document.version;
    const settings = await this.settingsFor(uri);
    // A newer change arrived while the settings were fetched: it has scheduled its own run.
    if (this.documents.get(uri)?.version !== version) return;
    const project = this.projectFor(path);
    // The config path belongs to the folder, not the file: asked for the folder so files cannot disagree.
    const { configPath } = await this.settingsFor(pathToUri(project.root));
    if (this.documents.get(uri)?.version !== version) return;
    if (project.useConfigPath(this.trusted ? configPath : undefined)) this.relintWorkspace(project, 0, uri);
    if (!settings.enable) {
      this.lastLint.delete(uri);
      if (this.published.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const text = document.getText();
    if (project.isConfigDocument(path)) {
      // Its policies load as for any file it governs, so their rule ids are known and their problems shown here.
      try {
        await project.preparePolicies(path);
      } catch (error) {
        this.connection.console.error(`nospof: loading the policies of ${path} failed: ${describe(error)}`);
      }
      if (this.documents.get(uri)?.version !== version) return;
      const { catalog, policyProblems } = project.configValidation(path);
      const diagnostics = guardedLint(() => configDiagnostics(path, text, (p) => this.readText(p), catalog, policyProblems), (m) => this.connection.console.error(m), path);
      this.publish(uri, version, diagnostics);
      return;
    }
    // Policies and plugins load once per configuration (asynchronously: wasm, imports), then serve every keystroke.
    try {
      for (const notice of await project.preparePolicies(path)) this.connection.console.warn(`nospof: ${notice}`);
    } catch (error) {
      this.connection.console.error(`nospof: loading the policies for ${path} failed: ${describe(error)}`);
    }
    if (this.documents.get(uri)?.version !== version) return;
    let outcome: LintOutcome | undefined;
    const diagnostics = guardedLint(
      () => {
        outcome = project.lint(path, text);
        return outcomeDiagnostics(outcome, (file) => this.uriOf(project, file));
      },
      (m) => this.connection.console.error(m),
      path,
    );
    this.lastLint.set(uri, { version, findings: outcome?.kind === 'linted' ? outcome.result.findings : [] });
    // Documents no language reads (a README, a Helm template) get nothing, not an empty list per keystroke.
    if (outcome?.kind === 'unclaimed' && !this.published.has(uri)) return;
    this.publish(uri, version, diagnostics);
  }

  private uriOf(project: Workspace, file: string): string {
    const path = project.absolute(file);
    return this.openPaths.get(path) ?? pathToUri(path);
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    this.published.add(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const document = this.documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    if (!document || !path) return [];
    const project = this.projectFor(path);
    const text = document.getText();
    const language = project.languageOf(path, text);
    if (!language) return [];
    try {
      return codeActions({
        document,
        findings: this.findingsOf(document, path, project),
        range: params.range,
        only: params.context.only,
        lineComment: language.lineComment,
        uriOf: (file) => this.uriOf(project, file),
        fixAll: () => project.fixAll(path, text),
      });
    } catch (error) {
      this.connection.console.error(`nospof: code actions for ${path} failed: ${describe(error)}`);
      return [];
    }
  }

  /** The findings of the document as it is now: the last lint when current, else a fresh one. */
  private findingsOf(document: TextDocument, path: string, project: Workspace): readonly Finding[] {
    const last = this.lastLint.get(document.uri);
    if (last && last.version === document.version) return last.findings;
    const outcome = project.lint(path, document.getText());
    const findings = outcome.kind === 'linted' ? outcome.result.findings : [];
    this.lastLint.set(document.uri, { version: document.version, findings });
    return findings;
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
      const document = typeof uri === 'string' ? this.documents.get(uri) : undefined;
      const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
      if (!document || !path) return;
      const next = this.projectFor(path).fixAll(path, document.getText());
      if (next === undefined || next === document.getText()) return;
      await this.connection.workspace.applyEdit({ label: 'nospof: fix all', edit: { changes: { [document.uri]: [replaceTextEdit(document, next)] } } });
    }
  }
}

function workspaceFoldersOf(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders;
  if (params.rootUri) return [{ uri: params.rootUri, name: params.rootUri }];
  if (params.rootPath) return [{ uri: pathToUri(params.rootPath), name: params.rootPath }];
  return [];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
