import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PolicyLoadError } from '../problems.js';
import { tempTree } from '../test-support/temp-tree.js';
import { loadPlugin } from './load-plugin.js';

const examplePlugin = fileURLToPath(new URL('../../../../examples/plugin', import.meta.url));
const languages = ['terraform', 'kubernetes', 'github-actions', 'jenkins'];

const rule = (meta: Record<string, unknown> = {}) => `{
  meta: {
    id: 'acme/backups', language: 'terraform', type: 'problem', severity: 'error',
    docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
    messages: { short: 'too short' }, schema: [], defaultOptions: [], fixable: false,
    ...${JSON.stringify(meta)},
  },
  create: () => ({}),
}`;

/** A configuration directory with `plugins` installed under node_modules. */
function project(plugins: Record<string, { manifest?: object; files: Record<string, string> }>): string {
  const files: Record<string, string> = { '.nospof.yaml': 'plugins: []\n' };
  for (const [name, plugin] of Object.entries(plugins)) {
    files[`node_modules/${name}/package.json`] = JSON.stringify(plugin.manifest ?? { name, type: 'module', main: 'index.js' });
    for (const [path, text] of Object.entries(plugin.files)) files[`node_modules/${name}/${path}`] = text;
  }
  return tempTree(files);
}

async function problems(name: string, dir: string): Promise<string[]> {
  const error = await loadPlugin(name, dir, { languages }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolicyLoadError);
  return (error as PolicyLoadError).problems.map((p) => `${p.file}${p.policy ? ` ${p.policy}` : ''}: ${p.message}`);
}

describe('loading rule plugins', () => {
  it('loads the example plugin from the configuration directory, by full or short name', async () => {
    const dir = tempTree({ 'repo/.nospof.yaml': 'plugins: [acme]\n' });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(examplePlugin, join(dir, 'node_modules', 'nospof-plugin-acme'), 'dir');
    for (const name of ['nospof-plugin-acme', 'acme']) {
      const plugin = await loadPlugin(name, join(dir, 'repo'), { languages });
      expect(plugin).toMatchObject({ name: 'nospof-plugin-acme', prefix: 'acme', version: '1.0.0' });
      expect(plugin.rules.map((r) => r.meta.id)).toEqual(['acme/critical-priority-class']);
    }
  });

  it('resolves scoped names, ES-module-only exports and CommonJS plugins', async () => {
    const dir = project({
      '@acme/nospof-plugin-db': {
        manifest: { name: '@acme/nospof-plugin-db', type: 'module', exports: { '.': { import: './esm/index.js' } } },
        files: { 'esm/index.js': `export const rules = { backups: ${rule({ id: 'acme-db/backups' })} };` },
      },
      '@acme/nospof-plugin': {
        manifest: { name: '@acme/nospof-plugin', main: 'lib.cjs' },
        files: { 'lib.cjs': `module.exports = { rules: [${rule()}] };` },
      },
    });
    expect((await loadPlugin('@acme/nospof-plugin-db', dir, { languages })).rules[0]?.meta.id).toBe('acme-db/backups');
    expect((await loadPlugin('@acme', dir, { languages })).rules[0]?.meta.id).toBe('acme/backups');
  });

  it('says when a plugin is not installed or badly named', async () => {
    const dir = project({});
    expect(await problems('nospof-plugin-missing', dir)).toEqual([
      `nospof-plugin-missing: cannot find the package "nospof-plugin-missing" from ${dir}; install it next to the configuration (npm install --save-dev nospof-plugin-missing)`,
    ]);
    expect(await problems('../evil', dir)).toEqual(['../evil: plugin packages are named nospof-plugin-<name>, @<scope>/nospof-plugin or @<scope>/nospof-plugin-<name>']);
  });

  it('names the plugin when loading it fails or it exports no rules', async () => {
    const dir = project({
      'nospof-plugin-throws': { files: { 'index.js': 'throw new Error("boom");' } },
      'nospof-plugin-empty': { files: { 'index.js': 'export const helpers = {};' } },
      'nospof-plugin-none': { files: { 'index.js': 'export const rules = {};' } },
      'nospof-plugin-gone': { manifest: { name: 'nospof-plugin-gone', main: 'missing.js' }, files: {} },
    });
    expect(await problems('throws', dir)).toEqual(['nospof-plugin-throws: loading it failed: boom']);
    expect(await problems('empty', dir)).toEqual(['nospof-plugin-empty: it exports no `rules` (export { rules } or a default export { rules }, each made with defineRule)']);
    expect(await problems('none', dir)).toEqual(['nospof-plugin-none: its `rules` is empty']);
    expect((await problems('gone', dir))[0]).toMatch(/^nospof-plugin-gone: its entry point .*missing\.js does not exist$/);
  });

  it('checks every exported rule and names each problem', async () => {
    const dir = project({
      'nospof-plugin-acme': {
        files: {
          'index.js': `export default { rules: {
            backups: ${rule({ id: 'acme/other' })},
            wrong: ${rule({ id: 'acme/wrong', language: 'cobol', type: 'bug', severity: 'fatal', messages: {}, fixable: 'no', resourceTypes: [] })},
            types: ${rule({ id: 'acme/types', resourceTypes: 'aws_db_instance' })},
            typed: ${rule({ id: 'acme/typed', resourceTypes: ['aws_db_instance'] })},
            options: ${rule({ id: 'acme/options', schema: [{ type: 'object', properties: { min: { type: 'integer' } }, additionalProperties: false }], defaultOptions: [{ min: 'two' }] })},
            'not-a-rule': 42,
            'no-meta': { create() { return {}; } },
          } };`,
        },
      },
    });
    expect(await problems('acme', dir)).toEqual([
      'nospof-plugin-acme backups: meta.id is "acme/other"; a rule exported as "backups" must have the id "acme/backups"',
      'nospof-plugin-acme wrong: meta.language "cobol" is not a language nospof reads (terraform, kubernetes, github-actions, jenkins, repo)',
      'nospof-plugin-acme wrong: meta.type must be "problem" or "suggestion"',
      'nospof-plugin-acme wrong: meta.severity must be "error", "warning" or "info"',
      'nospof-plugin-acme wrong: meta.messages must map messageIds to messages',
      'nospof-plugin-acme wrong: meta.fixable must be true or false',
      'nospof-plugin-acme wrong: meta.resourceTypes, when given, must be a non-empty list of resource types (the rule judges no other)',
      'nospof-plugin-acme types: meta.resourceTypes, when given, must be a non-empty list of resource types (the rule judges no other)',
      'nospof-plugin-acme options: meta.defaultOptions do not match meta.schema: 1.min: must be integer',
      'nospof-plugin-acme not-a-rule: is not a rule (make it with defineRule({ meta, create }))',
      'nospof-plugin-acme no-meta: has no meta',
    ]);
  });

  it('refuses an options schema that is no JSON Schema, before any configuration is checked against it', async () => {
    const dir = project({
      'nospof-plugin-acme': {
        files: { 'index.js': `export const rules = { backups: ${rule({ schema: [{ type: 'integr' }, { type: 'object', minProperties: -1 }] })} };` },
      },
    });
    const found = await problems('acme', dir);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^nospof-plugin-acme backups: meta\.schema\[0\] is not a valid JSON Schema: \/type /);
    expect(found[1]).toMatch(/^nospof-plugin-acme backups: meta\.schema\[1\] is not a valid JSON Schema: \/minProperties must be >= 0/);
  });
});
