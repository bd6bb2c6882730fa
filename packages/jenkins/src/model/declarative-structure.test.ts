import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { parseJenkinsfile } from '../language.js';

function errorsOf(text: string, path = 'Jenkinsfile'): string[] {
  return parseJenkinsfile(new SourceFile(path, text)).errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`);
}

/** A valid pipeline with `stageBody` as its one stage's body and `extra` after `stages`. */
function pipeline(stageBody: string, extra = ''): string {
  return ['pipeline {', '  agent any', '  stages {', "    stage('Build') {", stageBody, '    }', '  }', extra, '}', ''].join('\n');
}

const full = readFileSync(fileURLToPath(new URL('../../fixtures/parser/declarative-full.groovy', import.meta.url)), 'utf8');

describe('declarative structure, as Jenkins validates it', () => {
  it('accepts a complete pipeline with every section, parallel stages, a matrix and nested stages', () => {
    expect(errorsOf(full)).toEqual([]);
  });

  it('reports a post written inside stages, at the post', () => {
    const text = ['pipeline {', '  agent any', '  stages {', "    stage('Build') { steps { sh 'make' } }", '    post {', "      failure { mail to: 'a@b.c', subject: 'x' }", '    }', '  }', '}', ''].join('\n');
    expect(errorsOf(text)).toEqual([
      "5:5 Only `stage` blocks are allowed inside `stages`; `post` belongs inside a `stage` or at the pipeline's top level",
    ]);
  });

  it('still builds the rest of the model when the post is misplaced', () => {
    const text = ['pipeline {', '  agent any', '  stages {', "    stage('Build') { steps { sh 'make' } }", '    post { failure { sh "x" } }', '  }', '}', ''].join('\n');
    const result = parseJenkinsfile(new SourceFile('Jenkinsfile', text));
    expect(result.root?.pipeline?.stages?.stages.map((s) => s.name.known && s.name.value)).toEqual(['Build']);
    expect(result.root?.pipeline?.post).toBeUndefined();
    expect(result.errors).toHaveLength(1);
  });

  it('reports steps and other sections written straight inside stages', () => {
    const text = ['pipeline {', '  agent any', '  stages {', "    steps { sh 'make' }", '    sh "x"', '  }', '}', ''].join('\n');
    expect(errorsOf(text)).toEqual([
      '4:5 Only `stage` blocks are allowed inside `stages`; `steps` belongs inside a `stage`',
      '5:5 Only `stage` blocks are allowed inside `stages`, not `sh`',
    ]);
  });

  it('reports a missing agent or stages at the pipeline', () => {
    expect(errorsOf("pipeline {\n  stages { stage('a') { steps { sh 'x' } } }\n}\n")).toEqual([
      '1:1 Missing required section `agent` in `pipeline` (`agent none` lets each stage choose its own)',
    ]);
    expect(errorsOf('pipeline {\n  agent any\n}\n')).toEqual(['1:1 Missing required section `stages` in `pipeline`']);
  });

  it('reports unknown sections at the pipeline and in a stage, with where they belong', () => {
    expect(errorsOf(pipeline("      steps { sh 'x' }", "  option { timestamps() }\n  when { branch 'main' }"))).toEqual([
      '8:3 Unknown section `option` in `pipeline`; Jenkins allows `agent`, `environment`, `libraries`, `options`, `parameters`, `post`, `stages`, `tools`, `triggers`',
      "9:3 Unknown section `when` in `pipeline`; `when` belongs inside a `stage`",
    ]);
    expect(errorsOf(pipeline("      steps { sh 'x' }\n      sh 'make'\n      parameters { string(name: 'A') }"))).toEqual([
      "6:7 Unknown section `sh` in stage 'Build'; steps belong inside `steps { }`; Jenkins allows `agent`, `environment`, `failFast`, `input`, `matrix`, `options`, `parallel`, `post`, `stages`, `steps`, `tools`, `when`",
      "7:7 Unknown section `parameters` in stage 'Build'; `parameters` belongs at the pipeline's top level",
    ]);
  });

  it('reports a stage with nothing to run, or with two things to run', () => {
    expect(errorsOf(pipeline("      agent { label 'x' }"))).toEqual([
      "4:5 No `steps`, `stages`, `parallel` or `matrix` in stage 'Build': Jenkins has nothing to run",
    ]);
    expect(errorsOf(pipeline("      steps { sh 'x' }\n      parallel { stage('a') { steps { sh 'a' } } }"))).toEqual([
      "6:7 Both `steps` and `parallel` in stage 'Build'; Jenkins allows only one of `steps`, `stages`, `parallel` or `matrix`",
    ]);
  });

  it('reports a repeated section and a section misplaced in post, never a post condition a plugin may add', () => {
    expect(errorsOf(pipeline("      steps { sh 'x' }", '  agent none'))).toEqual(['8:3 Section `agent` appears more than once in pipeline; Jenkins allows it once']);
    expect(errorsOf(pipeline("      steps { sh 'x' }", "  post { steps { sh 'x' }\n    notBuilt { sh 'y' } }"))).toEqual([
      '8:10 `steps` is not a post condition; `steps` belongs inside a `stage`, and `post` holds conditions such as `always`, `failure`, `success`',
    ]);
    expect(errorsOf(pipeline("      steps { sh 'x' }", "  post { failed { sh 'x' }\n    pluginCondition { sh 'y' } }"))).toEqual([]);
  });

  it('checks stages inside parallel, nested stages and a matrix', () => {
    const text = pipeline(
      [
        '      parallel {',
        "        stage('a') { steps { sh 'a' } }",
        "        steps { sh 'b' }",
        "        stage('b') { stages { stage('c') { echo 'c' } } }",
        '      }',
      ].join('\n'),
    );
    expect(errorsOf(text)).toEqual([
      '7:9 Only `stage` blocks are allowed inside `parallel`; `steps` belongs inside a `stage`',
      "8:44 Unknown section `echo` in stage 'c'; steps belong inside `steps { }`; Jenkins allows `agent`, `environment`, `failFast`, `input`, `matrix`, `options`, `parallel`, `post`, `stages`, `steps`, `tools`, `when`",
      "8:31 No `steps`, `stages`, `parallel` or `matrix` in stage 'c': Jenkins has nothing to run",
    ]);
  });

  it('judges nothing inside steps, script, options, environment or a matrix axis', () => {
    const body = [
      '      matrix {',
      "        axes { axis { name 'OS'; values 'linux', 'mac' } }",
      "        excludes { exclude { axis { name 'OS'; values 'mac' } } }",
      "        stages { stage('t') { steps { myLibraryStep flavour: 'x'\n script { def x = 1; if (x) { post() } } } } }",
      '      }',
    ].join('\n');
    expect(errorsOf(pipeline(body, "  options { myCustomOption() }\n  environment { A = 'b' }"))).toEqual([]);
  });

  it('leaves pipelines made by a library call, or a pipeline taking arguments, alone', () => {
    expect(errorsOf("myPipeline {\n  stages { post { } }\n}\n")).toEqual([]);
    expect(errorsOf("pipeline(config) {\n  stages { post { } }\n}\n")).toEqual([]);
    expect(errorsOf("node {\n  stage('a') { sh 'x' }\n}\n")).toEqual([]);
  });

  it('checks the pipeline a shared-library step declares', () => {
    const text = "def call(Map config) {\n  pipeline {\n    agent any\n    stages { stage('a') { sh 'x' } }\n  }\n}\n";
    expect(errorsOf(text, 'vars/standardBuild.groovy')).toEqual([
      "4:27 Unknown section `sh` in stage 'a'; steps belong inside `steps { }`; Jenkins allows `agent`, `environment`, `failFast`, `input`, `matrix`, `options`, `parallel`, `post`, `stages`, `steps`, `tools`, `when`",
      "4:14 No `steps`, `stages`, `parallel` or `matrix` in stage 'a': Jenkins has nothing to run",
    ]);
  });

  it('does not judge the structure after a syntax error that moves blocks: that error says where to look', () => {
    const extraBrace = ['pipeline {', '  agent any', '  stages {', "    stage('a') {", "      steps { sh 'x' }", '    }', '    }', '  }', '  post { always { sh "x" } }', '}', ''].join('\n');
    expect(errorsOf(extraBrace)).toEqual(["7:5 Unmatched '}'"]);
    const unclosedParen = pipeline("      steps { sh('x' }");
    expect(errorsOf(unclosedParen)).toEqual(["5:17 Unclosed '('"]);
  });

  it('still judges the structure after a missing comma, which moves nothing', () => {
    expect(errorsOf(pipeline("      sh script: 'x' returnStdout: true"))).toEqual([
      "5:22 Expected ',' between arguments",
      "5:7 Unknown section `sh` in stage 'Build'; steps belong inside `steps { }`; Jenkins allows `agent`, `environment`, `failFast`, `input`, `matrix`, `options`, `parallel`, `post`, `stages`, `steps`, `tools`, `when`",
      "4:5 No `steps`, `stages`, `parallel` or `matrix` in stage 'Build': Jenkins has nothing to run",
    ]);
  });
});
