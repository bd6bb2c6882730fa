import { SourceFile } from '@nospof/core';
import type { TemplatePart } from '../hcl/ast.js';
import { parseHcl } from '../hcl/index.js';

/**
 * Parses the text of a `templatefile()` template (interpolations and `%{}` directives, no quotes) by
 * reading it as the body of a heredoc, which has exactly the template syntax. `undefined` when it does
 * not parse.
 */
export function parseTemplateText(text: string): readonly TemplatePart[] | undefined {
  let marker = 'NOSPOF_TEMPLATE';
  while (text.includes(marker)) marker += '_';
  const parsed = parseHcl(new SourceFile('<templatefile>', `t = <<${marker}\n${text}\n${marker}\n`));
  const item = parsed.root.body.items[0];
  if (parsed.errors.length > 0 || item?.type !== 'Attribute' || item.value.type !== 'TemplateExpr') return undefined;
  const parts = item.value.parts;
  // The heredoc adds the newline before its end marker; the file did not have it.
  const last = parts[parts.length - 1];
  if (last?.type === 'TemplateLiteral' && last.value.endsWith('\n')) {
    return [...parts.slice(0, -1), { ...last, value: last.value.slice(0, -1) }];
  }
  return parts;
}
