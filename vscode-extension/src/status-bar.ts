import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';

/** The status bar item: whether the server runs, and how many nospof findings the workspace has. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nospof.status', vscode.StatusBarAlignment.Right, 100);
  private state: State = State.Starting;
  private readonly listener: vscode.Disposable;

  constructor(showOutputCommand: string) {
    this.item.name = 'nospof';
    this.item.command = showOutputCommand;
    this.listener = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setState(state: State): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const findings = countFindings();
    if (this.state === State.Running) {
      this.item.text = findings === 0 ? '$(check) nospof' : `$(warning) nospof: ${findings}`;
      this.item.tooltip = `nospof server running, ${findings} finding(s) in open files. Click for the output.`;
      this.item.backgroundColor = undefined;
    } else if (this.state === State.Starting) {
      this.item.text = '$(sync~spin) nospof';
      this.item.tooltip = 'nospof server starting';
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = '$(error) nospof';
      this.item.tooltip = 'nospof server stopped. Run "nospof: Restart server".';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}

function countFindings(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) if (d.source === 'nospof') count++;
  }
  return count;
}
