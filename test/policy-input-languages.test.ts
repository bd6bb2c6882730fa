import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile, toPolicyInput, validatorFor, type Language, type Node, type ParsedFile, type PolicyUnit, type Settings } from '@nospof/core';
import { fuzzRuns } from '@nospof/core/testing';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { policyInputSchema } from '@nospof/policy';
import { terraformLanguage } from '@nospof/terraform';

/** Every unit's policy input, built as the host builds it: parse, group into units, index each unit. */
function policyUnits<Root extends Node, Index>(language: Language<Root, Index>, files: Readonly<Record<string, string>>, settings: Settings = {}): PolicyUnit[] {
  const parsed = Object.entries(files).flatMap(([path, text]) => {
    if (!language.matches(path, text.slice(0, 512))) return [];
    const source = new SourceFile(path, text);
    const result = language.parse(source);
    return result.root && !result.notApplicable ? [{ ...result, source, language: language.id } as ParsedFile<Root>] : [];
  });
  const byPath = new Map(parsed.map((f) => [f.source.path, f] as const));
  const units = language.units?.(parsed, settings) ?? [{ id: '.', files: parsed.map((f) => f.source.path) }];
  return units.map((unit) => {
    const unitFiles = unit.files.map((p) => byPath.get(p)).filter((f): f is ParsedFile<Root> => f !== undefined);
    const index = language.index?.(unitFiles, settings) as Index;
    const policy = language.policyUnit?.(unit, unitFiles, index, settings);
    if (!policy) throw new Error(`${language.id} gives no policy unit`);
    return policy;
  });
}

const validate = validatorFor(policyInputSchema);

function expectValid(unit: PolicyUnit): void {
  const input = toPolicyInput(unit);
  expect(validate(input), JSON.stringify(validate.errors)).toBe(true);
  expect(JSON.parse(JSON.stringify(input))).toEqual(input);
}

const terraform = {
  'main.tf': `variable "env" {}
variable "key" {}
module "db" {
  source   = "./modules/db"
  for_each = { a = "db.r5.large", b = "db.t3.micro" }
  size     = each.value
  key      = var.key
}
resource "aws_lb" "web" {
  internal = false
  subnet_mapping { subnet_id = aws_subnet.a.id }
  subnet_mapping { subnet_id = aws_subnet.b.id }
  dynamic "access_logs" {
    for_each = var.env == "prod" ? [1] : []
    content { bucket = "logs" }
  }
}
data "aws_availability_zones" "all" { state = "available" }
`,
  'terraform.tfvars': 'env = "prod"\n',
  'modules/db/main.tf': `variable "size" {}
variable "key" {}
resource "aws_db_instance" "this" {
  instance_class = var.size
  kms_key_id     = var.key
  multi_az       = null
}
`,
};

const kubernetes = {
  'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{ name: web, image: "nginx:1.25" }]\n',
  'prod/kustomization.yaml': 'namespace: shop\nnamePrefix: prod-\nresources: [../base]\nreplicas: [{ name: web, count: 3 }]\n',
};

describe('policy input of each language matches the shipped JSON Schema', () => {
  it('terraform: a root module with a module tree, nested and dynamic blocks, unknowns', () => {
    const [unit] = policyUnits(terraformLanguage, terraform);
    expect(unit?.resources.map((r) => r.id)).toEqual([
      'aws_lb.web',
      'data.aws_availability_zones.all',
      'module.db["a"]',
      'module.db["a"].aws_db_instance.this',
      'module.db["b"]',
      'module.db["b"].aws_db_instance.this',
    ]);
    const lb = unit?.resources[0];
    expect(lb?.attributes).toEqual({
      internal: false,
      subnet_mapping: [{ subnet_id: { $unknown: expect.stringContaining('aws_subnet.a') } }, { subnet_id: { $unknown: expect.stringContaining('aws_subnet.b') } }],
      access_logs: [{ bucket: 'logs' }],
    });
    expectValid(unit as PolicyUnit);
  });

  it('kubernetes: a rendered overlay', () => {
    const [unit] = policyUnits(kubernetesLanguage, kubernetes);
    expect(unit?.resources.map((r) => [r.id, (r.attributes.spec as { replicas?: unknown } | undefined)?.replicas])).toEqual([['Deployment/shop/prod-web', 3]]);
    expectValid(unit as PolicyUnit);
  });
});

