import { describe, expect, it } from 'vitest';
import { defineRule, type Language, type Node } from '@nospof/core';
import { Workspace, type FileLint } from './workspace.js';

const root = '/repo';
const at = (rel: string) => `${root}/${rel}`;
const noFiles = () => undefined;

/** Deploys on pushes to main; self-hosted without a timeout: job-timeout, a finding of the file alone. */
const deployWorkflow = `name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: [self-hosted, linux]
    environment: production
    steps:
      - run: kubectl apply -k overlays/production
`;

/** Alerts when the Deploy workflow fails: the fact failure-notification needs from another file. */
const watcher = `name: Alert
on:
  workflow_run:
    workflows: [Deploy]
    types: [completed]
jobs:
  alert:
    if: github.event.workflow_run.conclusion == 'failure'
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: slackapi/slack-github-action@v2
        with:
          webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
          webhook-type: incoming-webhook
`;

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
`;

const rules = (lint: FileLint | undefined, which: 'ready' | 'all' = 'ready') => {
  const findings = which === 'ready' ? (lint?.ready ?? []) : lint?.outcome.kind === 'linted' ? lint.outcome.result.findings : [];
  return findings.map((f) => f.ruleId).sort();
};

describe('Workspace while it is indexed', () => {
  it('holds back a finding decided from files not indexed yet, and shows findings of the file alone at once', () => {
    const workspace = new Workspace(root, noFiles, { indexed: true });
    workspace.index.plan([{ path: at('.github/workflows/alert.yml'), languages: ['github-actions'] }]);
    workspace.setOpenText(at('.github/workflows/deploy.yml'), deployWorkflow);
    const early = workspace.lintFiles([{ path: at('.github/workflows/deploy.yml'), text: deployWorkflow }]).get(at('.github/workflows/deploy.yml'));
    // Without the watcher the workflow looks unwatched: the engine says so, the workspace holds it back.
    expect(rules(early, 'all')).toContain('github-actions/failure-notification');
    expect(rules(early)).not.toContain('github-actions/failure-notification');
    expect(rules(early)).toContain('github-actions/job-timeout');
    expect(early?.complete).toBe(false);

    workspace.setDiskText(at('.github/workflows/alert.yml'), watcher, { indexing: true });
    workspace.index.read(at('.github/workflows/alert.yml'));
    expect(workspace.index.isComplete('github-actions')).toBe(true);
    const late = workspace.lintFiles([{ path: at('.github/workflows/deploy.yml'), text: deployWorkflow }]).get(at('.github/workflows/deploy.yml'));
    expect(rules(late, 'all')).not.toContain('github-actions/failure-notification');
    expect(rules(late)).toEqual(rules(late, 'all'));
    expect(late?.complete).toBe(true);
  });

  it('tells the host when a language completes and when indexing ends', () => {
    const events: (string | undefined)[] = [];
    const workspace = new Workspace(root, noFiles, { indexed: true, onIndexProgress: (language) => events.push(language) });
    workspace.index.plan([
      { path: at('a.yaml'), languages: ['kubernetes'] },
      { path: at('.github/workflows/x.yml'), languages: ['github-actions'] },
    ]);
    expect(workspace.index.isComplete('terraform')).toBe(true);
    expect(workspace.index.isComplete('kubernetes')).toBe(false);
    workspace.index.read(at('.github/workflows/x.yml'));
    workspace.index.finish();
    expect(events).toEqual(['github-actions', undefined]);
    expect(workspace.index.isComplete('kubernetes')).toBe(true);
  });

  it('applies only fixes of findings that may be shown', () => {
    const workspace = new Workspace(root, noFiles, { indexed: true });
    workspace.index.plan([{ path: at('hpa.yaml'), languages: ['kubernetes'] }]);
    const path = at('deployment.yaml');
    const text = deployment('web', 1);
    workspace.setOpenText(path, text);
    // min-replicas reads the unit (an autoscaler elsewhere may raise the floor): its fix waits too.
    expect(workspace.fixAll(path, text)).toBeUndefined();
    workspace.index.finish();
    expect(workspace.fixAll(path, text)).toContain('replicas: 2');
  });
});

describe('Workspace.takeAffected', () => {
  it('returns the changed open file and the open files of its deployment unit, not the others', () => {
    const workspace = new Workspace(root, noFiles);
    const texts = new Map([
      [at('team-a/web.yaml'), deployment('web', 1)],
      [at('team-a/worker.yaml'), deployment('worker', 1)],
      [at('team-b/api.yaml'), deployment('api', 1)],
      [at('.github/workflows/deploy.yml'), deployWorkflow],
    ]);
    for (const [path, text] of texts) workspace.setOpenText(path, text);
    expect([...workspace.takeAffected().keys()].sort()).toEqual([...texts.keys()].sort());
    workspace.lintFiles([...texts].map(([path, text]) => ({ path, text })));
    expect(workspace.takeAffected().size).toBe(0);

    workspace.setOpenText(at('team-a/web.yaml'), deployment('web', 3), { typing: true });
    const affected = workspace.takeAffected();
    // Plain manifests of one directory are one unit: the other manifest there may change; the manifest of
    // another directory and the workflow cannot.
    expect([...affected.keys()].sort()).toEqual([at('team-a/web.yaml'), at('team-a/worker.yaml')]);
    expect(affected.get(at('team-a/web.yaml'))?.typing).toBe(true);
  });

  it('returns every open file after a configuration change, and files whose lint waited after indexing advanced', () => {
    const workspace = new Workspace(root, noFiles, { indexed: true });
    workspace.index.plan([{ path: at('.github/workflows/alert.yml'), languages: ['github-actions'] }]);
    const w = at('.github/workflows/deploy.yml');
    const k = at('web.yaml');
    workspace.setOpenText(w, deployWorkflow);
    workspace.setOpenText(k, deployment('web', 1));
    workspace.lintFiles([{ path: w, text: deployWorkflow }]);
    workspace.takeAffected();
    workspace.lintFiles([{ path: k, text: deployment('web', 1) }]);
    workspace.index.read(at('.github/workflows/alert.yml'));
    // The workflow's lint waited for its language; the manifest's did not (kubernetes had no files to read).
    expect([...workspace.takeAffected().keys()]).toEqual([w]);
    workspace.configChanged();
    expect([...workspace.takeAffected().keys()].sort()).toEqual([k, w].sort());
  });

  it('follows deployment units: an edit re-lints the open files of its unit and of the unit it joins', () => {
    interface Lines extends Node {
      readonly type: 'Lines';
    }
    // Units are directories; `join: <dir>` in a file puts it in that directory's unit as well.
    const language: Language<Lines, number> = {
      id: 'toy',
      lineComment: '#',
      matches: (path) => path.endsWith('.toy'),
      visitorKeys: { Lines: [] },
      parse: (source) => ({ root: { type: 'Lines', range: source.lines.range(0, source.text.length) }, errors: [], comments: [] }),
      units: (files) => {
        const byDir = new Map<string, string[]>();
        const add = (dir: string, path: string) => byDir.set(dir, [...(byDir.get(dir) ?? []), path]);
        for (const f of files) {
          add(f.source.path.slice(0, f.source.path.lastIndexOf('/')), f.source.path);
          const join = /join: (\w+)/.exec(f.source.text)?.[1];
          if (join) add(join, f.source.path);
        }
        return [...byDir].map(([id, paths]) => ({ id, files: paths }));
      },
      index: (files) => files.length,
    };
    const countInUnit = defineRule({
      meta: {
        id: 'toy/count',
        language: 'toy',
        type: 'problem',
        severity: 'error',
        docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
        schema: [],
        defaultOptions: [],
        messages: { many: '{{n}} files' },
        fixable: false,
      },
      create: (context) => ({ Lines: (node: Lines) => context.report({ node, messageId: 'many', data: { n: context.project.index<number>('toy') ?? 0 } }) }),
    });
    const workspace = new Workspace(root, noFiles, { languages: [language], rules: [countInUnit] });
    const x1 = at('x/one.toy');
    const x2 = at('x/two.toy');
    const y = at('y/three.toy');
    const z = at('z/four.toy');
    for (const path of [x1, x2, y]) workspace.setOpenText(path, 'a');
    workspace.setDiskText(z, 'a');
    const lints = workspace.lintFiles([x1, x2, y].map((path) => ({ path, text: 'a' })));
    expect(lints.get(x1)?.ready.map((f) => f.message)).toEqual(['2 files']);
    workspace.takeAffected();

    workspace.setOpenText(x1, 'b', { typing: true });
    expect([...workspace.takeAffected().keys()].sort()).toEqual([x1, x2]);
    // A file of another directory that now joins y's unit: y is linted again, x's files are not.
    workspace.setDiskText(z, 'join: y');
    expect([...workspace.takeAffected().keys()]).toEqual([y]);
  });
});

describe('Workspace trust and memory', () => {
  it('carries an untrusted workspace to its configuration, also after switching the config file', () => {
    const workspace = new Workspace(root, noFiles, { trusted: false });
    expect(workspace.trusted).toBe(false);
    expect(workspace.configStore().trusted).toBe(false);
    workspace.useConfigPath('ci/nospof.yaml');
    expect(workspace.configStore().trusted).toBe(false);
    expect(new Workspace(root, noFiles).configStore().trusted).toBe(true);
  });

  it('forgets a closed buffer that is not on disk, and keeps a disk file whose buffer closes', () => {
    const workspace = new Workspace(root, noFiles);
    workspace.setOpenText(at('loose.yaml'), deployment('web', 1));
    workspace.setDiskText(at('kept.yaml'), deployment('api', 2));
    workspace.setOpenText(at('kept.yaml'), deployment('api', 3));
    expect(workspace.fileCount).toBe(2);
    workspace.closeOpen(at('loose.yaml'));
    workspace.closeOpen(at('kept.yaml'));
    expect(workspace.fileCount).toBe(1);
    expect(workspace.openCount).toBe(0);
  });
});
