import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groovyOf } from '../testing/parse.js';
import type * as A from './ast.js';
import { maxNestingDepth } from './parser.js';

const fixtureDir = fileURLToPath(new URL('../../fixtures/parser/', import.meta.url));

function first(text: string): A.Statement {
  const result = groovyOf(text);
  expect(result.errors).toEqual([]);
  return result.program.body[0] as A.Statement;
}

function call(text: string): A.MethodCall {
  const s = first(text);
  if (s.type !== 'ExpressionStatement' || s.expression.type !== 'MethodCall') throw new Error(`not a call: ${s.type}`);
  return s.expression;
}

function errorsOf(text: string): string[] {
  return groovyOf(text).errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`);
}

describe('groovy parser', () => {
  describe('fixtures', () => {
    for (const name of readdirSync(fixtureDir)) {
      it(`parses ${name} without errors`, () => {
        const result = groovyOf(readFileSync(fixtureDir + name, 'utf8'));
        expect(result.errors).toEqual([]);
      });
    }
  });

  it('reads a command expression with positional and named arguments', () => {
    const c = call("sh label: 'build', script: 'make all'");
    expect(c).toMatchObject({ name: 'sh', parens: false, args: [] });
    expect(c.namedArgs.map((e) => e.keyName)).toEqual(['label', 'script']);
  });

  it('reads a call with parentheses and a trailing closure', () => {
    const c = call("stage('Build') {\n  echo 'x'\n}");
    expect(c.args[0]).toMatchObject({ type: 'StringLiteral', value: 'Build' });
    expect(c.closure?.body).toHaveLength(1);
  });

  it('reads named arguments mixed with a closure: timeout(time: 5, unit: "MINUTES") { }', () => {
    const c = call("timeout(time: 5, unit: 'MINUTES') { input 'ok?' }");
    expect(c.namedArgs.map((e) => e.keyName)).toEqual(['time', 'unit']);
    const inner = c.closure?.body[0];
    expect(inner?.type === 'ExpressionStatement' && inner.expression.type === 'MethodCall' && inner.expression.name).toBe('input');
  });

  it('reads a bare word argument: agent any', () => {
    expect(call('agent any').args[0]).toMatchObject({ type: 'Identifier', name: 'any' });
  });

  it('reads a command chain: name "A" values "x", "y"', () => {
    const c = call("name 'A' values 'x', 'y'");
    expect(c.name).toBe('values');
    expect(c.object).toMatchObject({ type: 'MethodCall', name: 'name' });
    expect(c.args).toHaveLength(2);
  });

  it('reads a command on the right of a declaration', () => {
    const s = first("def out = sh script: 'git rev-parse HEAD', returnStdout: true");
    expect(s.type).toBe('VariableDeclaration');
    if (s.type !== 'VariableDeclaration') return;
    expect(s.declarators[0]?.init).toMatchObject({ type: 'MethodCall', name: 'sh', parens: false });
  });

  it('tells typed declarations from command expressions', () => {
    expect(first("String name = 'x'").type).toBe('VariableDeclaration');
    expect(first('Map<String, List<String>> m = [:]').type).toBe('VariableDeclaration');
    expect(first('agent none').type).toBe('ExpressionStatement');
    expect(first('label "linux"').type).toBe('ExpressionStatement');
  });

  it('reads method definitions with defaults and annotations', () => {
    const s = first('@NonCPS\ndef call(Map config = [:], String name) {\n  echo name\n}');
    expect(s).toMatchObject({ type: 'MethodDeclaration', name: 'call', params: ['config', 'name'] });
    if (s.type === 'MethodDeclaration') expect(s.annotations[0]?.name).toBe('NonCPS');
  });

  it('reads maps, empty maps and lists', () => {
    const s = first("def x = [a: 1, 'b': [2, 3], (k): [:], default: []]");
    if (s.type !== 'VariableDeclaration') throw new Error('not a declaration');
    const map = s.declarators[0]?.init;
    expect(map?.type).toBe('MapExpression');
    if (map?.type !== 'MapExpression') return;
    expect(map.entries.map((e) => e.keyName)).toEqual(['a', 'b', undefined, 'default']);
    expect(map.entries[2]?.value.type).toBe('MapExpression');
    expect(map.entries[1]?.value.type).toBe('ListExpression');
  });

  it('reads closure parameters', () => {
    const s = first('[1].each { a, int b = 2 -> echo a }');
    if (s.type !== 'ExpressionStatement' || s.expression.type !== 'MethodCall') throw new Error('not a call');
    expect(s.expression.closure?.params).toEqual(['a', 'b']);
  });

  it('reads if/else if/else, try/catch/finally and loops', () => {
    const ifs = first("if (a) { x() } else if (b) y() else { z() }");
    expect(ifs).toMatchObject({ type: 'IfStatement', alternate: { type: 'IfStatement' } });
    const t = first('try { a() } catch (IOException | RuntimeException e) { b() } catch (err) { c() } finally { d() }');
    expect(t).toMatchObject({ type: 'TryStatement', catches: [{ param: 'e', types: ['IOException', 'RuntimeException'] }, { param: 'err' }] });
    expect(first('for (def x in xs) { echo x }')).toMatchObject({ type: 'LoopStatement', kind: 'for' });
    expect(first('while (i < 3) { i++ }')).toMatchObject({ type: 'LoopStatement', kind: 'while' });
  });

  it('reads @Library in both forms', () => {
    expect(first("@Library('lib@1.0') _")).toMatchObject({ type: 'LibraryStatement', libraries: [{ value: 'lib@1.0' }] });
    expect(first("@Library(['a', 'b']) import org.x.Y")).toMatchObject({ type: 'LibraryStatement', libraries: [{ value: 'a' }, { value: 'b' }] });
    expect(first("@Library(value = 'c', changelog = false) _")).toMatchObject({ libraries: [{ value: 'c' }] });
  });

  it('chains property access and calls: docker.image("x").inside { }', () => {
    const c = call("docker.image('node:20').inside('-u root') { sh 'npm ci' }");
    expect(c.name).toBe('inside');
    expect(c.object).toMatchObject({ type: 'MethodCall', name: 'image' });
    expect(c.closure?.body).toHaveLength(1);
  });

  it('continues a method chain on the next line after a leading dot', () => {
    const s = first("def v = sh(script: 'x', returnStdout: true)\n    .trim()");
    if (s.type !== 'VariableDeclaration') throw new Error('not a declaration');
    expect(s.declarators[0]?.init).toMatchObject({ type: 'MethodCall', name: 'trim' });
  });

  it('attaches a block on the next line to the call before it', () => {
    const c = call("pipeline\n{\n  agent any\n}");
    expect(c.closure?.body).toHaveLength(1);
  });

  it('gives nodes exact 1-based positions', () => {
    const c = call("\n  stage('Deploy') {\n    sh 'x'\n  }");
    expect(c.nameRange.start).toMatchObject({ line: 2, column: 3 });
    expect(c.range.end).toMatchObject({ line: 4, column: 4 });
    expect(c.args[0]?.range.start).toMatchObject({ line: 2, column: 9 });
  });

  describe('missing commas, which the Groovy compiler rejects', () => {
    it('reports a named argument written after another without a comma, at the second one', () => {
      expect(errorsOf("mail to: 'a@b.c', subject: 'failed' body: 'x'")).toEqual(["1:37 Expected ',' between arguments"]);
      expect(errorsOf("sh 'make' returnStdout: true")).toEqual(["1:11 Expected ',' between arguments"]);
      expect(errorsOf("timeout(time: 5 unit: 'MINUTES') { sh 'x' }")).toEqual(["1:17 Expected ',' between arguments"]);
      expect(errorsOf("string(name: 'X'\n       defaultValue: 'y', description: 'z')")).toEqual(["2:8 Expected ',' between arguments"]);
      expect(errorsOf('foo(1 2)')).toEqual(["1:7 Expected ',' between arguments"]);
    });

    it('reports list items and map entries without a comma', () => {
      expect(errorsOf('def x = [1 2]')).toEqual(["1:12 Expected ',' between list items"]);
      expect(errorsOf("def x = ['a'\n  'b']")).toEqual(["2:3 Expected ',' between list items"]);
      expect(errorsOf("def m = [a: 1 b: 2]")).toEqual(["1:15 Expected ',' between map entries"]);
      expect(errorsOf("def m = [a: 1, b: 2 'c': 3]")).toEqual(["1:21 Expected ',' between map entries"]);
    });

    it('keeps reading after the missing comma, so the arguments stay in the tree', () => {
      const result = groovyOf("mail to: 'a', subject: 'failed' body: 'x'\necho 'after'");
      expect(result.errors).toHaveLength(1);
      const mail = result.program.body[0];
      if (mail?.type !== 'ExpressionStatement' || mail.expression.type !== 'MethodCall') throw new Error('not a call');
      expect(mail.expression.namedArgs.map((e) => e.keyName)).toEqual(['to', 'subject', 'body']);
      expect(result.program.body).toHaveLength(2);
      const timeout = call("timeout(time: 5, unit: 'MINUTES') { sh 'x' }");
      expect(timeout.namedArgs).toHaveLength(2);
      const broken = groovyOf("timeout(time: 5 unit: 'MINUTES') { sh 'x' }").program.body[0];
      if (broken?.type !== 'ExpressionStatement' || broken.expression.type !== 'MethodCall') throw new Error('not a call');
      expect(broken.expression.namedArgs.map((e) => e.keyName)).toEqual(['time', 'unit']);
      expect(broken.expression.closure?.body).toHaveLength(1);
    });

    it('still accepts command chains, closures after calls, interpolation, declarations and keywords', () => {
      const accepted = [
        "sh 'x'",
        'echo "a" + b',
        "echo \"${env.A} and $B\"",
        "timeout(time: 5) { sh 'x' }",
        "timeout(time: 5, unit: 'MINUTES') {\n  sh 'x'\n}",
        'a b c d',
        "name 'A' values 'x', 'y'",
        "check that: margarita tastes good",
        "foo a: 1 bar b: 2",
        "def x = y",
        "def out = sh script: 'x', returnStdout: true",
        "def v = ready ? 'a' : 'b'",
        "echo x ?: 'none'",
        "return [a: 1, b: [2, 3]]",
        "sh 'x'\nlabel: for (a in b) { break label }",
        "switch (x) {\n  case 'a': echo 'a'; break\n  default: echo 'b'\n}",
        "assert x : 'message'",
        "foo(x as String, y in z)",
        "def m = [(k): v, \"${k}\": v, 1: 'one']",
        "[1, 2].each { n -> echo \"$n\" }",
        "parallel a: { sh 'a' }, b: { sh 'b' }",
        "git url: 'x',\n    branch: 'main'",
      ];
      for (const text of accepted) expect(errorsOf(text), text).toEqual([]);
    });
  });

  describe('tolerance', () => {
    it('keeps what it does not understand as opaque and still parses the braces inside', () => {
      const result = groovyOf("x = 1 2 3 { node('a') { sh 'y' } }");
      const opaque = result.program.body.find((s) => s.type === 'Opaque');
      expect(opaque?.type).toBe('Opaque');
      if (opaque?.type !== 'Opaque') return;
      expect(opaque.children[0]).toMatchObject({ type: 'ExpressionStatement', expression: { name: 'node' } });
    });

    it('reports a missing closing brace at the block whose brace is missing', () => {
      const text = ['pipeline {', '  stages {', "    stage('a') {", "      steps { sh 'x'", '    }', '  }', '}', ''].join('\n');
      expect(errorsOf(text)).toEqual(["4:13 Missing '}' for this '{'"]);
    });

    it('reports an extra closing brace where it is', () => {
      expect(errorsOf("node {\n  sh 'x'\n}\n}\n")).toEqual(["4:1 Unmatched '}'"]);
    });

    it('reports an extra closing brace on the line that holds it, not at the end of the file', () => {
      const text = ['pipeline {', '    stages {', "        stage('a') {", "            steps { sh 'x' }", '        }', '        }', '    }', '}', ''].join('\n');
      expect(errorsOf(text)).toEqual(["6:9 Unmatched '}'"]);
    });

    it('reads multi-line ternaries and map spreads', () => {
      expect(errorsOf("def v = ready\n    ? 'go'\n    : 'wait'\nfoo(*: defaults, b: 2)\n")).toEqual([]);
    });

    it('reads class and enum declarations in a Jenkinsfile', () => {
      expect(errorsOf("class Holder {\n    String field\n}\nenum Mode { DEBUG, RELEASE }\npipeline { agent none }\n")).toEqual([]);
    });

    it('reads constructors whose parameters have qualified, generic and array types', () => {
      const text = [
        'class Deployer implements Serializable {',
        '    Deployer(hudson.model.Run run, org.jenkinsci.plugins.workflow.cps.CpsScript script) { this.run = run }',
        '    Deployer(Config.Target target) { this.target = target }',
        '    Deployer(final java.util.Map<String, List<String>> hosts, String[] names, int retries = 2) { }',
        '}',
        '',
      ].join('\n');
      expect(errorsOf(text)).toEqual([]);
    });

    it('reads a list whose first element is a constructor call continued on the next line', () => {
      const text = [
        'def params = [new StringParameterValue(',
        "        'VERSION', version),",
        '    new BooleanParameterValue',
        "        ('DRY_RUN', true)]",
        "build job: 'release', parameters: [new hudson.model.StringParameterValue",
        "    ('A', 'b')]",
        '',
      ].join('\n');
      expect(errorsOf(text)).toEqual([]);
    });

    it('still reads `new X` ending a line outside brackets as a complete expression', () => {
      const result = groovyOf('def x = new Object()\ndef y = new Config\n(1 + 2).toString()\n');
      expect(result.errors).toEqual([]);
      expect(result.program.body).toHaveLength(3);
    });

    it('reports an unclosed parenthesis at the parenthesis', () => {
      expect(errorsOf("node {\n  sh('x'\n}\n")).toContain("2:5 Unclosed '('");
    });

    it('recovers after an unterminated string and still sees later steps', () => {
      const result = groovyOf("node {\n  sh 'broken\n  echo 'after'\n}\n");
      expect(result.errors.map((e) => e.message)).toEqual(['Unterminated string']);
      const node = result.program.body[0];
      if (node?.type !== 'ExpressionStatement' || node.expression.type !== 'MethodCall') throw new Error('no node');
      expect(node.expression.closure?.body).toHaveLength(2);
    });

    it('stops descending past the nesting limit without overflowing the stack', () => {
      const depth = 5000;
      const text = `${'node { '.repeat(depth)}sh 'x'${' }'.repeat(depth)}`;
      const result = groovyOf(text);
      expect(result.errors.map((e) => e.message)).toEqual([`Nesting deeper than ${maxNestingDepth} levels is not analysed`]);
    });

    it('survives deeply nested expressions', () => {
      const text = `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\ny = ${'!'.repeat(3000)}true\nz = ${'['.repeat(3000)}${']'.repeat(3000)}`;
      expect(() => groovyOf(text)).not.toThrow();
    });
  });
});
