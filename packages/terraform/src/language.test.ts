import { describe, expect, it } from 'vitest';
import { defineRule, Linter, SourceFile, type ResolvedConfig } from '@nospof/core';
import { hcl } from '@nospof/core/testing';
import { terraformLanguage } from './language.js';
import type { TerraformIndex } from './project/terraform-index.js';
import type { PlanResource, Resource } from './model/types.js';

/** A probe rule reporting every instance whose `flag` attribute is known false, with module related/anchors. */
const probe = defineRule({
  meta: {
    id: 'terraform/probe',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: { description: 'probe', rationale: 'probe', remediation: 'probe', compliance: [], preset: 'recommended' },
    messages: { off: '{{address}} has flag off' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      Resource(node: Resource | PlanResource) {
        const index = context.project.index<TerraformIndex>('terraform');
        for (const instance of index?.instancesOf(node, context.settings).instances ?? []) {
          const flag = instance.attr('flag');
          if (!flag?.known || flag.value !== false) continue;
          context.report({
            file: flag.file ?? instance.file,
            resource: instance.address,
            node: flag.range ? { range: flag.range } : instance,
            messageId: 'off',
            data: { address: instance.address },
            related: instance.callChain.map((s) => ({ node: s.call.block, file: s.call.file, message: 'call' })),
            suppressibleAt: instance.callChain.map((s) => ({ file: s.call.file, node: s.call.block })),
          });
        }
      },
    };
  },
});

function lint(files: Record<string, string>, settings: Record<string, unknown> = {}) {
  const config: ResolvedConfig = { rules: new Map([['terraform/probe', { severity: 'error', options: [] }]]), disabled: new Set(), settings };
  const run = new Linter([terraformLanguage], [probe]).lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: () => config });
  return run.results.flatMap((r) => r.findings.filter((f) => f.ruleId === 'terraform/probe').map((f) => ({ file: f.file, line: f.range.start.line, message: f.message, suppressed: f.suppressed !== undefined, related: f.related?.length ?? 0 })));
}

const plan = (resources: object[]) => JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0', planned_values: { root_module: { resources } } }, null, 2);

