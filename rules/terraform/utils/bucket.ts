import type { Instance } from '@nospof/terraform';
import { isOpaque, refersTo } from './graph.js';

/**
 * Separate bucket-configuration resources (AWS provider v4+: `aws_s3_bucket_versioning`, ...) that name
 * `bucket` in their `bucket` argument. `undefined` when one of them names a bucket nospof cannot tell.
 */
export function bucketConfigs(bucket: Instance, type: string): Instance[] | undefined {
  const all = bucket.siblings(type);
  if (!Array.isArray(all)) return undefined;
  const mine: Instance[] = [];
  for (const config of all as readonly Instance[]) {
    const target = config.raw('bucket');
    if (refersTo(target, bucket, ['bucket', 'id'])) mine.push(config);
    else if (target === undefined || isOpaque(target)) return undefined;
  }
  return mine;
}
