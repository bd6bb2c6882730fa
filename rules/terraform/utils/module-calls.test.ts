import { describe, expect, it } from 'vitest';
import { registryName } from './module-calls.js';

describe('registryName', () => {
  it.each([
    ['terraform-aws-modules/rds/aws', 'terraform-aws-modules/rds/aws'],
    ['registry.terraform.io/terraform-aws-modules/vpc/aws', 'terraform-aws-modules/vpc/aws'],
    ['terraform-aws-modules/rds/aws//modules/db_instance', 'terraform-aws-modules/rds/aws'],
    ['git::https://github.com/terraform-aws-modules/terraform-aws-rds-aurora.git?ref=v9.0.0', 'terraform-aws-modules/rds-aurora/aws'],
    ['github.com/terraform-aws-modules/terraform-aws-eks', 'terraform-aws-modules/eks/aws'],
    ['git@github.com:terraform-aws-modules/terraform-aws-autoscaling.git//wrappers', 'terraform-aws-modules/autoscaling/aws'],
  ])('%s', (source, name) => {
    expect(registryName(source)).toBe(name);
  });

  it('has no registry name for local paths', () => {
    expect(registryName('./modules/db')).toBeUndefined();
  });
});
