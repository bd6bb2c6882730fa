import type { AlertmanagerConfig } from '@nospof/alerting';

/**
 * Said in a message when the finding cannot point inside the configuration: it is base64-encoded (or
 * folded) in a Secret or ConfigMap, so the finding lands on the value that holds it.
 */
export function embeddedNote(config: Pick<AlertmanagerConfig, 'embedded'>): string {
  const e = config.embedded;
  if (!e || e.exact) return '';
  return ` (in the ${e.encoding === 'base64' ? 'base64-encoded ' : ''}"${e.key}" of ${e.owner})`;
}
