import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Nospof } from '@nospof/api';
import { TestClient } from './lsp-client.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The bundled example as a workspace: the editor must say exactly what the CLI says. */
describe('the CLI and the language server agree on examples/', { timeout: 120_000 }, () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await TestClient.start({ root: examples });
  }, 60_000);
  afterAll(async () => {
    await client.dispose();
  }, 60_000);

  it('gives identical findings for every file', async () => {
    const report = await new Nospof({ cwd: examples }).lintFiles(['.']);
    const cli = new Map<string, string[]>();
    for (const result of report.results) {
      const findings = result.findings.filter((f) => !f.suppressed).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`);
      cli.set(result.file, findings.sort());
    }
    const languageIds: Record<string, string> = { '.tf': 'terraform', '.yml': 'yaml', '.yaml': 'yaml' };
    for (const file of cli.keys()) {
      const path = join(examples, file);
      const uri = await client.open(path, undefined, languageIds[file.slice(file.lastIndexOf('.'))] ?? 'groovy');
      const expected = cli.get(file) ?? [];
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === expected.length);
      const editor = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`).sort();
      expect(editor, relative(examples, path).split(sep).join('/')).toEqual(expected);
    }
    expect(cli.size).toBeGreaterThan(5);
  });
});
