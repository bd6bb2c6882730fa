// Jenkins: the Groovy parser alone (MB/s) and parse + model (+ every Jenkins rule when the rules are
// built) per file, on a generated, deterministic set of declarative and scripted pipelines; and the
// rules on a repository whose pipelines call helpers, a loaded script and a shared library (followed).
// Target: >= 20 MB/s for the parser; npm-groovy-lint needs about 450 ms per real pipeline here.
import { existsSync } from 'node:fs';
import { SourceFile } from '../packages/core/dist/index.js';
import { jenkinsLanguage, parseGroovy } from '../packages/jenkins/dist/index.js';
import { median, mb, seeded } from './util.mjs';

const groovyLintMsPerFile = 450;

function declarative(random, i) {
  const stages = [];
  const count = 3 + Math.floor(random() * 6);
  for (let s = 0; s < count; s++) {
    const agent = random() < 0.3 ? `agent { docker { image 'maven:3.9'; label 'linux' } }` : random() < 0.5 ? `agent { label 'linux && docker' }` : '';
    stages.push(`        stage('Stage ${s} of ${i}') {
            ${agent}
            when { branch 'main' }
            options { timeout(time: ${10 + s}, unit: 'MINUTES') }
            steps {
                sh "mvn -B -pl module-${s} verify -Dbuild=\${env.BUILD_NUMBER}"
                script {
                    def result = sh(script: 'git rev-parse HEAD', returnStdout: true).trim()
                    if (result.startsWith('a')) {
                        echo "commit \${result}"
                    } else {
                        retry(2) { sh './flaky-test.sh' }
                    }
                }
                junit testResults: '**/target/surefire-reports/*.xml', allowEmptyResults: true
            }
        }`);
  }
  return `@Library('ci-helpers@v${i % 5}') _
// generated pipeline ${i}
pipeline {
    agent none
    options {
        timeout(time: 2, unit: 'HOURS')
        buildDiscarder(logRotator(numToKeepStr: '30'))
    }
    environment {
        IMAGE = "registry.example.com/app-${i}:\${env.BUILD_NUMBER}"
    }
    stages {
${stages.join('\n')}
        stage('Parallel ${i}') {
            parallel {
                stage('a') { agent { label 'linux' } steps { sh 'make a' } }
                stage('b') { agent { label 'windows' } steps { bat 'make b' } }
            }
        }
    }
    post {
        failure {
            slackSend channel: '#ci', message: "Failed: \${env.BUILD_URL}"
            mail to: 'team@example.com', subject: 'Failed', body: """
                Build \${env.BUILD_NUMBER} failed.
                See \${env.BUILD_URL}
            """
        }
        always { cleanWs() }
    }
}
`;
}

function scripted(random, i) {
  const stages = [];
  const count = 3 + Math.floor(random() * 5);
  for (let s = 0; s < count; s++) {
    stages.push(`            stage('step ${s}') {
                def items = [${s}, ${s + 1}, ${s + 2}]
                for (int k = 0; k < items.size(); k++) {
                    sh "./run.sh --item \${items[k]} --flag=${random() < 0.5 ? 'on' : 'off'}"
                }
                parallel(
                    unit: { node('linux') { sh 'make unit' } },
                    lint: { node('linux') { sh 'make lint' } },
                )
            }`);
  }
  return `// generated scripted pipeline ${i}
properties([disableConcurrentBuilds()])
def notify(String text) {
    emailext to: 'ops@example.com', subject: 'Failure', body: text
}
timeout(time: 1, unit: 'HOURS') {
    node('linux && docker') {
        try {
${stages.join('\n')}
        } catch (err) {
            notify("\${err}")
            throw err
        } finally {
            deleteDir()
        }
    }
}
`;
}

/** A shared library in the same repository: every helper pipeline below calls into it. */
function library() {
  return [
    {
      path: 'vars/onAgent.groovy',
      text: `def call(String label, Closure body) {
    timeout(time: 1, unit: 'HOURS') {
        retry(count: 2, conditions: [agent()]) {
            node(label) {
                try {
                    body()
                } catch (err) {
                    notifyTeam("\${env.JOB_NAME} failed: \${err}")
                    throw err
                }
            }
        }
    }
}
`,
    },
    { path: 'vars/notifyTeam.groovy', text: "def call(String text) {\n    slackSend channel: '#ci', color: 'danger', message: text\n    mail to: 'ci@example.com', subject: 'CI failure', body: text\n}\n" },
    { path: 'ci/steps.groovy', text: "def test(String module) {\n    sh \"./gradlew :${module}:test\"\n    junit \"${module}/build/test-results/**/*.xml\"\n}\nreturn this\n" },
  ];
}

