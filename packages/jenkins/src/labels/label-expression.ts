/** A Jenkins label expression: `linux && docker`, `a || b`, `!windows`, `(a || b) && c`, `a -> b`. */
export type LabelExpression =
  | { readonly kind: 'atom'; readonly name: string }
  | { readonly kind: 'not'; readonly operand: LabelExpression }
  | { readonly kind: 'and' | 'or' | 'implies' | 'iff'; readonly left: LabelExpression; readonly right: LabelExpression };

type LabelToken = { readonly kind: 'atom'; readonly text: string } | { readonly kind: 'op'; readonly text: string };

const maxDepth = 64;

/**
 * Real label expressions have a handful of terms. A longer one is left unknown: operator chains build
 * trees as deep as they are long, which the recursive readers of the tree must never meet.
 */
const maxTokens = 256;

function tokenize(text: string): LabelToken[] | undefined {
  const tokens: LabelToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const op = ['<->', '->', '&&', '||', '!', '(', ')'].find((o) => text.startsWith(o, i));
    if (tokens.length >= maxTokens) return undefined;
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      if (close === -1) return undefined;
      tokens.push({ kind: 'atom', text: text.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/[\s&|!()"]/.test(text[end] as string) && !text.startsWith('->', end) && !text.startsWith('<->', end)) end += 1;
    if (end === i) return undefined;
    tokens.push({ kind: 'atom', text: text.slice(i, end) });
    i = end;
  }
  return tokens;
}

/** Parses a label expression; undefined when it is empty or malformed. */
export function parseLabelExpression(text: string): LabelExpression | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  let pos = 0;
  let depth = 0;
  const peek = (): LabelToken | undefined => tokens[pos];
  const isOp = (op: string): boolean => peek()?.kind === 'op' && peek()?.text === op;

  const binary = (op: string, kind: 'and' | 'or' | 'implies' | 'iff', operand: () => LabelExpression | undefined) => (): LabelExpression | undefined => {
    let left = operand();
    while (left && isOp(op)) {
      pos += 1;
      const right = operand();
      if (!right) return undefined;
      left = { kind, left, right };
    }
    return left;
  };

  const primary = (): LabelExpression | undefined => {
    if (++depth > maxDepth) return undefined;
    try {
      const t = peek();
      if (!t) return undefined;
      if (t.kind === 'atom') {
        pos += 1;
        return { kind: 'atom', name: t.text };
      }
      if (t.text === '!') {
        pos += 1;
        const operand = primary();
        return operand ? { kind: 'not', operand } : undefined;
      }
      if (t.text === '(') {
        pos += 1;
        const inner = iff();
        if (!isOp(')')) return undefined;
        pos += 1;
        return inner;
      }
      return undefined;
    } finally {
      depth -= 1;
    }
  };
  const and = binary('&&', 'and', primary);
  const or = binary('||', 'or', and);
  const implies = binary('->', 'implies', or);
  const iff: () => LabelExpression | undefined = binary('<->', 'iff', implies);

  const result = iff();
  return result && pos === tokens.length ? result : undefined;
}

/** Label names an agent with this expression might need to carry (atoms not under `!`). */
export function positiveAtoms(expression: LabelExpression, negated = false): string[] {
  switch (expression.kind) {
    case 'atom':
      return negated ? [] : [expression.name];
    case 'not':
      return positiveAtoms(expression.operand, !negated);
    case 'and':
    case 'or':
      return [...positiveAtoms(expression.left, negated), ...positiveAtoms(expression.right, negated)];
    default:
      return [];
  }
}
