/**
 * A small parser for the `${{ }}` expression language: enough to tell a literal from a value only known at
 * run time, and to evaluate what is static (matrix cells, caller inputs, literals, `||`, `==`, `format`).
 */
export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'ref'; readonly path: readonly string[]; readonly text: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr };

type Token =
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'id'; readonly v: string }
  | { readonly t: 'op'; readonly v: string };

const OPERATORS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '[', ']', '.', ',', '*'];

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) return undefined;
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ t: 'str', v: value });
      continue;
    }
    const number = /^(?:0x[0-9a-f]+|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(source.slice(i));
    if (number && !(ch === '-' && tokens.length > 0 && tokens[tokens.length - 1]?.t !== 'op')) {
      tokens.push({ t: 'num', v: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ t: 'id', v: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) return undefined;
    tokens.push({ t: 'op', v: op });
    i += op.length;
  }
  return tokens;
}

const PRECEDENCE: Readonly<Record<string, number>> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4 };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr | undefined {
    const expr = this.binary(0);
    return expr && this.pos === this.tokens.length ? expr : undefined;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }

  private binary(min: number): Expr | undefined {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!left || t?.t !== 'op') return left;
      const prec = PRECEDENCE[t.v];
      if (prec === undefined || prec < min) return left;
      this.pos++;
      const right = this.binary(prec + 1);
      if (!right) return undefined;
      left = { kind: 'binary', op: t.v, left, right };
    }
  }

  private unary(): Expr | undefined {
    if (this.isOp('!')) {
      this.pos++;
      const operand = this.unary();
      return operand && { kind: 'not', operand };
    }
    return this.postfix();
  }

  private postfix(): Expr | undefined {
    let expr = this.primary();
    while (expr) {
      if (this.isOp('.')) {
        this.pos++;
        const t = this.peek();
        if (t?.t === 'id' || (t?.t === 'op' && t.v === '*')) {
          this.pos++;
          expr = extend(expr, { kind: 'literal', value: t.t === 'op' ? '*' : t.v });
          continue;
        }
        return undefined;
      }
      if (this.isOp('[')) {
        this.pos++;
        const key = this.isOp('*') ? (this.pos++, { kind: 'literal', value: '*' } as Expr) : this.binary(0);
        if (!key || !this.isOp(']')) return undefined;
        this.pos++;
        expr = extend(expr, key);
        continue;
      }
      break;
    }
    return expr;
  }

  private primary(): Expr | undefined {
    const t = this.peek();
    if (!t) return undefined;
    this.pos++;
    if (t.t === 'str') return { kind: 'literal', value: t.v };
    if (t.t === 'num') return { kind: 'literal', value: t.v };
    if (t.t === 'op') {
      if (t.v !== '(') return undefined;
      const inner = this.binary(0);
      if (!inner || !this.isOp(')')) return undefined;
      this.pos++;
      return inner;
    }
    if (t.v === 'true' || t.v === 'false') return { kind: 'literal', value: t.v === 'true' };
    if (t.v === 'null') return { kind: 'literal', value: null };
    if (this.isOp('(')) {
      this.pos++;
      const args: Expr[] = [];
      while (!this.isOp(')')) {
        const arg = this.binary(0);
        if (!arg) return undefined;
        args.push(arg);
        if (this.isOp(',')) this.pos++;
        else if (!this.isOp(')')) return undefined;
      }
      this.pos++;
      return { kind: 'call', name: t.v.toLowerCase(), args };
    }
    return { kind: 'ref', path: [t.v], text: t.v };
  }
}

/** `a.b` and `a['b']` on a reference stay a reference path; anything else is an index expression. */
function extend(target: Expr, key: Expr): Expr {
  if (target.kind === 'ref' && key.kind === 'literal' && typeof key.value === 'string') {
    return { kind: 'ref', path: [...target.path, key.value], text: `${target.text}.${key.value}` };
  }
  return { kind: 'index', target, key };
}

/** Parses the inside of `${{ }}`; `undefined` when it is not a valid expression. */
export function parseExpression(source: string): Expr | undefined {
  const tokens = tokenize(source);
  return tokens && tokens.length > 0 ? new Parser(tokens).parseAll() : undefined;
}
