import type { Block, Body, Expression, HclFile, TemplateExpr, TemplatePart } from '../../packages/terraform/src/hcl/index.js';

/**
 * Converts our tree to the JSON shape `hcl2-parser` returns (tmccombs/hcl2json `convert` over HCL
 * v2.10), reproducing its rules so the two can be compared with deep equality:
 * - a body is an object: blocks first, nested by type then each label, each leaf an array of bodies;
 *   attributes after them (an attribute overwrites a block of the same name);
 * - literals, tuples, objects and string-literal templates become JSON values; `-1`/`!true` are evaluated;
 * - templates are rebuilt from their parts: literal text as is (escapes decoded), interpolations as
 *   `${<source text>}`, a conditional (directive or interpolated `a ? b : c`) as `%{if …}…%{endif}`,
 *   a for directive as `%{for …}…%{endfor}`;
 * - every other expression is `${<exact source text>}` (plus a following `)`, a quirk of hcl2json);
 * - object keys that are static traversals (`a`, `a.b`, `a["b"]`) are their source text.
 * Where hcl2json fails (conflicting block nesting, a null key or null in a template) this throws
 * ConversionError, and the differential test expects hcl2-parser to fail as well.
 */
export class ConversionError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function toHcl2Object(file: HclFile, text: string): JsonObject {
  return new Converter(text).body(file.body);
}

class Converter {
  constructor(private readonly text: string) {}

  body(body: Body): JsonObject {
    const out: JsonObject = {};
    for (const item of body.items) if (item.type === 'Block') this.block(item, out);
    for (const item of body.items) if (item.type === 'Attribute') set(out, item.name.name, this.expression(item.value));
    return out;
  }

  private block(block: Block, root: JsonObject): void {
    let out = root;
    let key = block.blockType.name;
    for (const label of block.labels) {
      if (Object.hasOwn(out, key)) {
        const next = out[key];
        if (next === null || typeof next !== 'object' || Array.isArray(next)) throw new ConversionError(`block ${key} conflicts`);
        out = next;
      } else {
        const next: JsonObject = {};
        set(out, key, next);
        out = next;
      }
      key = label.value;
    }
    const value = this.body(block.body);
    if (Object.hasOwn(out, key)) {
      const current = out[key];
      if (!Array.isArray(current)) throw new ConversionError(`block ${key} conflicts`);
      current.push(value);
    } else set(out, key, [value]);
  }

  expression(e: Expression): Json {
    switch (e.type) {
      case 'LiteralValue':
        return e.value;
      case 'UnaryExpr': {
        if (e.operand.type !== 'LiteralValue') return this.wrap(e);
        const v = e.operand.value;
        if (e.operator === '-' && typeof v === 'number') return -v;
        if (e.operator === '!' && typeof v === 'boolean') return !v;
        throw new ConversionError('invalid unary operand');
      }
      case 'TemplateExpr':
        return this.template(e);
      case 'TemplateWrapExpr':
        return this.expression(e.wrapped);
      case 'TupleExpr':
        return e.elements.map((x) => this.expression(x));
      case 'ObjectExpr': {
        const out: JsonObject = {};
        for (const item of e.items) set(out, this.key(item.key), this.expression(item.value));
        return out;
      }
      default:
        return this.wrap(e);
    }
  }

  private source(e: { range: { start: { offset: number }; end: { offset: number } } }): string {
    let end = e.range.end.offset;
    if (this.text[end] === ')') end++;
    return this.text.slice(e.range.start.offset, end);
  }

  private wrap(e: Expression): string {
    return '${' + this.source(e) + '}';
  }

  private template(t: TemplateExpr): string {
    return this.parts(t.parts);
  }

  private parts(parts: readonly TemplatePart[]): string {
    if (parts.length === 0) return '';
    let out = '';
    for (const part of parts) {
      switch (part.type) {
        case 'TemplateLiteral':
          out += part.value;
          break;
        case 'TemplateInterpolation':
          out += this.stringPart(part.expression);
          break;
        case 'TemplateIf': {
          out += '%{if ' + this.source(part.condition) + '}' + this.parts(part.then);
          const otherwise = this.parts(part.else ?? []);
          if (otherwise.length > 0) out += '%{else}' + otherwise;
          out += '%{endif}';
          break;
        }
        case 'TemplateFor':
          out += '%{for ' + (part.keyVar ? part.keyVar.name + ', ' : '') + part.valueVar.name + ' in ' + this.source(part.collection) + '}';
          out += this.parts(part.body) + '%{endfor}';
          break;
      }
    }
    return out;
  }

  private stringPart(e: Expression): string {
    switch (e.type) {
      case 'LiteralValue':
        if (e.value === null) throw new ConversionError('null in a template');
        return String(e.value);
      case 'TemplateExpr':
        return this.template(e);
      case 'TemplateWrapExpr':
        return this.stringPart(e.wrapped);
      case 'ConditionalExpr': {
        let out = '%{if ' + this.source(e.condition) + '}' + this.stringPart(e.trueResult);
        const otherwise = this.stringPart(e.falseResult);
        if (otherwise.length > 0) out += '%{else}' + otherwise;
        return out + '%{endif}';
      }
      default:
        return this.wrap(e);
    }
  }

  private key(e: Expression): string {
    if (isStaticTraversal(e)) return this.source(e);
    return this.stringPart(e);
  }
}

function isStaticTraversal(e: Expression): boolean {
  switch (e.type) {
    case 'VariableExpr':
      return true;
    case 'GetAttrExpr':
      return isStaticTraversal(e.object);
    case 'IndexExpr':
      return isStaticTraversal(e.collection) && isLiteralKey(e.key);
    default:
      return false;
  }
}

function isLiteralKey(e: Expression): boolean {
  if (e.type === 'LiteralValue') return true;
  return e.type === 'TemplateExpr' && e.parts.length === 1 && e.parts[0]?.type === 'TemplateLiteral';
}

function set(out: JsonObject, key: string, value: Json): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
