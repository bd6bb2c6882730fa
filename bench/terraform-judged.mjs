// How much of a Terraform corpus the rules judge rather than skip: availability-relevant resource blocks
// (types some Terraform rule reads) for which no rule recorded an unknown value (`--explain-unknown`)
// inside the block. Each folder under the given roots is one repository run, as in test/fixtures.test.ts.
// Usage: node bench/terraform-judged.mjs [checkout root with built dist] [corpus dirs...]
// (the checkout root lets the same corpus be measured on an older build).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const [root = here, ...dirs] = process.argv.slice(2);
const corpus = dirs.length > 0 ? dirs : [join(here, 'fixtures/terraform/ok'), join(here, 'fixtures/terraform/err')];
const { Config } = await import(`${root}/packages/core/dist/index.js`);
const { terraformLanguage } = await import(`${root}/packages/terraform/dist/index.js`);
const { terraformRules } = await import(`${root}/rules/dist/terraform/index.js`);
const { Linter } = await import(`${root}/packages/core/dist/index.js`);

/** Resource types the availability rules read. */
const RELEVANT = /^(aws_(db_instance|rds_cluster|elasticache_(replication_group|cluster)|autoscaling_group|lb|alb|elb|nat_gateway|eks_node_group|eks_cluster|ecs_service|msk_cluster|opensearch_domain|elasticsearch_domain|mq_broker|redshift_cluster|efs_file_system|dynamodb_table|s3_bucket|route53_record|cloudfront_distribution|instance|docdb_cluster|neptune_cluster)|azurerm_(storage_account|mssql_database|mssql_elasticpool|redis_cache|kubernetes_cluster|kubernetes_cluster_node_pool|service_plan|postgresql_flexible_server|mysql_flexible_server|cosmosdb_account|linux_virtual_machine|windows_virtual_machine|linux_virtual_machine_scale_set|lb|public_ip|virtual_network)|google_(sql_database_instance|container_cluster|container_node_pool|redis_instance|compute_instance_group_manager|compute_region_instance_group_manager|storage_bucket|filestore_instance))$/;

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(tf|tfvars|json|tftpl)$/.test(path)) out.push(path);
  }
  return out;
}

let blocks = 0;
let judged = 0;
const reasons = new Map();
for (const base of corpus) {
  for (const project of readdirSync(base).filter((e) => statSync(join(base, e)).isDirectory())) {
    const dir = join(base, project);
    const files = walk(dir).map((p) => ({ path: relative(dir, p), text: readFileSync(p, 'utf8') }));
    const config = Config.build({ extends: 'nospof:strict' }, undefined, '', terraformRules, () => {
      throw new Error('unreachable');
    }).resolve('main.tf');
    const linter = new Linter([terraformLanguage], terraformRules);
    const run = linter.lint({ files, configFor: () => config });
    const skipped = run.skipped;
    for (const file of files) {
      const parsed = linter.parse(file);
      for (const block of parsed?.root?.blocks ?? []) {
        if (block.type !== 'Resource' || 'plan' in block || !RELEVANT.test(block.resourceType)) continue;
        blocks++;
        const inside = skipped.filter((s) => s.file === file.path && s.range && s.range.start.line >= block.range.start.line && s.range.start.line <= block.range.end.line);
        if (inside.length === 0) judged++;
        for (const s of inside.slice(0, 1)) {
          const reason = s.reason.replace(/"[^"]*"|\d+|module\.[\w.["\]-]+|data\.[\w.-]+|var\.[\w-]+|[\w-]+\.tf/g, '…').slice(0, 90);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
      }
    }
  }
}
console.log(`terraform judged: ${judged}/${blocks} availability-relevant resource blocks (${((100 * judged) / Math.max(1, blocks)).toFixed(1)}%)`);
console.log('most common unknowns:');
for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${String(n).padStart(4)}  ${reason}`);
