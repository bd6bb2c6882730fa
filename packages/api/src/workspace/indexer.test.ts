import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexWorkspace, silentProgress } from './indexer.js';
import { Workspace } from './workspace.js';

const manifest = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;
const workflow = 'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: make\n';
/** A multi-document stream over the stepped-parse threshold. */
const bundle = Array.from({ length: 120 }, (_, i) => `---\n${manifest(`m${i}`)}${'  # padding of a generated bundle\n'.repeat(80)}`).join('');

/** Records the order in which indexing hands files to the workspace. */
class RecordingWorkspace extends Workspace {
  readonly order: string[] = [];
  override setDiskText(path: string, text: string, options?: { readonly indexing?: boolean }): boolean {
    this.order.push(relative(this.root, path));
    return super.setDiskText(path, text, options);
  }
}

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function repository(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'nospof-index-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('indexWorkspace', () => {
  it('reads the files of an open file first: its language, its directory first, smaller files first', async () => {
    const dir = repository({
      'a/big.yaml': manifest('big') + '#'.repeat(5000),
      'a/small.yaml': manifest('small'),
      'b/other.yaml': manifest('other'),
      '.github/workflows/ci.yml': workflow,
      'b/open.yaml': manifest('open'),
    });
    const workspace = new RecordingWorkspace(dir, () => undefined, { indexed: true });
    const open = join(dir, 'b/open.yaml');
    workspace.setOpenText(open, manifest('open'));
    const count = await indexWorkspace(workspace, silentProgress, { openPaths: () => [open] });
    expect(count).toBe(4);
    expect(workspace.order).toEqual(['b/other.yaml', 'a/small.yaml', 'a/big.yaml', '.github/workflows/ci.yml']);
    expect(workspace.index.finished).toBe(true);
  });

  it('completes the language of an open workflow before the manifests', async () => {
    const dir = repository({ 'k/one.yaml': manifest('one'), 'k/two.yaml': manifest('two'), '.github/workflows/ci.yml': workflow, '.github/workflows/deploy.yml': workflow });
    const completed: (string | undefined)[] = [];
    const workspace = new Workspace(dir, () => undefined, { indexed: true, onIndexProgress: (language) => completed.push(language) });
    const open = join(dir, '.github/workflows/deploy.yml');
    workspace.setOpenText(open, workflow);
    await indexWorkspace(workspace, silentProgress, { openPaths: () => [open] });
    // Manifests are read by Kubernetes and by alerting (which reads YAML alongside): both after the workflows.
    expect(completed[0]).toBe('github-actions');
    expect(completed.slice(1, -1).sort()).toEqual(['alerting', 'kubernetes']);
    expect(completed.at(-1)).toBeUndefined();
  });

  it('parses a large multi-document file in steps and serves the event loop between them', async () => {
    const dir = repository({ 'bundle/install.yaml': bundle, 'small.yaml': manifest('small') });
    const workspace = new Workspace(dir, () => undefined, { indexed: true });
    const parses: number[] = [];
    const parseAll = workspace.linter.parseAll.bind(workspace.linter);
    workspace.linter.parseAll = (source, forced) => {
      if (source.path === 'bundle/install.yaml') parses.push(source.text.length);
      return parseAll(source, forced);
    };
    let servedDuringIndexing = 0;
    const ticker = setInterval(() => {
      if (!workspace.index.finished) servedDuringIndexing++;
    }, 0);
    try {
      await indexWorkspace(workspace, silentProgress, {});
    } finally {
      clearInterval(ticker);
    }
    expect(bundle.length).toBeGreaterThan(256 * 1024);
    const prefixes = parses.filter((n) => n < bundle.length);
    expect(prefixes.length).toBeGreaterThan(2);
    expect(parses.slice(0, prefixes.length)).toEqual(prefixes);
    expect(parses.at(-1)).toBe(bundle.length);
    expect(servedDuringIndexing).toBeGreaterThan(0);
    expect(workspace.fileCount).toBe(2);
  });

  it('leaves open files to their buffers and stops when cancelled', async () => {
    const dir = repository({ 'a.yaml': manifest('a'), 'b.yaml': manifest('b'), 'c.yaml': manifest('c') });
    const workspace = new RecordingWorkspace(dir, () => undefined, { indexed: true });
    workspace.setOpenText(join(dir, 'b.yaml'), manifest('buffer'));
    await indexWorkspace(workspace, silentProgress, {});
    expect(workspace.order).toEqual(['a.yaml', 'c.yaml']);

    const cancelled = new RecordingWorkspace(dir, () => undefined, { indexed: true });
    await indexWorkspace(cancelled, silentProgress, { cancelled: () => cancelled.order.length > 0 });
    expect(cancelled.order).toEqual(['a.yaml']);
    expect(cancelled.index.finished).toBe(false);
  });
});