describe('terraformLanguage', () => {
  it('claims Terraform files and sniffs plan JSON', () => {
    expect(terraformLanguage.matches('main.tf', '')).toBe(true);
    expect(terraformLanguage.matches('main.tf.json', '')).toBe(true);
    expect(terraformLanguage.matches('env/prod.tfvars', '')).toBe(true);
    expect(terraformLanguage.matches('x.auto.tfvars.json', '')).toBe(true);
    expect(terraformLanguage.matches('.terraform/modules/modules.json', '')).toBe(true);
    expect(terraformLanguage.matches('tfplan.json', '{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{}}')).toBe(true);
    expect(terraformLanguage.matches('package.json', '{"name":"x"}')).toBe(false);
  });

  it('claims terragrunt.hcl for context only: a Terragrunt file that is a template reports no syntax error', () => {
    expect(terraformLanguage.matches('live/prod/db/terragrunt.hcl', '')).toBe(true);
    expect(terraformLanguage.matches('packer/build.pkr.hcl', '')).toBe(false);
    const template = new SourceFile('.boilerplate/terragrunt.hcl', 'inputs = {\n  {{ range .vars }}\n  {{ .Name }} = {{ .Default }}\n  {{ end }}\n}\n');
    const parsed = terraformLanguage.parse(template);
    expect(parsed.errors).toEqual([]);
    expect(parsed.root?.kind).toBe('terragrunt');
    expect(parsed.root?.blocks).toEqual([]);
  });

  it('scopes a comment above a resource or module block to the whole block', () => {
    const source = new SourceFile('main.tf', 'resource "x" "a" {\n  v = 1\n}\nmodule "m" {\n  source = "./m"\n}\n');
    const parsed = { ...terraformLanguage.parse(source), source, language: 'terraform' };
    expect(terraformLanguage.scopeAt?.(parsed, 1)?.end.line).toBe(3);
    expect(terraformLanguage.scopeAt?.(parsed, 4)?.end.line).toBe(6);
    expect(terraformLanguage.scopeAt?.(parsed, 2)).toBeUndefined();
  });

  it('reports inside a module once per call, with the call as related location', () => {
    const findings = lint({
      'main.tf': 'module "a" {\n  source = "./mod"\n  flag   = false\n}\nmodule "b" {\n  source = "./mod"\n  flag   = true\n}\n',
      'mod/main.tf': 'variable "flag" {}\nresource "x" "this" {\n  flag = var.flag\n}\n',
    });
    expect(findings).toEqual([{ file: 'mod/main.tf', line: 3, message: 'module.a.x.this has flag off', suppressed: false, related: 1 }]);
  });

  it('lets a suppression on the module block silence findings inside the module for that call', () => {
    const findings = lint({
      'main.tf': '# nospof-ignore terraform/probe -- sandbox\nmodule "a" {\n  source = "./mod"\n  flag   = false\n}\nmodule "b" {\n  source = "./mod"\n  flag   = false\n}\n',
      'mod/main.tf': 'variable "flag" {}\nresource "x" "this" {\n  flag = var.flag\n}\n',
    });
    expect(findings.map((f) => [f.message, f.suppressed])).toEqual([
      ['module.a.x.this has flag off', true],
      ['module.b.x.this has flag off', false],
    ]);
  });

  it('follows registry modules installed by terraform init (modules.json)', () => {
    const findings = lint({
      'main.tf': 'module "db" {\n  source  = "acme/db/aws"\n  version = "1.0.0"\n  flag    = false\n}\n',
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'db', Source: 'registry.terraform.io/acme/db/aws', Dir: '.terraform/modules/db' }] }),
      '.terraform/modules/db/main.tf': 'variable "flag" {}\nresource "x" "this" {\n  flag = var.flag\n}\n',
    });
    expect(findings.map((f) => [f.file, f.message])).toEqual([['.terraform/modules/db/main.tf', 'module.db.x.this has flag off']]);
  });

  it('applies --var-file and --var settings', () => {
    const files = { 'main.tf': 'variable "flag" {\n  type    = bool\n  default = true\n}\nresource "x" "a" {\n  flag = var.flag\n}\n' };
    expect(lint(files)).toEqual([]);
    expect(lint(files, { terraform: { varFiles: [{ path: 'prod.tfvars', text: 'flag = false\n' }] } })).toHaveLength(1);
    expect(lint(files, { terraform: { vars: { flag: 'false' } } })).toHaveLength(1);
    expect(lint(files, { terraform: { varFiles: [{ path: 'prod.tfvars.json', text: '{"flag": false}' }] } })).toHaveLength(1);
  });

  it('reads .tf.json configuration', () => {
    const findings = lint({ 'main.tf.json': JSON.stringify({ resource: { x: { a: { flag: false } } } }, null, 2) });
    expect(findings.map((f) => [f.file, f.message])).toEqual([['main.tf.json', 'x.a has flag off']]);
  });

  it('lints plan-only resources at their address in the plan', () => {
    const text = plan([{ address: 'x.a', mode: 'managed', type: 'x', name: 'a', values: { flag: false } }]);
    const findings = lint({ 'tfplan.json': text });
    expect(findings).toEqual([{ file: 'tfplan.json', line: text.split('\n').findIndex((l) => l.includes('"address"')) + 1, message: 'x.a has flag off', suppressed: false, related: 0 }]);
  });

  it('maps plan values back to the configuration block when it is scanned', () => {
    const findings = lint({
      'main.tf': hcl`
        resource "x" "a" {
          count = 1
          flag  = data.y.z.value
        }
      `,
      'tfplan.json': plan([{ address: 'x.a[0]', mode: 'managed', type: 'x', name: 'a', index: 0, values: { flag: false } }]),
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['main.tf', 3]]);
  });

  it('maps plan values of module resources back to the module block, per call', () => {
    const findings = lint({
      'main.tf': 'module "a" {\n  source = "./mod"\n}\nmodule "b" {\n  source = "./mod"\n}\n',
      'mod/main.tf': 'resource "x" "this" {\n  flag = data.y.z.flag\n}\n',
      'tfplan.json': JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.9.0',
        planned_values: {
          root_module: {
            child_modules: [
              { address: 'module.a', resources: [{ address: 'module.a.x.this', mode: 'managed', type: 'x', name: 'this', values: { flag: true } }] },
              { address: 'module.b', resources: [{ address: 'module.b.x.this', mode: 'managed', type: 'x', name: 'this', values: { flag: false } }] },
            ],
          },
        },
      }),
    });
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([['mod/main.tf', 2, 'module.b.x.this has flag off']]);
  });

  it('never crashes on self-references, unknown functions or bad input', () => {
    const findings = lint({
      'main.tf': hcl`
        locals {
          a = local.b
          b = local.a
          c = sha256("x")
        }
        resource "x" "a" {
          flag = local.a
          n    = local.c
        }
        resource "x" "b" {
          flag = x.b.flag
        }
      `,
      'broken.tf': 'resource "x" "c" {\n  flag = (((\n',
    });
    expect(findings).toEqual([]);
  });
});
