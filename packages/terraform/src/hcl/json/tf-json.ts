import type { Comment, ParseError, Range, SourceFile } from '@nospof/core';
import { SourceFile as EmbeddedSource } from '@nospof/core';
import type { Attribute, Block, BlockLabel, Body, Expression, HclFile, ObjectItem, TemplateExpr } from '../ast.js';
import { lex, lexTemplate } from '../lexer.js';
import { Locator } from '../locator.js';
import { internalFailure, type HclParseResult } from '../parse-hcl.js';
import { Parser } from '../parser.js';
import { decodedOffsets, parseJson, type JsonNode, type JsonObject, type JsonString } from './json-parser.js';
import { CONFIG_FILE, MAP_ATTRIBUTES, VARIABLES_FILE, type BlockSchema, type BodySchema } from './tf-json-schema.js';

export interface TfJsonOptions {
  /** `variables` for `*.tfvars.json` (top-level attributes); by default decided from the path. */
  readonly kind?: 'config' | 'variables';
}

/**
 * Parses Terraform's JSON syntax (`*.tf.json`, `*.tfvars.json`) into the same tree as `parseHcl`, every
 * range pointing into the JSON text. Strings are HCL templates (`"${var.x}"`), or expressions where
 * Terraform reads them so (`depends_on`, a variable's `type`). A `"//"` property is a comment.
 */
export function parseTfJson(source: SourceFile, options: TfJsonOptions = {}): HclParseResult {
  try {
    return parse(source, options);
  } catch (e) {
    return internalFailure(source, e);
  }
}

function parse(source: SourceFile, options: TfJsonOptions): HclParseResult {
  const loc = new Locator(source.lines);
  const kind = options.kind ?? (source.path.endsWith('.tfvars.json') ? 'variables' : 'config');
  const parsed = parseJson(source.text);
  const whole = loc.range(0, source.text.length);
  const empty = (): HclFile => ({ type: 'HclFile', body: { type: 'Body', items: [], range: whole }, range: whole });
  if (parsed.error) {
    return { root: empty(), errors: [{ message: parsed.error.message, range: loc.range(parsed.error.start, parsed.error.end) }], comments: [] };
  }
  if (parsed.value.kind !== 'object') {
    const v = parsed.value;
    return { root: empty(), errors: [{ message: 'A Terraform JSON file must hold one JSON object', range: loc.range(v.start, v.end) }], comments: [] };
  }
  const builder = new Builder(source, loc);
  const body = builder.body(parsed.value, kind === 'variables' ? VARIABLES_FILE : CONFIG_FILE);
  return { root: { type: 'HclFile', body, range: whole }, errors: builder.errors, comments: builder.comments };
}

class Builder {
  readonly errors: ParseError[] = [];
  readonly comments: Comment[] = [];
  private readonly text: string;

  constructor(
    private readonly source: SourceFile,
    private readonly loc: Locator,
  ) {
    this.text = source.text;
  }

  body(object: JsonObject, schema: BodySchema): Body {
    const items: (Attribute | Block)[] = [];
    for (const { key, value } of object.members) {
      const name = key.value;
      if (name === '//') {
        if (value.kind === 'string') this.comments.push({ text: value.value, range: this.loc.range(key.start, value.end) });
        continue;
      }
      const blockSchema = schema.blocks?.[name];
      if (blockSchema !== undefined) this.blocks(key, value, blockSchema, items);
      else if (schema.objectsAreBlocks === true && !MAP_ATTRIBUTES.has(name) && isObjectOrObjects(value)) {
        this.blocks(key, value, { labels: 0, body: schema }, items);
      } else {
        const expression = this.expression(value, schema.expressions?.has(name) === true);
        items.push({ type: 'Attribute', name: this.identifier(key), value: expression, range: this.loc.range(key.start, value.end) });
      }
    }
    return { type: 'Body', items, range: this.loc.range(object.start, object.end) };
  }

  private identifier(key: JsonString): { type: 'Identifier'; name: string; range: Range } {
    return { type: 'Identifier', name: key.value, range: this.loc.range(key.start + 1, key.end - 1) };
  }

