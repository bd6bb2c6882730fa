import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/parse.js';
import { allSteps, nodesOfType } from './navigate.js';
import type { Matrix } from './types.js';

describe('model of calls that run elsewhere', () => {
  it('registers closures stored in variables, maps and put(), and marks their steps stored', () => {
    const file = modelOf(
      [
        'def branches = [:]',
        "branches['unit'] = { node('linux') { sh 'make unit' } }",
        "branches.put('lint', { node('linux') { sh 'make lint' } })",
        "def more = [docs: { sh 'make docs' }, site: { sh 'make site' }]",
        "def build = { sh 'make' }",
        'parallel branches',
        '',
      ].join('\n'),
    );
    expect([...file.closures.keys()].sort()).toEqual(['branches', 'build', 'more']);
    expect(file.closures.get('branches')?.map((c) => c.steps[0]?.name)).toEqual(['node', 'node']);
    expect(file.closures.get('more')).toHaveLength(2);
    const make = allSteps(file).find((s) => s.name === 'sh' && s.args[0]?.type === 'StringLiteral' && s.args[0].value === 'make');
    expect(make).toMatchObject({ stored: true, deferred: true });
    expect(make?.storedIn).toBe(file.closures.get('build')?.[0]);
    expect(allSteps(file).find((s) => s.name === 'parallel')).toMatchObject({ stored: false });
  });

  it('links steps in a try block to the handlers of its catch and finally', () => {
    const file = modelOf("node {\n  try {\n    stage('a') { sh 'make' }\n  } catch (e) {\n    mail to: 'x', subject: 'y', body: 'z'\n  } finally {\n    junit 'r.xml'\n  }\n}\n");
    const sh = allSteps(file).find((s) => s.name === 'sh');
    expect(sh?.guard?.handlers.map((h) => h.name)).toEqual(['mail', 'junit']);
    expect(allSteps(file).find((s) => s.name === 'mail')?.guard).toBeUndefined();
  });

  it('records loads with the variable that keeps them, and calls on it as steps', () => {
    const file = modelOf("def utils\nnode {\n  utils = load \"${env.WORKSPACE}/ci/utils.groovy\"\n  load 'ci/env.groovy'\n  utils.notify('x')\n}\n");
    expect(file.loads.map((l) => [l.variable, l.path])).toEqual([
      ['utils', '${env.WORKSPACE}/ci/utils.groovy'],
      [undefined, 'ci/env.groovy'],
    ]);
    expect(allSteps(file).find((s) => s.name === 'notify')).toMatchObject({ qualifiedName: 'utils.notify', member: true });
  });

  it('treats calls on names the file never binds as possible library globals, and on variables as plain Groovy', () => {
    const file = modelOf(
      "def version = readFile('VERSION')\nnode {\n  slack.failed()\n  version.trim()\n  env.getProperty('X')\n  try { sh 'x' } catch (err) { err.printStackTrace() }\n  body.call()\n}\n",
    );
    const names = allSteps(file).map((s) => s.qualifiedName);
    expect(names).toContain('slack.failed');
    expect(names).toContain('body.call');
    expect(names).not.toContain('version.trim');
    expect(names).not.toContain('env.getProperty');
    expect(names).not.toContain('err.printStackTrace');
  });

  it('marks calls written as arguments, and not the steps of closures handed over as arguments', () => {
    const file = modelOf(
      "withCredentials([usernamePassword(credentialsId: 'c', usernameVariable: 'U', passwordVariable: 'P')]) {\n  sh './publish.sh'\n}\nparallel(a: { sh 'a' })\ndef v = readFile('VERSION')\n",
    );
    const byName = (name: string) => allSteps(file).find((s) => s.name === name);
    expect(byName('usernamePassword')?.argument).toBe(true);
    expect(allSteps(file).filter((s) => s.name === 'sh').map((s) => s.argument)).toEqual([false, false]);
    expect(byName('readFile')?.argument).toBe(false);
  });

  it('keeps function parameters and reads the input directive of a matrix', () => {
    const file = modelOf(
      "def onAgent(String label, Closure body) { node(label) { body() } }\npipeline {\n  agent none\n  stages {\n    stage('m') {\n      matrix {\n        axes { axis { name 'A'; values 'x' } }\n        input { message 'go?' }\n        stages { stage('s') { steps { sh 'x' } } }\n      }\n    }\n  }\n}\n",
    );
    expect(file.functions[0]?.params).toEqual(['label', 'body']);
    const matrix = nodesOfType<Matrix>(file, 'Matrix')[0];
    expect(matrix?.input?.message).toMatchObject({ known: true, value: 'go?' });
  });
});
