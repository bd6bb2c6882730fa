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

/**
 * Bounds on what is parsed, so a hostile file cannot exhaust the stack or make evaluation slow: real
 * expressions have a few dozen tokens and nest a few levels; anything beyond is Unknown.
 */
const MAX_TOKENS = 2048;
const MAX_DEPTH = 64;

const NUMBER = /(?:0x[0-9a-f]+|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/iy;
const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    if (tokens.length > MAX_TOKENS) return undefined;
    const ch = source[i] as string;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        const end = source.indexOf("'", i);
        if (end === -1) return undefined;
        value += source.slice(i, end);
        if (source[end + 1] === "'") {
          value += "'";
          i = end + 2;
          continue;
        }
        i = end + 1;
        break;
      }
      tokens.push({ t: 'str', v: value });
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number && !(ch === '-' && tokens.length > 0 && tokens[tokens.length - 1]?.t !== 'op')) {
      tokens.push({ t: 'num', v: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(source);
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
  private depth = 0;
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
    if (++this.depth > MAX_DEPTH) return undefined;
    try {
      return this.binaryChain(min);
    } finally {
      this.depth--;
    }
  }

  private binaryChain(min: number): Expr | undefined {
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
      if (++this.depth > MAX_DEPTH) return undefined;
      const operand = this.unary();
      this.depth--;
      return operand && { kind: 'not', operand };
    }
    return this.postfix();
  }

  private postfix(): Expr | undefined {
    let expr = this.primary();
    // A reference path grows in place (`a.b.c`), so a long chain costs its length, not its square.
    let path: string[] | undefined = expr?.kind === 'ref' ? [...expr.path] : undefined;
    const settle = (): Expr | undefined => (path && expr?.kind === 'ref' ? { kind: 'ref', path, text: path.join('.') } : expr);
    while (expr) {
      let key: Expr | undefined;
      if (this.isOp('.')) {
        this.pos++;
        const t = this.peek();
        if (t?.t !== 'id' && !(t?.t === 'op' && t.v === '*')) return undefined;
        this.pos++;
        key = { kind: 'literal', value: t.t === 'op' ? '*' : t.v };
      } else if (this.isOp('[')) {
        this.pos++;
        key = this.isOp('*') ? (this.pos++, { kind: 'literal', value: '*' } as Expr) : this.binary(0);
        if (!key || !this.isOp(']')) return undefined;
        this.pos++;
      } else break;
      if (path && key.kind === 'literal' && typeof key.value === 'string') {
        path.push(key.value);
        continue;
      }
      expr = { kind: 'index', target: settle() as Expr, key };
      path = undefined;
    }
    return settle();
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

/** Parses the inside of `${{ }}`; `undefined` when it is not a valid expression. */
export function parseExpression(source: string): Expr | undefined {
  const tokens = tokenize(source);
  return tokens && tokens.length > 0 ? new Parser(tokens).parseAll() : undefined;
}
