import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusBar } from './status-bar.js';

/** Server commands (see the language server's commands.ts); the client registers them itself. */
const APPLY_FIX_ALL = 'nospof.applyFixAll';

let client: LanguageClient | undefined;

/** Files the server may lint; it ignores the ones no nospof language claims (any YAML that is no manifest). */
const documentSelector: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'github-actions-workflow' },
  { scheme: 'file', language: 'groovy' },
  { scheme: 'file', language: 'jenkinsfile' },
  { scheme: 'file', pattern: '**/*.{tf,tf.json,tfvars}' },
  { scheme: 'file', pattern: '**/{Jenkinsfile,Jenkinsfile.*,*.jenkinsfile,*.Jenkinsfile}' },
  // HAProxy has no built-in VS Code language: match its files by name (the haproxy extension's id too).
  { scheme: 'file', language: 'haproxy' },
  { scheme: 'file', pattern: '**/{haproxy.cfg,*.haproxy.cfg,haproxy/**/*.cfg}' },
  { scheme: 'file', pattern: '**/.nospof.{yaml,yml,json}' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('nospof');
  const serverModule = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // The server asks for `nospof.*` per file (workspace/configuration) and watches files itself.
    synchronize: { configurationSection: 'nospof' },
    // Read at every (re)start: in an untrusted workspace the server loads no plugin or policy bundle.
    initializationOptions: () => ({ untrustedWorkspace: !vscode.workspace.isTrusted }),
  };
  // The id `nospof` makes the client honour the `nospof.trace.server` setting.
  const languageClient = new LanguageClient('nospof', 'nospof', serverOptions, clientOptions);
  client = languageClient;
  const status = new StatusBar('nospof.showOutput');
  context.subscriptions.push(
    output,
    status,
    languageClient.onDidChangeState((event) => status.setState(event.newState)),
    vscode.commands.registerCommand('nospof.fixAll', () => fixAll(languageClient)),
    vscode.commands.registerCommand('nospof.restartServer', () => languageClient.restart()),
    vscode.commands.registerCommand('nospof.showOutput', () => output.show(true)),
    // Trust granted: restart so the server lints with the workspace's plugins and policies too.
    vscode.workspace.onDidGrantWorkspaceTrust(() => languageClient.restart()),
  );
  await languageClient.start();
}

async function fixAll(languageClient: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('nospof: open a file to fix.');
    return;
  }
  const document = editor.document;
  await languageClient.sendRequest(ExecuteCommandRequest.type, {
    command: APPLY_FIX_ALL,
    arguments: [{ uri: languageClient.code2ProtocolConverter.asUri(document.uri), version: document.version }],
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
