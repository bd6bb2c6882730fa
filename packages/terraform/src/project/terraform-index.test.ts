import { describe, expect, it } from 'vitest';
import { hcl } from '@nospof/core/testing';
import { projectOf, noSettings } from './test-project.js';
import type { ResourceInstance } from './resource-instance.js';
import { localTarget } from './terraform-index.js';

function values(p: ReturnType<typeof projectOf>, path: string, address: string, attr: string, settings = noSettings): unknown[] {
  return p.index.instancesOf(p.resource(path, address), settings).instances.map((i) => {
    const v = i.attr(attr);
    return v === undefined ? 'absent' : v.known ? v.value : `unknown: ${v.reason}`;
  });
}

describe('terraform evaluation', () => {
  it('resolves variable defaults, locals, conditionals and functions', () => {
    const p = projectOf({
      'main.tf': hcl`
        variable "env" { default = "prod" }
        variable "sizes" { default = { prod = 3, dev = 1 } }
        locals {
          is_prod = var.env == "prod"
          n       = lookup(var.sizes, var.env, 1)
        }
        resource "aws_db_instance" "a" {
          multi_az = local.is_prod ? true : false
          backup_retention_period = max(local.n * 2, 7)
          identifier = format("%s-%d", upper(var.env), length(concat(["a"], ["b", "c"])))
        }
      `,
    });
    expect(values(p, 'main.tf', 'aws_db_instance.a', 'multi_az')).toEqual([true]);
    expect(values(p, 'main.tf', 'aws_db_instance.a', 'backup_retention_period')).toEqual([7]);
    expect(values(p, 'main.tf', 'aws_db_instance.a', 'identifier')).toEqual(['PROD-3']);
  });

  it('a resource with a syntax error inside is unknown, the resources around it are read', () => {
    const p = projectOf({
      'main.tf': 'resource "aws_db_instance" "a" {\n  multi_az = true\n}\nresource "aws_db_instance" "b" {\n  multi_az = = true\n}\nresource "aws_db_instance" "c" {\n  multi_az = false\n}\n',
    });
    expect(values(p, 'main.tf', 'aws_db_instance.a', 'multi_az')).toEqual([true]);
    const b = p.index.instancesOf(p.resource('main.tf', 'aws_db_instance.b'), noSettings);
    expect(b.instances).toEqual([]);
    expect(b.unknown.map((u) => u.reason)).toEqual([expect.stringMatching(/aws_db_instance\.b has a syntax error at line 5/)]);
    expect(values(p, 'main.tf', 'aws_db_instance.c', 'multi_az')).toEqual([false]);
  });

  it('applies terraform.tfvars, auto.tfvars, var files and --var in order', () => {
    const files = {
      'env/main.tf': 'variable "n" {\n  type    = number\n  default = 1\n}\nresource "x" "a" { v = var.n }\n',
      'env/terraform.tfvars': 'n = 2\n',
      'env/b.auto.tfvars': 'n = 3\n',
    };
    const p = projectOf(files);
    expect(values(p, 'env/main.tf', 'x.a', 'v')).toEqual([3]);
    expect(values(p, 'env/main.tf', 'x.a', 'v', { terraform: { varFiles: [{ path: 'prod.tfvars', text: 'n = 4\n' }] } })).toEqual([4]);
    expect(values(p, 'env/main.tf', 'x.a', 'v', { terraform: { vars: { n: '5' } } })).toEqual([5]);
  });

  it('expands count and for_each and leaves count = 0 without instances', () => {
    const p = projectOf({
      'main.tf': hcl`
        resource "x" "c" {
          count = 2
          v = count.index * 10
        }
        resource "x" "e" {
          for_each = { a = 1, b = 2 }
          v = each.value
        }
        resource "x" "z" {
          count = 0
          v = 1
        }
        resource "x" "u" {
          count = length(data.aws_subnets.all.ids)
          v = 1
        }
      `,
    });
    expect(values(p, 'main.tf', 'x.c', 'v')).toEqual([0, 10]);
    expect(values(p, 'main.tf', 'x.e', 'v')).toEqual([1, 2]);
    expect(values(p, 'main.tf', 'x.z', 'v')).toEqual([]);
    expect(p.index.instancesOf(p.resource('main.tf', 'x.u'), noSettings).unknown[0]?.reason).toMatch(/count is unknown/);
  });

  it('evaluates a local module once per call with the caller arguments', () => {
    const p = projectOf({
      'main.tf': hcl`
        module "a" {
          source = "./modules/db"
          ha     = true
        }
        module "b" {
          source = "./modules/db"
          ha     = false
        }
      `,
      'modules/db/main.tf': hcl`
        variable "ha" { default = false }
        resource "aws_db_instance" "this" { multi_az = var.ha }
        output "id" { value = aws_db_instance.this.multi_az }
      `,
    });
    const instances = p.index.instancesOf(p.resource('modules/db/main.tf', 'aws_db_instance.this'), noSettings).instances as ResourceInstance[];
    expect(instances.map((i) => [i.address, (i.attr('multi_az') as { value?: unknown } | undefined)?.value])).toEqual([
      ['module.a.aws_db_instance.this', true],
      ['module.b.aws_db_instance.this', false],
    ]);
    expect(instances[1]?.origins('multi_az')[0]?.file).toBe('main.tf');
  });

  it('passes a null argument on as null, and takes the default only where the variable is not nullable', () => {
    const p = projectOf({
      'main.tf': hcl`
        module "a" {
          source = "./modules/db"
          ha     = null
          size   = null
        }
      `,
      'modules/db/main.tf': hcl`
        variable "ha" { default = true }
        variable "size" {
          default  = 20
          nullable = false
        }
        resource "aws_db_instance" "this" {
          multi_az          = var.ha
          allocated_storage = var.size
        }
      `,
    });
    const [instance] = p.index.instancesOf(p.resource('modules/db/main.tf', 'aws_db_instance.this'), noSettings).instances as ResourceInstance[];
    // Terraform 1.1 and later: null means "not set" for the resource, not "use the module's default".
    expect(instance?.attr('multi_az')).toBeUndefined();
    expect((instance?.attr('allocated_storage') as { value?: unknown } | undefined)?.value).toBe(20);
  });

  it('keeps references to resources in computed values (the reference graph)', () => {
    const p = projectOf({
      'main.tf': hcl`
        resource "aws_subnet" "a" {
          count = 2
          availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
        }
        resource "aws_autoscaling_group" "g" {
          vpc_zone_identifier = aws_subnet.a[*].id
        }
      `,
    });
    const [group] = p.index.instancesOf(p.resource('main.tf', 'aws_autoscaling_group.g'), noSettings).instances;
    const raw = group?.raw('vpc_zone_identifier');
    expect(Array.isArray(raw) && raw.length).toBe(2);
    const zones = (raw as unknown as { refs: ResourceInstance[] }[]).map((u) => u.refs[0]?.getAttr('availability_zone'));
    expect(zones).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  it('reads plan JSON values for resources whose configuration is scanned', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.0',
      planned_values: { root_module: { resources: [{ address: 'aws_db_instance.a', mode: 'managed', type: 'aws_db_instance', name: 'a', values: { multi_az: true } }] } },
    });
    const p = projectOf({ 'main.tf': 'resource "aws_db_instance" "a" { multi_az = data.x.y.z }\n', 'plan.json': plan });
    expect(values(p, 'main.tf', 'aws_db_instance.a', 'multi_az')).toEqual([true]);
  });
});

describe('localTarget', () => {
  it('resolves a local source from the calling directory, and nothing for other sources', () => {
    const p = projectOf({
      'examples/simple/main.tf': 'module "root" {\n  source = "../../"\n}\nmodule "db" {\n  source = "../../modules/db"\n}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
    });
    const calls = p.index.defs.get('examples/simple')?.calls;
    const target = (name: string) => {
      const call = calls?.get(name);
      return call ? localTarget('examples/simple', call) : 'no call';
    };
    expect([target('root'), target('db'), target('vpc')]).toEqual(['', 'modules/db', undefined]);
    // Asked again from the same directory: the same answer.
    expect(target('db')).toBe('modules/db');
  });
});
