import { describe, expect, it } from 'vitest';
import { repoRules } from '../repo/index.js';
import { githubActionsRules } from './index.js';
import { existsSync } from 'node:fs';

describe('rule metadata', () => {
  for (const rule of [...githubActionsRules, ...repoRules]) {
    it(`${rule.meta.id} lives in the file its id names`, () => {
      const [language, name] = rule.meta.id.split('/');
      expect(['github-actions', 'repo']).toContain(language);
      expect(existsSync(new URL(`../${language}/${name}.ts`, import.meta.url))).toBe(true);
      expect(rule.meta.language).toBe(language);
      expect(Object.keys(rule.meta)).toEqual(
        ['id', 'language', 'type', 'severity', 'docs', 'messages', 'schema', 'defaultOptions', ...(rule.meta.strictOptions ? ['strictOptions'] : []), 'fixable'],
      );
    });
  }
});