/** Pieces of manifests and kustomizations, well-formed and not, so random files reach odd corners. */
const yamlFragments = [
  'apiVersion: apps/v1\n', 'apiVersion: v1\n', 'kind: Deployment\n', 'kind: Service\n', 'kind: PodDisruptionBudget\n', 'kind: HorizontalPodAutoscaler\n',
  'metadata:\n', '  name: web\n', '  namespace: shop\n', '  labels: { app: web }\n', 'spec:\n', '  replicas: 2\n', '  replicas: ${N}\n', '  replicas: .nan\n',
  '  template:\n', '    spec:\n', '      containers: [{ name: a, image: x }]\n', '  selector: { matchLabels: { app: web } }\n', '---\n', 'x: &a [1, 2]\n', 'y: [*a, *a]\n',
  '<<: *a\n', '- op: replace\n', '  path: /spec/replicas\n', '  value: 1\n', '$patch: delete\n', 'namePrefix: p-\n', 'nameSuffix: -s\n', 'namespace: ns\n',
  'resources: [a.yaml, ../b, https://x]\n', 'patches: [{ path: p.yaml }]\n', 'patches: [{ target: { kind: Deployment, name: "w.*" }, patch: "- op: add" }]\n',
  'commonLabels: { t: x }\n', 'replicas: [{ name: web, count: 5 }]\n', 'components: [c]\n', 'transformers: [t.yaml]\n', 'kind: Component\n',
  '{', '}', '[', ']', ':', '"', "'", '\t', ' ', '\n', '#', '- ', '? ', '|\n', '>\n', '!!binary x\n', '%YAML 1.2\n', '1e999\n', 'null\n', '~\n',
];

const yamlText = fc.array(fc.constantFrom(...yamlFragments), { maxLength: 40 }).map((parts) => parts.join(''));

const hclFragments = [
  'resource "aws_instance" "a" {\n', 'module "m" {\n', 'data "aws_ami" "x" {\n', 'variable "v" {\n', 'locals {\n', '}\n', 'source = "./m"\n',
  'count = var.v\n', 'for_each = { a = 1 }\n', 'for_each = toset(["a"])\n', 'x = var.v\n', 'y = each.value\n', 'z = count.index\n', 'tags = { a = local.t }\n',
  't = [for i in range(3) : i]\n', 'dynamic "d" {\n', 'content {\n', 'nested {\n', 'default = 1\n', 'w = module.m.out\n', 'u = aws_instance.a\n',
  '${', '"', '{', '[', ']', '(', ')', '=', '\n', ' ', '#', '//', '/*', '*/', '<<EOT\n', 'EOT\n', 'null', 'true', '1', '?', ':',
];

const hclText = fc.array(fc.constantFrom(...hclFragments), { maxLength: 60 }).map((parts) => parts.join(''));

describe('policyUnit never throws and always gives schema-valid input', () => {
  it('on random manifests and kustomizations', () => {
    fc.assert(
      fc.property(yamlText, yamlText, yamlText, yamlText, (kustomization, base, patch, plain) => {
        const units = policyUnits(kubernetesLanguage, { 'o/kustomization.yaml': kustomization, 'o/a.yaml': base, 'o/p.yaml': patch, 'plain/x.yaml': plain, 'o/b/kustomization.yaml': 'resources: [../a.yaml]\n' });
        for (const unit of units) {
          expectValid(unit);
          for (const r of unit.resources) {
            r.locate(['spec', 'replicas']);
            r.locate(['metadata', 'name']);
            r.locate(['spec', 'template', 'spec', 'containers', 0, 'image']);
          }
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('on random Terraform configurations', () => {
    fc.assert(
      fc.property(hclText, hclText, hclText, (root, module, tfvars) => {
        const units = policyUnits(terraformLanguage, { 'main.tf': `${root}\nmodule "m" { source = "./m" }\n`, 'm/main.tf': module, 'terraform.tfvars': tfvars });
        for (const unit of units) {
          expectValid(unit);
          for (const r of unit.resources) for (const key of Object.keys(r.attributes)) r.locate([key, 0, 'x']);
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
