import { SourceFile, type ParsedFile } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { jenkinsLanguage } from '../language.js';
import type { JenkinsFile } from '../model/types.js';

function parsed(path: string, text: string): ParsedFile<JenkinsFile> {
  const source = new SourceFile(path, text);
  return { ...jenkinsLanguage.parse(source), source, language: 'jenkins' };
}

/** Three pipelines of one repository, its shared library, a loaded script, and a vendored repository. */
const tree: Record<string, string> = {
  Jenkinsfile: "pipeline {\n  agent { label 'linux' }\n  stages {\n    stage('Build') { steps { sh 'make' } }\n    stage('Deploy') { steps { deployApp('prod') } }\n  }\n}\n",
  'release/Jenkinsfile': "node('linux') {\n  def ci = load 'ci/notify.groovy'\n  stage('Release') { sh 'make release' }\n  ci.releaseFailed('x')\n}\n",
  'Jenkinsfile.nightly': "pipeline {\n  agent any\n  stages { stage('Nightly') { steps { sh 'make nightly' } } }\n  post { failure { notifyChat('nightly failed') } }\n}\n",
  'vars/deployApp.groovy': "def call(String env) {\n  node('deploy') { sh \"deploy ${env}\" }\n  notifyChat('deployed')\n}\n",
  'vars/notifyChat.groovy': "def call(String text) {\n  slackSend channel: '#ci', message: text\n}\n",
  'vars/unused.groovy': "def call() {\n  echo 'nobody calls me'\n}\n",
  'ci/notify.groovy': "def releaseFailed(String reason) {\n  mail to: 'r@example.com', subject: 'failed', body: reason\n}\nreturn this\n",
  'vendor/tool/Jenkinsfile': "pipeline {\n  agent any\n  stages { stage('Build') { steps { deployApp('test') } } }\n}\n",
  'vendor/tool/vars/deployApp.groovy': "def call(String env) {\n  sh \"vendor-deploy ${env}\"\n}\n",
};

function files(entries: Record<string, string> = tree): ParsedFile<JenkinsFile>[] {
  return Object.entries(entries).map(([path, text]) => parsed(path, text));
}

describe('Jenkins deployment units', () => {
  it('makes one unit per pipeline, holding the library steps and loaded scripts it reaches', () => {
    expect(jenkinsLanguage.units?.(files(), {})).toEqual([
      { id: 'Jenkinsfile', files: ['Jenkinsfile', 'vars/deployApp.groovy', 'vars/notifyChat.groovy'] },
      { id: 'release/Jenkinsfile', files: ['release/Jenkinsfile', 'ci/notify.groovy'] },
      { id: 'Jenkinsfile.nightly', files: ['Jenkinsfile.nightly', 'vars/notifyChat.groovy'] },
      // a library step no pipeline calls is judged on its own
      { id: 'vars/unused.groovy', files: ['vars/unused.groovy'] },
      // a call reaches the library of its own repository folder first
      { id: 'vendor/tool/Jenkinsfile', files: ['vendor/tool/Jenkinsfile', 'vendor/tool/vars/deployApp.groovy'] },
    ]);
  });

  it("resolves inside a unit as the whole run's index does", () => {
    const all = files();
    const byPath = new Map(all.map((f) => [f.source.path, f]));
    const whole = jenkinsLanguage.index?.(all, {});
    for (const unit of jenkinsLanguage.units?.(all, {}) ?? []) {
      const index = jenkinsLanguage.index?.(unit.files.map((p) => byPath.get(p) as ParsedFile<JenkinsFile>), {});
      for (const from of unit.files) {
        for (const name of ['deployApp', 'notifyChat', 'unused']) {
          const inUnit = index?.libraryStep(name, from);
          if (inUnit) expect(inUnit.path).toBe(whole?.libraryStep(name, from)?.path);
        }
        for (const load of byPath.get(from)?.root?.loads ?? []) expect(index?.loaded(from, load)?.path).toBe(whole?.loaded(from, load)?.path);
      }
      for (const path of unit.files) if (path !== unit.id) expect(index?.isLoaded(path), path).toBe(whole?.isLoaded(path));
    }
  });

  it('keeps a step two libraries define unsettled, as the whole run does', () => {
    const all = files({
      Jenkinsfile: "node {\n  build()\n}\n",
      'libs/a/vars/build.groovy': "def call() { sh 'a' }\n",
      'libs/b/vars/build.groovy': "def call() { sh 'b' }\n",
    });
    const [unit] = jenkinsLanguage.units?.(all, {}) ?? [];
    expect(unit).toEqual({ id: 'Jenkinsfile', files: ['Jenkinsfile', 'libs/a/vars/build.groovy', 'libs/b/vars/build.groovy'] });
    const own = all.filter((f) => unit?.files.includes(f.source.path));
    expect(jenkinsLanguage.index?.(own, {}).libraryStep('build', 'Jenkinsfile')).toBeUndefined();
  });

  it('puts a script loaded only by another script in the loader’s unit, and gives files of a load cycle a unit each', () => {
    const units = jenkinsLanguage.units?.(files({
      'ci/main.groovy': "def helpers = load 'ci/helpers.groovy'\nreturn this\n",
      'ci/helpers.groovy': "def x() { echo 'x' }\nreturn this\n",
      'ci/a.groovy': "def b = load 'ci/b.groovy'\nreturn this\n",
      'ci/b.groovy': "def a = load 'ci/a.groovy'\nreturn this\n",
    }), {});
    expect(units).toEqual([
      { id: 'ci/main.groovy', files: ['ci/main.groovy', 'ci/helpers.groovy'] },
      { id: 'ci/a.groovy', files: ['ci/a.groovy', 'ci/b.groovy'] },
    ]);
  });

  it('keys a file by what grouping reads: an edit to a shell line keeps it, a new library call changes it', () => {
    const key = (text: string) => jenkinsLanguage.unitKey?.(parsed('Jenkinsfile', text));
    const base = key("node {\n  sh 'make'\n  deployApp()\n}\n");
    expect(key("node {\n  sh 'make all'\n  deployApp()\n}\n")).toBe(base);
    expect(key("node {\n  sh 'make'\n  deployApp()\n  notifyChat()\n}\n")).not.toBe(base);
    expect(key("node {\n  sh 'make'\n  deployApp()\n  load 'ci/x.groovy'\n}\n")).not.toBe(base);
  });

  it('names the policy unit after its pipeline, with plain resource ids', () => {
    const all = files();
    const byPath = new Map(all.map((f) => [f.source.path, f]));
    const inputs = (jenkinsLanguage.units?.(all, {}) ?? []).map((unit) => {
      const own = unit.files.map((p) => byPath.get(p) as ParsedFile<JenkinsFile>);
      return jenkinsLanguage.policyUnit?.(unit, own, jenkinsLanguage.index?.(own, {}) as never, {});
    });
    expect(inputs.map((i) => i?.unit)).toEqual(['Jenkinsfile', 'release/Jenkinsfile', 'Jenkinsfile.nightly', 'vars/unused.groovy', 'vendor/tool/Jenkinsfile']);
    expect(inputs[0]?.resources.map((r) => r.id)).toEqual(['pipeline', 'stage:Build', 'stage:Deploy']);
    expect(inputs[0]?.files).toEqual(['Jenkinsfile', 'vars/deployApp.groovy', 'vars/notifyChat.groovy']);
    expect(inputs[1]?.resources.map((r) => r.id)).toEqual(['pipeline', 'stage:Release']);
    expect(inputs[3]?.resources).toEqual([]);
  });
});
