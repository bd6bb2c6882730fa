import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import type { ParsedFile } from '@nospof/core';
import { jenkinsLanguage } from '../language.js';
import type { JenkinsFile } from '../model/types.js';
import { buildJenkinsIndex } from '../project/jenkins-index.js';
import { callSites, Flow, flattenRuns, guardsOf, handlerOf, resolveArgument, wrappingRun } from './runs.js';
import type { Run } from './runs.js';

function parsed(path: string, text: string): ParsedFile<JenkinsFile> {
  const source = new SourceFile(path, text);
  return { ...jenkinsLanguage.parse(source), source, language: 'jenkins' };
}

/** Runs of the top-level code of the first file, with every file in the index. */
function runs(files: Record<string, string>, limits?: { maxDepth: number; maxRuns: number; maxFiles: number }): { all: Run[]; flow: Flow } {
  const list = Object.entries(files).map(([path, text]) => parsed(path, text));
  const first = list[0] as ParsedFile<JenkinsFile>;
  const flow = new Flow(buildJenkinsIndex(list), first.source.path, first.root as JenkinsFile, limits);
  return { all: flattenRuns(flow.runsOf((first.root as JenkinsFile).steps)), flow };
}

const named = (all: Run[], name: string) => all.filter((r) => r.step.qualifiedName === name);
const chain = (run: Run | undefined) => {
  const out: string[] = [];
  for (let r = run?.parent; r; r = r.parent) out.push(r.step.qualifiedName);
  return out;
};

describe('runs across helpers, closures, loads and libraries', () => {
  it('runs a helper that wraps its block in timeout and node around the caller block', () => {
    const { all } = runs({
      Jenkinsfile: "def onAgent(String label, Closure body) {\n  timeout(time: 30, unit: 'MINUTES') {\n    node(label) { body() }\n  }\n}\nonAgent('linux') {\n  sh 'make'\n}\n",
    });
    const sh = named(all, 'sh');
    expect(sh).toHaveLength(1);
    expect(chain(sh[0])).toEqual(['body', 'node', 'timeout', 'onAgent']);
    const node = named(all, 'node')[0] as Run;
    expect(wrappingRun(node, ['timeout'])?.step.name).toBe('timeout');
    expect(callSites(node).map((r) => r.step.name)).toEqual(['onAgent']);
    const label = resolveArgument(node, node.step.args[0]);
    expect(label.expression).toMatchObject({ type: 'StringLiteral', value: 'linux' });
  });

  it('sees a catch inside a helper as guarding the caller block', () => {
    const { all } = runs({
      Jenkinsfile: "def alerting(body) {\n  try { body() } catch (e) { slackSend message: 'failed'; throw e }\n}\nnode { alerting { sh 'make' } }\n",
    });
    const sh = named(all, 'sh')[0] as Run;
    const guards = guardsOf(sh);
    expect(guards).toHaveLength(1);
    expect(guards[0]?.handlers.map((h) => h.name)).toEqual(['slackSend']);
    expect(handlerOf(named(all, 'slackSend')[0] as Run)).toBe('catch');
  });

  it('runs closures stored in a map where parallel runs them, and nowhere else', () => {
    const { all } = runs({
      Jenkinsfile: "def branches = [:]\nfor (p in ['linux', 'windows']) {\n  branches[p] = { node(p) { sh 'make' } }\n}\ntimeout(60) { parallel branches }\n",
    });
    const nodes = named(all, 'node');
    expect(nodes).toHaveLength(1);
    expect(chain(nodes[0])).toEqual(['parallel', 'timeout']);
  });

  it('follows a closure variable called by name and a bare block passed to a helper that never runs it', () => {
    const { all } = runs({
      Jenkinsfile: "def build = { sh 'make' }\ndef later(Closure c) { echo 'not now' }\nnode { build(); later { sh 'other' } }\n",
    });
    expect(chain(named(all, 'sh').find((r) => r.step.args[0]?.type === 'StringLiteral' && (r.step.args[0] as { value: string }).value === 'make'))).toEqual(['build', 'node']);
    expect(named(all, 'sh')).toHaveLength(2);
  });

  it('follows functions of a loaded script and its top-level code', () => {
    const { all } = runs({
      'ci/Jenkinsfile': "node('linux') {\n  def utils = load 'ci/utils.groovy'\n  try { sh 'make' } catch (e) { utils.notifyFailure('x') }\n}\n",
      'ci/utils.groovy': "def notifyFailure(String m) {\n  mail to: 'team@example.com', subject: m, body: m\n}\nreturn this\n",
    });
    const mail = named(all, 'mail')[0] as Run;
    expect(mail.file).toBe('ci/utils.groovy');
    expect(handlerOf(mail)).toBe('catch');
  });

  it('follows shared-library steps of the scanned tree, and their methods', () => {
    const { all } = runs({
      Jenkinsfile: "withRetryingAgent('linux') { sh 'make' }\nslack.failed()\n",
      'vars/withRetryingAgent.groovy': "def call(String label, Closure body) {\n  retry(count: 2, conditions: [agent()]) { node(label) { body() } }\n}\n",
      'vars/slack.groovy': "def failed() { slackSend color: 'danger', message: 'failed' }\n",
    });
    expect(chain(named(all, 'sh')[0])).toEqual(['body', 'node', 'retry', 'withRetryingAgent']);
    expect(named(all, 'slackSend')[0]?.file).toBe('vars/slack.groovy');
  });

  it('stops at recursion and at the depth bound', () => {
    const recursive = runs({ Jenkinsfile: "def a() { b() }\ndef b() { a(); sh 'x' }\nnode { a() }\n" });
    expect(named(recursive.all, 'sh')).toHaveLength(1);
    const deep = Array.from({ length: 20 }, (_, i) => `def f${i}() { f${i + 1}() }`).join('\n');
    const bounded = runs({ Jenkinsfile: `${deep}\ndef f20() { sh 'deep' }\nnode { f0() }\n` }, { maxDepth: 8, maxRuns: 1000, maxFiles: 64 });
    expect(named(bounded.all, 'sh')).toHaveLength(0);
    expect(bounded.flow.truncated).toBe(true);
  });

  it('enters a bounded number of other files', () => {
    const files: Record<string, string> = { Jenkinsfile: Array.from({ length: 10 }, (_, i) => `step${i}()`).join('\n') };
    for (let i = 0; i < 10; i++) files[`vars/step${i}.groovy`] = `def call() { sh 'x${i}' }\n`;
    const { all, flow } = runs(files, { maxDepth: 8, maxRuns: 1000, maxFiles: 4 });
    expect(new Set(all.map((r) => r.file)).size).toBe(5);
    expect(flow.truncated).toBe(true);
  });

  it('stops at the run bound on a call tree that doubles at every level', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `def g${i}() { g${i + 1}(); g${i + 1}() }`).join('\n');
    const { all, flow } = runs({ Jenkinsfile: `${levels}\nnode { g0() }\n` }, { maxDepth: 40, maxRuns: 5000, maxFiles: 64 });
    expect(all.length).toBeLessThanOrEqual(5000);
    expect(flow.truncated).toBe(true);
  });
});
