import { describe, expect, it } from 'vitest';
import { hcl } from '@nospof/core/testing';
import { projectOf, noSettings } from '../project/test-project.js';

function read(files: Record<string, string>, path: string, address: string, attr: string): unknown[] {
  const p = projectOf(files);
  return p.index.instancesOf(p.resource(path, address), noSettings).instances.map((i) => {
    const v = i.attr(attr);
    return v === undefined ? 'absent' : v.known ? v.value : 'unknown';
  });
}

function evaluate(expr: string, prelude = '', files: Record<string, string> = {}): unknown {
  return read({ ...files, 'main.tf': `${prelude}\nresource "x" "a" {\n  v = ${expr}\n}\n` }, 'main.tf', 'x.a', 'v')[0];
}

describe('partial knowledge: unknown is per value', () => {
  const azs = 'data "aws_availability_zones" "available" {}\nlocals {\n  azs = slice(data.aws_availability_zones.available.names, 0, 3)\n}\n';

  it('a slice of a list nospof cannot read keeps its length, and so do a for over it and length()', () => {
    expect(evaluate('length(local.azs)', azs)).toBe(3);
    expect(evaluate('length([for i, az in local.azs : cidrsubnet("10.0.0.0/16", 4, i)])', azs)).toBe(3);
    expect(evaluate('[for i, az in local.azs : cidrsubnet("10.0.0.0/16", 4, i)]', azs)).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
    expect(read({ 'main.tf': `${azs}resource "aws_subnet" "a" {\n  count = length(local.azs)\n  availability_zone = local.azs[count.index]\n}\n` }, 'main.tf', 'aws_subnet.a', 'availability_zone')).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('a map with unknown values keeps its keys: for_each instances are known, and attributes that do not read the unknown part too', () => {
    const files = {
      'main.tf': hcl`
        data "aws_ami" "base" {}
        locals {
          groups = {
            system = { min = 2, ami = data.aws_ami.base.id }
            batch  = { min = 0, ami = "ami-123" }
          }
        }
        resource "aws_eks_node_group" "g" {
          for_each = local.groups
          min      = each.value.min
          ami      = each.value.ami
        }
      `,
    };
    expect(read(files, 'main.tf', 'aws_eks_node_group.g', 'min')).toEqual([2, 0]);
    expect(read(files, 'main.tf', 'aws_eks_node_group.g', 'ami')).toEqual(['unknown', 'ami-123']);
  });

  it('an absent optional() attribute is null, then its declared default, also inside a module', () => {
    const files = {
      'main.tf': 'module "m" {\n  source = "./m"\n  groups = { a = {}, b = { size = 5 } }\n}\n',
      'm/main.tf': hcl`
        variable "groups" {
          type = map(object({
            size  = optional(number, 2)
            label = optional(string)
          }))
        }
        resource "x" "g" {
          for_each = var.groups
          size     = each.value.size
          label    = each.value.label == null ? "none" : each.value.label
        }
      `,
    };
    expect(read(files, 'm/main.tf', 'x.g', 'size')).toEqual([2, 5]);
    expect(read(files, 'm/main.tf', 'x.g', 'label')).toEqual(['none', 'none']);
  });

  it('try, coalesce, lookup with a default and conditionals with a known condition resolve', () => {
    expect(evaluate('try(local.obj.missing, 4)', 'data "x" "y" {}\nlocals {\n  obj = { a = data.x.y.id }\n}\n')).toBe(4);
    expect(evaluate('try(local.obj, {}).b', 'data "x" "y" {}\nlocals {\n  obj = { a = data.x.y.id, b = 2 }\n}\n')).toBe(2);
    expect(evaluate('coalesce(null, 3)')).toBe(3);
    expect(evaluate('lookup({ a = data.x.y.id }, "b", 5)')).toBe(5);
    expect(evaluate('true ? 1 : data.x.y.id')).toBe(1);
    expect(evaluate('{ a = data.x.y.id } == null')).toBe(false);
    expect(evaluate('[1, data.x.y.id] == [2, data.x.y.id]')).toBe(false);
  });

  it('evaluates the pure built-in functions configurations use', () => {
    expect(evaluate('regexall("[0-9]+", "a1b22c333")')).toEqual(['1', '22', '333']);
    expect(evaluate('regex("^(?P<env>\\\\w+)-(?P<n>\\\\d+)$", "prod-3")')).toEqual({ env: 'prod', n: '3' });
    expect(evaluate('basename("modules/db/main.tf")')).toBe('main.tf');
    expect(evaluate('dirname("modules/db/main.tf")')).toBe('modules/db');
    expect(evaluate('cidrsubnets("10.0.0.0/16", 4, 4, 8)')).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/24']);
    expect(evaluate('cidrhost("10.0.1.0/24", 5)')).toBe('10.0.1.5');
    expect(evaluate('jsondecode("{\\"a\\": [1, 2]}").a[1]')).toBe(2);
    expect(evaluate('yamldecode("replicas: 3\\nzones: [a, b]\\n").zones')).toEqual(['a', 'b']);
    expect(evaluate('setproduct(["a", "b"], [1, 2])')).toEqual([['a', 1], ['a', 2], ['b', 1], ['b', 2]]);
    expect(evaluate('title("hello world")')).toBe('Hello World');
    expect(evaluate('replace("a-b-c", "/-(\\\\w)/", "_$1")')).toBe('a_b_c');
    expect(evaluate('formatdate("YYYY-MM-DD", "2024-03-05T10:00:00Z")')).toBe('2024-03-05');
    expect(evaluate('timestamp()')).toBe('unknown');
  });

  it('file and templatefile read only files of the scanned tree', () => {
    const files = { 'config/zones.yaml.tftpl': 'zones: ${jsonencode(zones)}\n', 'm/policy.tftpl': '%{ for z in zones }${z},%{ endfor }' };
    expect(evaluate('yamldecode(templatefile("config/zones.yaml.tftpl", { zones = ["a", "b"] })).zones', '', files)).toEqual(['a', 'b']);
    expect(evaluate('templatefile("m/policy.tftpl", { zones = ["a", "b"] })', '', files)).toBe('a,b,');
    expect(evaluate('file("/etc/passwd")')).toBe('unknown');
    expect(evaluate('file("../outside.txt")')).toBe('unknown');
    expect(evaluate('file("missing.tftpl")')).toBe('unknown');
    expect(evaluate('length(file("big.tftpl"))', '', { 'big.tftpl': 'x'.repeat(1_100_000) })).toBe('unknown');
  });
});

describe('--explain-unknown names what it skipped', () => {
  it('resources of module instances whose for_each is unknown are listed, with the reason', () => {
    const p = projectOf({
      'main.tf': 'data "x" "names" {}\nmodule "m" {\n  source   = "./m"\n  for_each = toset(data.x.names.list)\n}\n',
      'm/main.tf': 'resource "aws_db_instance" "this" {\n  multi_az = false\n}\n',
    });
    const { instances, unknown } = p.index.instancesOf(p.resource('m/main.tf', 'aws_db_instance.this'), noSettings);
    expect(instances).toEqual([]);
    expect(unknown.map((u) => u.reason)).toEqual([expect.stringContaining('module.m is not evaluated: ')]);
  });
});

describe('a module called with an empty for_each or count = 0', () => {
  it('has no instances, and nothing is unknown about it', () => {
    const p = projectOf({
      'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = {}\n}\n',
      'm/main.tf': 'module "inner" {\n  source = "./inner"\n}\nresource "aws_db_instance" "this" {\n  multi_az = false\n}\n',
      'm/inner/main.tf': 'resource "aws_db_instance" "deep" {\n  multi_az = false\n}\n',
    });
    expect(p.index.instancesOf(p.resource('m/main.tf', 'aws_db_instance.this'), noSettings)).toEqual({ instances: [], unknown: [] });
    expect(p.index.instancesOf(p.resource('m/inner/main.tf', 'aws_db_instance.deep'), noSettings)).toEqual({ instances: [], unknown: [] });
  });
});

describe('budgets are checked before anything is built', () => {
  it('a huge count, a huge product, a huge padding and shared parts stay cheap and unknown', () => {
    const p = projectOf({ 'main.tf': 'resource "x" "a" {\n  count = 300000000\n}\n' });
    const { instances, unknown } = p.index.instancesOf(p.resource('main.tf', 'x.a'), noSettings);
    expect(instances).toEqual([]);
    expect(unknown[0]?.reason).toMatch(/instancesPerBlock budget is 10,000/);
    expect(evaluate('length(setproduct(range(1000), range(1000), range(1000)))')).toBe('unknown');
    expect(evaluate('format("%1000000000s", "x")')).toBe('unknown');
    const doubling = Array.from({ length: 60 }, (_, i) => `  l${i + 1} = [local.l${i}, local.l${i}]`).join('\n');
    expect(evaluate('local.l60 == local.l60', `locals {\n  l0 = ["x"]\n${doubling}\n}\n`)).toBe(true);
    expect(evaluate('length(flatten(local.l60))', `locals {\n  l0 = ["x"]\n${doubling}\n}\n`)).toBe('unknown');
  });
});