/** A scripted pipeline built from local helpers, a loaded script and the library: the calls are followed. */
function helpers(random, i) {
  const modules = Array.from({ length: 3 + Math.floor(random() * 5) }, (_, m) => `module-${i}-${m}`);
  return `// generated pipeline ${i} with helpers
def ci
def branches = [:]
def build(String module) {
    stage("build \${module}") { sh "./gradlew :\${module}:build" }
}
${modules.map((m) => `branches['${m}'] = { onAgent('linux') { build('${m}'); ci.test('${m}') } }`).join('\n')}
onAgent('linux') {
    checkout scm
    ci = load 'ci/steps.groovy'
}
timeout(time: 2, unit: 'HOURS') {
    parallel branches
}
`;
}

/** Pipelines of one repository that share a library and loaded scripts (one unit). */
export function libraryCorpus(files = 200) {
  const random = seeded(20260215);
  const out = library();
  for (let i = 0; i < files; i++) out.push({ path: `jobs/job-${i}/Jenkinsfile`, text: helpers(random, i) });
  return out;
}

export function corpus(files = 400) {
  const random = seeded(20260124);
  const out = [];
  for (let i = 0; i < files; i++) {
    out.push({ path: `jobs/job-${i}/Jenkinsfile`, text: i % 3 === 2 ? scripted(random, i) : declarative(random, i) });
  }
  return out;
}

async function rulesLinter() {
  const rulesDist = new URL('../rules/dist/jenkins/index.js', import.meta.url);
  if (!existsSync(rulesDist)) return undefined;
  const { Linter } = await import('../packages/core/dist/index.js');
  const { jenkinsRules } = await import(rulesDist.href);
  const linter = new Linter([jenkinsLanguage], jenkinsRules);
  const config = {
    rules: new Map(jenkinsRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions }])),
    disabled: new Set(),
    settings: {},
  };
  return (files) => linter.lint({ files, configFor: () => config });
}

/** Best-of-runs CPU time of this process: steadier than wall time on a machine shared with other work. */
function cpuMs(fn, runs = 7) {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

export async function run() {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const sources = files.map((f) => new SourceFile(f.path, f.text));
  const parseAll = () => {
    for (const s of sources) parseGroovy(new SourceFile(s.path, s.text));
  };
  const parseMs = median(parseAll, 7);
  const parseCpuMs = cpuMs(parseAll);
  const modelMs = median(() => {
    for (const s of sources) jenkinsLanguage.parse(new SourceFile(s.path, s.text));
  });
  const lint = await rulesLinter();
  const lintMs = lint ? median(() => lint(files), 3) : undefined;
  const perFileLint = lintMs === undefined ? undefined : lintMs / files.length;
  const withLibrary = libraryCorpus();
  const libraryMs = lint ? median(() => lint(withLibrary), 3) : undefined;
  return {
    files: files.length,
    megabytes: Number(mb(bytes).toFixed(2)),
    parserMBps: Number((mb(bytes) / (parseMs / 1000)).toFixed(1)),
    parserCpuMBps: Number((mb(bytes) / (parseCpuMs / 1000)).toFixed(1)),
    parseAndModelMsPerFile: Number((modelMs / files.length).toFixed(3)),
    lintMsPerFile: perFileLint === undefined ? null : Number(perFileLint.toFixed(3)),
    speedupVsGroovyLint: perFileLint === undefined ? null : Math.round(groovyLintMsPerFile / perFileLint),
    libraryFiles: withLibrary.length,
    libraryLintMsPerFile: libraryMs === undefined ? null : Number((libraryMs / withLibrary.length).toFixed(3)),
  };
}

export function report(r) {
  const lint = r.lintMsPerFile === null ? 'rules not built' : `${r.lintMsPerFile} ms/file with every Jenkins rule (${r.speedupVsGroovyLint}x faster than npm-groovy-lint's ~${groovyLintMsPerFile} ms)`;
  return [
    `jenkins: ${r.files} generated pipelines, ${r.megabytes} MB`,
    `  parser       ${r.parserMBps} MB/s wall, ${r.parserCpuMBps} MB/s CPU (target >= 20)`,
    `  parse+model  ${r.parseAndModelMsPerFile} ms/file`,
    `  lint         ${lint}`,
    `  following    ${r.libraryLintMsPerFile === null ? 'rules not built' : `${r.libraryLintMsPerFile} ms/file for ${r.libraryFiles} scripted pipelines calling helpers, a loaded script and a shared library of the same run`}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(await run()));
