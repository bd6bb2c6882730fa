import type { Fixer, TextEdit } from '@nospof/core';
import type { Setting } from '@nospof/kubernetes';

/**
 * Replaces a scalar keeping its quoting style: `"Recreate"` becomes `"RollingUpdate"` (JSON manifests
 * stay JSON), a plain scalar stays plain unless `text` needs quotes in YAML (`25%` does not).
 */
export function replaceScalar(fixer: Fixer, setting: Setting<unknown>, text: string): TextEdit {
  const quote = setting.quote ?? '';
  return fixer.replace(setting, `${quote}${text}${quote}`);
}
