import type { Fixer, RuleContext, TextEdit } from '@nospof/core';
import type { BlockView } from '@nospof/terraform';

type FixFn = (fixer: Fixer) => TextEdit | undefined;

/** True when an expression is a plain literal, so replacing it cannot override a caller's variable. */
function isLiteral(view: BlockView, name: string): boolean {
  const value = view.attribute(name)?.value;
  if (!value) return false;
  if (value.type === 'LiteralValue') return true;
  return value.type === 'TemplateExpr' && value.parts.every((p) => p.type === 'TemplateLiteral');
}

/**
 * A fix setting `name = text` in a block: it replaces a literal value, or inserts the line at the
 * indentation of the block's other lines when the attribute is absent. No fix when the value comes from
 * an expression (a variable may be shared by other callers), when the block is in another file than the
 * one being linted, or when it is known only from a plan.
 */
export function fixAttribute(context: RuleContext<string>, view: BlockView, name: string, text: string): FixFn | undefined {
  if (!view.block || view.file !== context.file) return undefined;
  const attribute = view.attribute(name);
  if (attribute) return isLiteral(view, name) ? (fixer) => fixer.replace(attribute.value, text) : undefined;
  return fixLines(context, view, [`${name} = ${text}`]);
}

/** A fix inserting lines (for instance a nested block) at the top of the block's body. */
export function fixLines(context: RuleContext<string>, view: BlockView, lines: readonly string[]): FixFn | undefined {
  const block = view.block;
  if (!block || view.file !== context.file) return undefined;
  const text = context.source.text;
  return (fixer) => {
    const nl = fixer.newline;
    const outer = fixer.indentOf(block);
    if (block.openBrace.start.line === block.closeBrace.start.line) {
      // A one-line block (`{}` or `{ a = 1 }`): open it up so every line stands on its own.
      const inner = `${outer}  `;
      const existing = block.body.items.map((i) => inner + text.slice(i.range.start.offset, i.range.end.offset));
      const body = [...lines.map((l) => inner + l), ...existing].join(nl);
      return fixer.replaceOffsets(block.openBrace.start.offset, block.closeBrace.end.offset, `{${nl}${body}${nl}${outer}}`);
    }
    const first = block.body.items[0];
    const indent = first && first.range.start.line > block.openBrace.start.line ? fixer.indentOf(first) : `${outer}  `;
    return fixer.insertLinesBefore(block.openBrace.start.line + 1, lines.map((l) => indent + l + nl).join(''));
  };
}
