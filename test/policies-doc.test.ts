import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

// docs/policies.md stays true: its worked examples, run through the CLI as a user would run them.

const page = readFileSync(new URL('../docs/policies.md', import.meta.url), 'utf8');
const examplePlugin = fileURLToPath(new URL('../examples/plugin', import.meta.url));

/** The fenced blocks of a section (from its heading to the next heading of the same or a higher level). */
function blocks(heading: string, language: string): string[] {
  const start = page.indexOf(heading);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(heading)?.[0] ?? '#';
  const rest = page.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
}

function workedExample(form: string): string {
  const start = page.indexOf(form);
  return page.slice(page.indexOf('### Worked example', start));
}

const deployment = (replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: payments${extra}
spec:
  selector: { matchLabels: { app: checkout } }
  replicas: ${replicas}
  template:
    metadata: { labels: { app: checkout } }
    spec:
      containers: [{ name: app, image: "shop/checkout:1.0" }]
`;

describe('docs/policies.md', () => {
  it('shows the configuration error nospof prints for a malformed policy', async () => {
    const shown = blocks('## Configuration', 'text')[0] as string;
    const root = tempTree({
      '.nospof.yaml': 'policies:\n  - policy/redundancy.yaml\n',
      'policy/redundancy.yaml': readFileSync(new URL('../examples/policies/redundancy.yaml', import.meta.url), 'utf8').replace('min: 3, default: 1', 'min: three, default: 1'),
      'deploy/app.yaml': deployment(3),
    });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr.split(root).join('/work/shop')).toBe(shown);
  });

  it('the declarative worked example reports what the page says, and its tests pass', async () => {
    const section = workedExample('## Declarative YAML policies');
    const policy = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] as string;
    const output = /```text\n([\s\S]*?)```/.exec(section)?.[1] as string;
    const root = tempTree({ '.nospof.yaml': 'extends: []\npolicies: [policy/redundancy.yaml]\n', 'policy/redundancy.yaml': policy, 'deploy/app.yaml': deployment(2) });
    const result = await runCli(['--format', 'compact'], root);
    expect(result.stdout.trim()).toBe(output.trim());
    expect(result.code).toBe(1);
    const tests = await runCli(['test-policies'], root);
    expect(tests.stdout).toContain('2 passed, 0 failed');
    expect(tests.code).toBe(0);
  });

  it('the Rego worked example is the example source that ships', () => {
    const rego = /```rego\n([\s\S]*?)```/.exec(workedExample('## Rego compiled to wasm'))?.[1];
    expect(rego).toBe(readFileSync(new URL('../examples/policies/rego/payments_replicas.rego', import.meta.url), 'utf8'));
  });

  it('the plugin worked example configuration runs the example plugin', async () => {
    const section = workedExample('## Rule plugins');
    const config = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] as string;
    expect(config).toContain('plugins: [nospof-plugin-acme]');
    const root = tempTree({ '.nospof.yaml': `extends: []\n${config}`, 'deploy/app.yaml': deployment(3, '\n  labels: { acme.dev/tier: gold }') });
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(examplePlugin, join(root, 'node_modules/nospof-plugin-acme'), 'dir');
    const result = await runCli(['--format', 'compact'], root);
    expect(result.stdout).toMatch(/^deploy\/app\.yaml:2:7: error acme\/critical-priority-class /m);
    expect(result.code).toBe(1);
    const safe = await runCli(['--no-plugins'], root);
    expect(safe.stderr).toContain('nospof: .nospof.yaml: nospof-plugin-acme not loaded: --no-plugins');
    expect(safe.code).toBe(0);
  });

  it('ships its schemas with an id that is not a made-up web address', () => {
    for (const schema of ['policy.schema.json', 'policy-input.schema.json']) {
      const id = (JSON.parse(readFileSync(new URL(`../packages/policy/${schema}`, import.meta.url), 'utf8')) as { $id?: string }).$id;
      expect(id).toMatch(/^urn:nospof:/);
    }
  });
});
