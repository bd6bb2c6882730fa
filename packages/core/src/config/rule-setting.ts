import type { Severity } from '../finding.js';
import type { RuleSetting, SeveritySetting } from './types.js';

export function normaliseSeverity(s: SeveritySetting): Severity | 'off' {
  return s === 'warn' ? 'warning' : s;
}

export function parseRuleSetting(setting: RuleSetting): { severity: Severity | 'off'; options: readonly unknown[] } {
  if (typeof setting === 'string') return { severity: normaliseSeverity(setting), options: [] };
  const [severity, ...options] = setting;
  return { severity: normaliseSeverity(severity), options };
}
