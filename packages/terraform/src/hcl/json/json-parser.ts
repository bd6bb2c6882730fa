/** A JSON value with the offsets of the text it came from (`end` exclusive; strings include quotes). */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonScalar;

export interface JsonMember {
  readonly key: JsonString;
  readonly value: JsonNode;
}

export interface JsonObject {
  readonly kind: 'object';
  readonly members: JsonMember[];
  readonly start: number;
  readonly end: number;
}

export interface JsonArray {
  readonly kind: 'array';
  readonly elements: JsonNode[];
  readonly start: number;
  readonly end: number;
}

export interface JsonString {
  readonly kind: 'string';
  readonly value: string;
  /** True when the raw text holds escapes, so decoded and raw offsets differ. */
  readonly escaped: boolean;
  readonly start: number;
  readonly end: number;
}

export interface JsonScalar {
  readonly kind: 'number' | 'boolean' | 'null';
  readonly value: number | boolean | null;
  readonly start: number;
  readonly end: number;
}

export interface JsonSyntaxError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type JsonParseResult = { value: JsonNode; error?: undefined } | { value?: undefined; error: JsonSyntaxError };

const MAX_DEPTH = 500;

class Failure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/**
 * A strict JSON parser (RFC 8259) that keeps offsets for every value and key, which `JSON.parse`
 * cannot. Never throws: the first syntax error is returned with its range.
 */
export function parseJson(text: string): JsonParseResult {
  const p = new JsonParser(text);
  try {
    p.skipSpace();
    const value = p.value(0);
    p.skipSpace();
    if (p.pos < text.length) throw new Failure('Unexpected text after the JSON value', p.pos, p.pos + 1);
    return { value };
  } catch (e) {
    if (e instanceof Failure) return { error: { message: e.message, start: e.start, end: e.end } };
    throw e;
  }
}

class JsonParser {
  pos = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  skipSpace(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++this.pos);
  }

  private unexpected(expected: string): never {
    if (this.pos >= this.text.length) throw new Failure(`Unexpected end of file; expected ${expected}`, this.pos, this.pos);
    throw new Failure(`Unexpected character ${JSON.stringify(this.text[this.pos])}; expected ${expected}`, this.pos, this.pos + 1);
  }

  value(depth: number): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123:
        return this.object(depth + 1);
      case 91:
        return this.array(depth + 1);
      case 34:
        return this.string();
      case 116:
        return this.word('true', true);
      case 102:
        return this.word('false', false);
      case 110:
        return this.word('null', null);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number();
        this.unexpected('a JSON value');
    }
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) throw new Failure('JSON nested too deeply', this.pos, this.pos + 1);
  }

  private object(depth: number): JsonObject {
    this.enter(depth);
    const start = this.pos++;
    const members: JsonMember[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) return { kind: 'object', members, start, end: ++this.pos };
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) this.unexpected('a quoted property name');
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) this.unexpected('":" after the property name');
      this.pos++;
      this.skipSpace();
      members.push({ key, value: this.value(depth) });
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        this.skipSpace();
        continue;
      }
      if (c === 125) return { kind: 'object', members, start, end: ++this.pos };
      this.unexpected('"," or "}"');
    }
  }

  private array(depth: number): JsonArray {
    this.enter(depth);
    const start = this.pos++;
    const elements: JsonNode[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) return { kind: 'array', elements, start, end: ++this.pos };
    for (;;) {
      elements.push(this.value(depth));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        this.skipSpace();
        continue;
      }
      if (c === 93) return { kind: 'array', elements, start, end: ++this.pos };
      this.unexpected('"," or "]"');
    }
  }

  private word(word: string, value: boolean | null): JsonScalar {
    if (!this.text.startsWith(word, this.pos)) this.unexpected('a JSON value');
    const start = this.pos;
    this.pos += word.length;
    return { kind: value === null ? 'null' : 'boolean', value, start, end: this.pos };
  }

  private number(): JsonScalar {
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = this.pos;
    const m = match.exec(this.text);
    if (m === null) this.unexpected('a number');
    const start = this.pos;
    this.pos += m[0].length;
    return { kind: 'number', value: Number(m[0]), start, end: this.pos };
  }

  private string(): JsonString {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let value = '';
    let chunk = i;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (Number.isNaN(c) || c < 32) throw new Failure('Unterminated string', start, i);
      if (c !== 92) {
        i++;
        continue;
      }
      escaped = true;
      value += text.slice(chunk, i);
      const e = text[i + 1];
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else throw new Failure('Invalid escape sequence', i, Math.min(text.length, i + 2));
      chunk = i;
    }
    value += text.slice(chunk, i);
    this.pos = i + 1;
    return { kind: 'string', value, escaped, start, end: this.pos };
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * For a string with escapes: the raw offset in the file of each decoded UTF-16 unit (plus one past the
 * end), so positions inside a template in a JSON string point at the right characters.
 */
export function decodedOffsets(text: string, s: JsonString): Int32Array {
  const offsets = new Int32Array(s.value.length + 1);
  let i = s.start + 1;
  let k = 0;
  while (k < s.value.length) {
    offsets[k++] = i;
    if (text.charCodeAt(i) === 92) i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  offsets[k] = s.end - 1;
  return offsets;
}
