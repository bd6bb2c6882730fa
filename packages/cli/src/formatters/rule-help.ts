import { readFileSync } from 'node:fs';
import { allRules, ruleDocFile, type AnyRule } from '@nospof/api';

export interface RuleHelp {
  readonly text: string;
  readonly markdown: string;
}

const cache = new WeakMap<AnyRule, RuleHelp>();

/**
 * Only nospof's own rule objects have pages. A rule id from a user policy or plugin is text from the
 * scanned repository; it must never become a path to read (`../../.ssh/id_rsa`) and copy into a report.
 */
const documented = new Set<AnyRule>(allRules);

/**
 * A rule's help for reports: its documentation page (the one `nospof explain` prints) as Markdown,
 * without the front matter and generator comments; the description, rationale and remediation from its
 * metadata as plain text, and as the Markdown too where the page cannot be read (a rule from a plugin, or
 * an install without the pages).
 */
export function ruleHelp(rule: AnyRule): RuleHelp {
  const cached = cache.get(rule);
  if (cached) return cached;
  const d = rule.meta.docs;
  const text = `${d.description}\n\nWhy: ${d.rationale}\n\nFix: ${d.remediation}`;
  let markdown = `# ${rule.meta.id}\n\n${d.description}\n\n**Why.** ${d.rationale}\n\n**Fix.** ${d.remediation}\n`;
  if (documented.has(rule)) markdown = readPage(rule.meta.id) ?? markdown;
  const help = { text, markdown };
  cache.set(rule, help);
  return help;
}

function readPage(id: string): string | undefined {
  try {
    const page = readFileSync(ruleDocFile(id), 'utf8')
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/^<!--.*-->\n/gm, '')
      .trim();
    return page === '' ? undefined : `${page}\n`;
  } catch {
    return undefined; // an install without the pages: the metadata is the help
  }
}
