import type { InvalidCase, ValidCase } from '@nospof/core/testing';

/** One attribute of one resource type that decides a rule: its failing and passing values as HCL text. */
export interface VariantSpec {
  readonly resource: string;
  readonly attr: string;
  readonly bad: string;
  readonly good: string;
  readonly messageId: string;
  /** Other attributes/blocks of the resource that keep the rest of the rule satisfied (HCL lines). */
  readonly body?: string;
  /** Other resources the case needs (HCL, top level). */
  readonly extra?: string;
  /** Leave out the `count = 0` case (when the attribute is `count` itself). */
  readonly noCountZero?: boolean;
}

function resource(spec: VariantSpec, value: string, head = ''): string {
  const lines = [head, `${spec.attr} = ${value}`, spec.body ?? ''].filter((l) => l !== '').flatMap((l) => l.split('\n'));
  return `${spec.extra ? `${spec.extra}\n` : ''}resource "${spec.resource}" "this" {\n${lines.map((l) => `  ${l}`).join('\n')}\n}\n`;
}

/**
 * The cases every Terraform rule must pass beside its own: the value through a variable default, a
 * tfvars override (both ways), a module input (per call), count = 0, and an unknown value (no finding).
 */
export function variantCases(spec: VariantSpec): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const declare = (value: string) => `variable "v" {\n  default = ${value}\n}\n`;
  const moduleCall = (value: string) => `module "m" {\n  source = "./modules/m"\n  v      = ${value}\n}\n`;
  return {
    valid: [
      { name: `variant: ${spec.attr} = ${spec.good}`, code: resource(spec, spec.good) },
      { name: 'variant: unknown value is not judged', code: resource(spec, 'data.aws_ssm_parameter.setting.value') },
      ...(spec.noCountZero ? [] : [{ name: 'variant: count = 0 does not exist', code: resource(spec, spec.bad, 'count = 0') }]),
      { name: 'variant: tfvars fixes a bad default', code: declare(spec.bad) + resource(spec, 'var.v'), files: { 'terraform.tfvars': `v = ${spec.good}\n` } },
      {
        name: 'variant: module input that is fine',
        filename: 'modules/m/main.tf',
        code: `variable "v" {}\n${resource(spec, 'var.v')}`,
        files: { 'main.tf': moduleCall(spec.good) },
      },
      { name: 'variant: --var file overrides', code: declare(spec.bad) + resource(spec, 'var.v'), settings: { terraform: { varFiles: [{ path: 'prod.tfvars', text: `v = ${spec.good}\n` }] } } },
    ],
    invalid: [
      { name: 'variant: resolved from a variable default', code: declare(spec.bad) + resource(spec, 'var.v'), output: null, errors: [{ messageId: spec.messageId }] },
      {
        name: 'variant: tfvars overrides a good default',
        code: declare(spec.good) + resource(spec, 'var.v'),
        files: { 'prod.auto.tfvars': `v = ${spec.bad}\n` },
        output: null,
        errors: [{ messageId: spec.messageId }],
      },
      {
        name: 'variant: passed in by a module call',
        filename: 'modules/m/main.tf',
        code: `variable "v" {}\n${resource(spec, 'var.v')}`,
        files: { 'main.tf': moduleCall(spec.bad) },
        output: null,
        // The caller's argument decides: the finding lands there, where a pull-request annotation shows.
        errors: [{ messageId: spec.messageId, file: 'main.tf', line: 3 }],
      },
    ],
  };
}

/** Merges hand-written cases with generated ones. */
export function withVariants(
  own: { valid: readonly (ValidCase | string)[]; invalid: readonly InvalidCase[] },
  ...specs: VariantSpec[]
): { valid: (ValidCase | string)[]; invalid: InvalidCase[] } {
  const generated = specs.map(variantCases);
  return {
    valid: [...own.valid, ...generated.flatMap((g) => g.valid)],
    invalid: [...own.invalid, ...generated.flatMap((g) => g.invalid)],
  };
}
