import { describe, expect, it } from 'vitest';
import { SourceFile, type ParsedFile } from '@nospof/core';
import { terraformLanguage } from '../language.js';
import type { TerraformFile } from '../model/types.js';

function unitsOf(files: Record<string, string>): Record<string, string[]> {
  const parsed = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...terraformLanguage.parse(source), source, language: 'terraform' } as ParsedFile<TerraformFile>;
  });
  const units = terraformLanguage.units?.(parsed, {}) ?? [];
  return Object.fromEntries(units.map((u) => [u.id, [...u.files].sort()]));
}

const plan = (addresses: string[]) =>
  JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: { root_module: { resources: addresses.map((address) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], values: {} })) } },
  });

describe('Terraform deployment units', () => {
  it('a terragrunt.hcl joins the unit of the module it runs, by relative path, by path after a function, or beside it', () => {
    expect(
      unitsOf({
        'modules/db/main.tf': 'resource "x" "db" {}\n',
        'modules/cache/main.tf': 'resource "x" "cache" {}\n',
        'live/prod/db/terragrunt.hcl': 'terraform {\n  source = "../../../modules//db"\n}\n',
        'live/prod/cache/terragrunt.hcl': 'terraform {\n  source = "${get_repo_root()}/modules/cache"\n}\n',
        'live/dev/cache/terragrunt.hcl': 'terraform {\n  source = "git::https://example.com/acme/modules.git//cache?ref=v1"\n}\n',
        'stacks/edge/main.tf': 'resource "x" "edge" {}\n',
        'stacks/edge/terragrunt.hcl': 'inputs = {}\n',
        'modules/vpc/main.tf': 'resource "x" "vpc" {}\n',
        'live/prod/vpc/terragrunt.hcl': 'terraform {\n  source = "${path_relative_from_include()}/../modules//vpc"\n}\n',
      }),
    ).toEqual({
      'modules/cache': ['live/prod/cache/terragrunt.hcl', 'modules/cache/main.tf'],
      'modules/db': ['live/prod/db/terragrunt.hcl', 'modules/db/main.tf'],
      'modules/vpc': ['live/prod/vpc/terragrunt.hcl', 'modules/vpc/main.tf'],
      'stacks/edge': ['stacks/edge/main.tf', 'stacks/edge/terragrunt.hcl'],
    });
  });

  it('a module repository: each example is a root with the module and its submodules; the called root is not a unit of its own', () => {
    expect(
      unitsOf({
        'main.tf': 'module "part" {\n  source = "./modules/part"\n}\n',
        'variables.tf': 'variable "x" {}\n',
        'modules/part/main.tf': 'resource "x" "p" {}\n',
        'modules/unused/main.tf': 'resource "x" "u" {}\n',
        'examples/simple/main.tf': 'module "m" {\n  source = "../../"\n}\n',
        'examples/simple/terraform.tfvars': 'x = 1\n',
        'examples/complete/main.tf': 'module "m" {\n  source = "../.."\n}\n',
      }),
    ).toEqual({
      'examples/complete': ['examples/complete/main.tf', 'main.tf', 'modules/part/main.tf', 'variables.tf'],
      'examples/simple': ['examples/simple/main.tf', 'examples/simple/terraform.tfvars', 'main.tf', 'modules/part/main.tf', 'variables.tf'],
      // Nothing calls it: judged alone, with its variable defaults.
      'modules/unused': ['modules/unused/main.tf'],
    });
  });

  it('environments share modules; registry modules installed for a root join its unit; a plan joins its configuration', () => {
    const manifest = '{"Modules":[{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Dir":".terraform/modules/vpc"}]}';
    expect(
      unitsOf({
        'envs/prod/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
        'envs/prod/.terraform/modules/modules.json': manifest,
        'envs/prod/.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "this" {}\n',
        'envs/prod/plan.json': plan(['aws_x.unrelated', 'module.app.aws_db_instance.this']),
        'envs/dev/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\n',
        'modules/app/main.tf': 'resource "aws_db_instance" "this" {}\n',
        'other/plan.json': plan(['aws_s3_bucket.logs']),
      }),
    ).toEqual({
      'envs/dev': ['envs/dev/main.tf', 'modules/app/main.tf'],
      'envs/prod': ['envs/prod/.terraform/modules/modules.json', 'envs/prod/.terraform/modules/vpc/main.tf', 'envs/prod/main.tf', 'envs/prod/plan.json', 'modules/app/main.tf'],
    });
  });

  it('modules that only call each other still form a unit (judged, not lost)', () => {
    expect(unitsOf({ 'a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'b/main.tf': 'module "a" {\n  source = "../a"\n}\n' })).toEqual({ a: ['a/main.tf', 'b/main.tf'] });
  });

  it('keys each file by what the grouping reads: values may change, calls, sources, resources and kinds may not', () => {
    const key = (path: string, text: string) => {
      const source = new SourceFile(path, text);
      return terraformLanguage.unitKey?.({ ...terraformLanguage.parse(source), source, language: 'terraform' } as ParsedFile<TerraformFile>);
    };
    const base = key('envs/prod/main.tf', 'module "asg" {\n  source   = "../../modules/asg"\n  min_size = 3\n}\nresource "aws_instance" "a" {\n  ami = "x"\n}\n');
    expect(base).toBe('{"kind":"config","dir":"envs/prod","calls":[["asg","../../modules/asg"]],"resources":["aws_instance.a"]}');
    expect(key('envs/prod/main.tf', 'module "asg" {\n  min_size = 5\n  source   = "../../modules/asg"\n}\n# a comment\nresource "aws_instance" "a" {\n  ami = "y"\n}\n')).toBe(base);
    const changed = [
      'module "asg" {\n  source = "../../modules/asg2"\n}\nresource "aws_instance" "a" {}\n',
      'module "asg2" {\n  source = "../../modules/asg"\n}\nresource "aws_instance" "a" {}\n',
      'module "asg" {\n  source = "../../modules/${var.m}"\n}\nresource "aws_instance" "a" {}\n',
      'module "asg" {\n  source = "../../modules/asg"\n}\nresource "aws_instance" "b" {}\n',
    ];
    for (const text of changed) expect(key('envs/prod/main.tf', text), text).not.toBe(base);
    expect(key('envs/qa/main.tf', 'module "asg" {\n  source = "../../modules/asg"\n}\nresource "aws_instance" "a" {}\n')).not.toBe(base);
    expect(key('envs/prod/terraform.tfvars', 'min_size = 3\n')).toBe(key('envs/prod/terraform.tfvars', 'min_size = 9\n'));
    expect(key('plan.json', plan(['aws_instance.a']))).not.toBe(key('plan.json', plan(['aws_instance.b'])));
  });
});