  /** `"type": {"label": {... body ...}}`, as deep as the block has labels; a leaf array is several blocks. */
  private blocks(typeKey: JsonString, value: JsonNode, schema: BlockSchema, out: (Attribute | Block)[]): void {
    const visit = (node: JsonNode, labels: BlockLabel[], labelStart: number): void => {
      if (labels.length < schema.labels) {
        if (node.kind !== 'object') {
          this.error(`Expected an object keyed by the ${ordinal(labels.length + 1)} label of "${typeKey.value}"`, node.start, node.end);
          return;
        }
        for (const member of node.members) {
          if (member.key.value === '//') continue;
          const label: BlockLabel = { type: 'BlockLabel', value: member.key.value, quoted: true, range: this.loc.range(member.key.start, member.key.end) };
          visit(member.value, [...labels, label], member.key.start);
        }
        return;
      }
      if (node.kind === 'array') {
        for (const element of node.elements) this.block(typeKey, element, labels, schema.labels === 0 ? element.start : labelStart, schema, out);
      } else this.block(typeKey, node, labels, labelStart, schema, out);
    };
    visit(value, [], typeKey.start);
  }

  private block(typeKey: JsonString, node: JsonNode, labels: BlockLabel[], start: number, schema: BlockSchema, out: (Attribute | Block)[]): void {
    if (node.kind !== 'object') {
      this.error(`Expected an object for the body of the "${typeKey.value}" block`, node.start, node.end);
      return;
    }
    out.push({
      type: 'Block',
      blockType: this.identifier(typeKey),
      labels,
      body: this.body(node, schema.body),
      openBrace: this.loc.range(node.start, node.start + 1),
      closeBrace: this.loc.range(node.end - 1, node.end),
      range: this.loc.range(start, node.end),
    });
  }

  private expression(node: JsonNode, asExpression: boolean): Expression {
    switch (node.kind) {
      case 'string':
        return this.string(node, asExpression);
      case 'number':
      case 'boolean':
      case 'null':
        return { type: 'LiteralValue', value: node.value, range: this.loc.range(node.start, node.end) };
      case 'array':
        return { type: 'TupleExpr', elements: node.elements.map((e) => this.expression(e, asExpression)), range: this.loc.range(node.start, node.end) };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const { key, value } of node.members) {
          if (key.value === '//') continue;
          items.push({
            type: 'ObjectItem',
            key: this.literal(key),
            value: this.expression(value, asExpression),
            separator: ':',
            range: this.loc.range(key.start, value.end),
          });
        }
        return { type: 'ObjectExpr', items, range: this.loc.range(node.start, node.end) };
      }
    }
  }

  private literal(s: JsonString): TemplateExpr {
    return {
      type: 'TemplateExpr',
      parts: [{ type: 'TemplateLiteral', value: s.value, range: this.loc.range(s.start + 1, s.end - 1) }],
      range: this.loc.range(s.start, s.end),
    };
  }

  private string(s: JsonString, asExpression: boolean): Expression {
    if (!asExpression && s.value.indexOf('${') === -1 && s.value.indexOf('%{') === -1) return this.literal(s);
    const embedded = new EmbeddedSource(this.source.path, s.value);
    const lexed = asExpression ? lex(s.value) : lexTemplate(s.value);
    const parser = new Parser(s.value, lexed.tokens, new Locator(embedded.lines));
    const expression = asExpression ? parser.parseStandaloneExpression() : parser.parseStandaloneTemplate();
    const offsets = s.escaped ? decodedOffsets(this.text, s) : undefined;
    const base = s.start + 1;
    const toFile = (offset: number): number => (offsets ? (offsets[offset] ?? s.end - 1) : base + offset);
    const remap = (r: Range): Range => this.loc.range(toFile(r.start.offset), toFile(r.end.offset));
    for (const e of lexed.errors) this.error(e.message, toFile(e.start), toFile(e.end));
    for (const e of parser.errors) this.errors.push({ message: e.message, range: remap(e.range) });
    mapRanges(expression, remap);
    if (!asExpression) (expression as { range: Range }).range = this.loc.range(s.start, s.end);
    return expression;
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, range: this.loc.range(start, end) });
  }
}

function isObjectOrObjects(node: JsonNode): boolean {
  if (node.kind === 'object') return true;
  return node.kind === 'array' && node.elements.length > 0 && node.elements.every((e) => e.kind === 'object');
}

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : `${n}th`;
}

/** Rewrites every `range` in a freshly parsed subtree (nobody else holds it yet, so mutation is safe). */
function mapRanges(node: unknown, remap: (r: Range) => Range): void {
  if (Array.isArray(node)) {
    for (const child of node) mapRanges(child, remap);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key === 'range') record[key] = remap(value as Range);
    else if (typeof value === 'object' && value !== null) mapRanges(value, remap);
  }
}
