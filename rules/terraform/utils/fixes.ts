import type { Fixer, TextEdit } from '@nospof/core';
import type { RuleContext } from '@nospof/core';
import type { Block, BlockView } from '@nospof/terraform';

/**
 * What a fix should do, decided by the rule; where it applies is decided when the finding is placed
 * (`reportInstance`, `reportCall`): on the value in the block, on the tfvars line or caller argument the
 * value came from unchanged, or as a new argument of the `module` block whose default decided.
 */
export type FixIntent =
  | { readonly kind: 'set'; readonly view: BlockView; readonly name: string; readonly text: string }
  | { readonly kind: 'lines'; readonly view: BlockView; readonly lines: readonly string[] };

/** Set `name = text` in a block (replacing a literal, or adding the line when the attribute is absent). */
export function fixAttribute(_context: RuleContext<string>, view: BlockView, name: string, text: string): FixIntent | undefined {
  return view.block ? { kind: 'set', view, name, text } : undefined;
}

/** Insert lines (a nested block) at the top of a block's body. */
export function fixLines(_context: RuleContext<string>, view: BlockView, lines: readonly string[]): FixIntent | undefined {
  return view.block ? { kind: 'lines', view, lines } : undefined;
}

export type FixFn = (fixer: Fixer) => TextEdit | undefined;

/**
 * A fix inserting lines at the top of a block's body. A one-line block (`{}` or `{ a = 1 }`) is opened
 * up so every line stands on its own, which needs the text of its file (`text`).
 */
export function insertLines(block: Block | undefined, lines: readonly string[], text?: string): FixFn | undefined {
  if (!block) return undefined;
  if (block.openBrace.start.line === block.closeBrace.start.line) {
    if (text === undefined) return undefined;
    return (fixer) => {
      const nl = fixer.newline;
      const outer = fixer.indentOf(block);
      const inner = `${outer}  `;
      const existing = block.body.items.map((i) => inner + text.slice(i.range.start.offset, i.range.end.offset));
      const body = [...lines.map((l) => inner + l), ...existing].join(nl);
      return fixer.replaceOffsets(block.openBrace.start.offset, block.closeBrace.end.offset, `{${nl}${body}${nl}${outer}}`);
    };
  }
  return (fixer) => {
    const nl = fixer.newline;
    const first = block.body.items[0];
    const indent = first && first.range.start.line > block.openBrace.start.line ? fixer.indentOf(first) : `${fixer.indentOf(block)}  `;
    return fixer.insertLinesBefore(block.openBrace.start.line + 1, lines.map((l) => indent + l + nl).join(''));
  };
}

/** True when an expression is written as a plain literal, so replacing it changes only this value. */
export function isLiteralText(view: BlockView, name: string): boolean {
  const value = view.attribute(name)?.value;
  if (!value) return false;
  if (value.type === 'LiteralValue') return true;
  return value.type === 'TemplateExpr' && value.parts.every((p) => p.type === 'TemplateLiteral');
}
