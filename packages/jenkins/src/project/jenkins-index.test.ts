import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import type { ParsedFile } from '@nospof/core';
import { jenkinsLanguage } from '../language.js';
import type { JenkinsFile } from '../model/types.js';
import { buildJenkinsIndex, jenkinsIndexKey, jenkinsIndexOfKeys, loadPath, watchJenkinsIndex } from './jenkins-index.js';
import { joinPath } from './posix-path.js';

function parsed(path: string, text: string): ParsedFile<JenkinsFile> {
  const source = new SourceFile(path, text);
  return { ...jenkinsLanguage.parse(source), source, language: 'jenkins' };
}

describe('jenkins index', () => {
  it('reads load paths relative to the workspace', () => {
    expect(loadPath('ci/utils.groovy')).toBe('ci/utils.groovy');
    expect(loadPath('${env.WORKSPACE}/ci/utils.groovy')).toBe('ci/utils.groovy');
    expect(loadPath('$WORKSPACE/./ci/utils.groovy')).toBe('ci/utils.groovy');
    expect(loadPath('${params.SCRIPT}')).toBeUndefined();
    expect(loadPath('/etc/jenkins/x.groovy')).toBeUndefined();
    expect(joinPath('a/b', '../c/./d.groovy')).toBe('a/c/d.groovy');
    expect(joinPath('', '../../x')).toBe('../../x');
  });

  it('resolves a load from the pipeline folder or any folder above it, only among the files of the run', () => {
    const pipeline = parsed('services/api/Jenkinsfile', "node {\n  def a = load 'ci/common.groovy'\n  def b = load 'helpers.groovy'\n  def c = load 'missing.groovy'\n}\n");
    const index = buildJenkinsIndex([
      pipeline,
      parsed('ci/common.groovy', 'def x() { }\nreturn this\n'),
      parsed('services/api/helpers.groovy', 'def y() { }\nreturn this\n'),
    ]);
    const [a, b, c] = (pipeline.root as JenkinsFile).loads;
    expect(a && index.loaded('services/api/Jenkinsfile', a)?.path).toBe('ci/common.groovy');
    expect(b && index.loaded('services/api/Jenkinsfile', b)?.path).toBe('services/api/helpers.groovy');
    expect(c && index.loaded('services/api/Jenkinsfile', c)).toBeUndefined();
    expect(index.isLoaded('ci/common.groovy')).toBe(true);
    expect(index.isLoaded('services/api/Jenkinsfile')).toBe(false);
  });

  it('knows library steps by name: the caller\'s own library first, none when two others define the same step', () => {
    const index = buildJenkinsIndex([
      parsed('vars/deploy.groovy', 'def call() { }\n'),
      parsed('libs/a/vars/notify.groovy', 'def call() { }\n'),
      parsed('libs/b/vars/notify.groovy', 'def call() { }\n'),
    ]);
    expect(index.libraryStep('deploy')?.path).toBe('vars/deploy.groovy');
    expect(index.libraryStep('notify')).toBeUndefined();
    expect(index.libraryStep('other')).toBeUndefined();
    // a pipeline inside a library's own folder calls that library
    expect(index.libraryStep('notify', 'libs/b/test/Jenkinsfile')?.path).toBe('libs/b/vars/notify.groovy');
    expect(index.libraryStep('notify', 'services/api/Jenkinsfile')).toBeUndefined();
    expect(index.libraryStep('deploy', 'libs/a/Jenkinsfile')?.path).toBe('vars/deploy.groovy');
  });

  it('answers alike when built from index keys, parsing only the files it hands out, and reports them', () => {
    const files = [
      parsed('Jenkinsfile', "node {\n  def c = load 'ci/common.groovy'\n  c.x()\n  deploy()\n  build()\n}\n"),
      parsed('ci/common.groovy', 'def x() { }\nreturn this\n'),
      parsed('ci/other.groovy', "def helper() {\n  def o = load \"${params.X}\"\n  load 'ci/common.groovy'\n}\nreturn this\n"),
      parsed('vars/deploy.groovy', 'def call() { sh "deploy" }\n'),
      parsed('vars/build.groovy', 'def call() { sh "make" }\n'),
      parsed('team/vars/build.groovy', 'def call() { sh "make team" }\n'),
      parsed('team/Jenkinsfile', 'node { build() }\n'),
      parsed('other/Jenkinsfile', 'node { deploy() }\n'),
    ];
    const eager = buildJenkinsIndex(files);
    const opened: string[] = [];
    const keyed = jenkinsIndexOfKeys(
      files.map((f) => ({ path: f.source.path, key: jenkinsIndexKey(f), parsed: () => (opened.push(f.source.path), f) })),
    );
    const handed: string[] = [];
    const watched = watchJenkinsIndex(keyed, (path) => handed.push(path));
    const paths = files.map((f) => f.source.path);
    const summary = (index: typeof eager) => ({
      files: paths.map((p) => index.file(p)?.path),
      steps: ['deploy', 'build', 'missing'].flatMap((name) => [undefined, ...paths].map((from) => index.libraryStep(name, from)?.path)),
      loads: files.flatMap((f) => (f.root?.loads ?? []).map((load) => index.loaded(f.source.path, load)?.path)),
      loaded: paths.map((p) => index.isLoaded(p)),
    });
    expect(opened).toEqual([]);
    expect(watched.isLoaded('ci/common.groovy')).toBe(true);
    expect(opened).toEqual([]);
    expect(summary(watched)).toEqual(summary(eager));
    expect(watched.libraryStep('build', 'team/Jenkinsfile')?.file).toBe(files[5]?.root);
    // Every file with a model was handed out (the queries above reach each), and parsed once however often.
    const present = paths.filter((p) => eager.file(p) !== undefined);
    expect(new Set(handed)).toEqual(new Set(present));
    expect(opened.sort()).toEqual([...present].sort());
    expect(jenkinsIndexKey(files[2] as ParsedFile<JenkinsFile>)).toBe('{"role":"script","loads":[null,"ci/common.groovy"]}');
  });
});
