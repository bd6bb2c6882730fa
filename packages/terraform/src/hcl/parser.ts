import type { Attribute, Block, BlockLabel, Expression, HclFile, Identifier } from './ast.js';
import { ExpressionParser } from './expression-parser.js';
import { exact, nameAt, NESTING, sharedName } from './token-cursor.js';
import { SyntaxFailure } from './syntax-failure.js';
import type { FlatPart } from './template-parts.js';
import * as T from './token-type.js';

export { MAX_NESTING } from './token-cursor.js';

/**
 * Recursive-descent parser of HCL bodies over the token arrays. A syntax error abandons the current
 * attribute or block (a thrown SyntaxFailure) and the body loop resumes at the next line at the same
 * nesting level, so one mistake costs one definition, not the file.
 */
export class Parser extends ExpressionParser {
  parseFile(): HclFile {
    const items = this.parseBodyItems(false);
    const end = this.text.length;
    const range = this.loc.range(0, end);
    return { type: 'HclFile', body: { type: 'Body', items, range }, range };
  }

  /** The whole token stream as one standalone template (`lexTemplate`). */
  parseStandaloneTemplate(): Expression {
    const parts: FlatPart[] = [];
    let trimNext = false;
    try {
      for (;;) {
        const t = this.types[this.pos];
        if (t === T.STRING_LIT) trimNext = this.literalPart(parts, false, trimNext);
        else if (t === T.TEMPLATE_INTERP || t === T.TEMPLATE_CONTROL) trimNext = this.sequencePart(parts);
        else if (t === T.EOF) break;
        else this.failUnexpected('template text');
      }
      if (parts.length === 0) parts.push({ kind: 'literal', value: '', start: 0, end: 0 });
      return this.finishTemplate(parts, 0, this.text.length, undefined);
    } catch (e) {
      return this.invalid(e);
    }
  }

  /** The whole token stream as one expression (JSON strings in expression positions). */
  parseStandaloneExpression(): Expression {
    this.nl = false;
    try {
      const expression = this.parseExpression();
      if (this.peek() !== T.EOF) this.failUnexpected('the end of the expression');
      return expression;
    } catch (e) {
      return this.invalid(e);
    }
  }

  protected invalid(e: unknown): Expression {
    if (!(e instanceof SyntaxFailure)) throw e;
    this.error(e.message, e.start, e.end);
    return { type: 'InvalidExpr', range: this.range(0, this.text.length) };
  }

  protected parseBodyItems(inBlock: boolean): (Attribute | Block)[] {
    const items: (Attribute | Block)[] = [];
    const types = this.types;
    let seen: Map<string, Attribute> | undefined;
    for (;;) {
      const t = types[this.pos];
      if (t === T.NEWLINE) {
        this.pos++;
        continue;
      }
      if (t === T.EOF) return exact(items);
      if (t === T.RBRACE) {
        if (inBlock) return exact(items);
        this.error("Unexpected '}': no block is open here", this.starts[this.pos] as number, this.ends[this.pos] as number);
        this.pos++;
        this.recover(0, false);
        continue;
      }
      const base = this.open;
      const depth = this.depth;
      const nlDepth = this.nlStack.length;
      try {
        const item = this.parseItem(inBlock);
        if (item.type === 'Attribute') {
          // Most bodies hold a handful of attributes: a scan of them is cheaper than a map per body.
          const name = item.name.name;
          let previous: Attribute | undefined;
          if (seen === undefined && items.length < 16) {
            for (const other of items) {
              if (other.type === 'Attribute' && other.name.name === name) {
                previous = other;
                break;
              }
            }
          } else {
            if (seen === undefined) {
              seen = new Map();
              for (const other of items) if (other.type === 'Attribute' && !seen.has(other.name.name)) seen.set(other.name.name, other);
            }
            previous = seen.get(name);
            if (previous === undefined) seen.set(name, item);
          }
          if (previous !== undefined) {
            this.errors.push({
              message: `Duplicate attribute "${name}": already defined at line ${previous.range.start.line}`,
              range: item.name.range,
            });
          }
        }
        items.push(item);
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.error(e.message, e.start, e.end);
        while (this.nlStack.length > nlDepth) this.popNewlines();
        this.nl = true;
        this.depth = depth;
        this.recover(this.open - base, inBlock);
        this.open = base;
      }
    }
  }

  /**
   * Skips to the start of the next line at the nesting level where the failed item began. A `}` that is
   * the first thing on its line still ends the enclosing block, whatever was left unclosed before it.
   */
  protected recover(depth: number, inBlock: boolean): void {
    const types = this.types;
    for (;;) {
      const t = types[this.pos] as number;
      if (t === T.EOF) return;
      if (depth <= 0 && t === T.NEWLINE) {
        this.pos++;
        return;
      }
      if (t === T.RBRACE && inBlock && (depth <= 0 || this.startsLine(this.pos))) return;
      depth += NESTING[t] as number;
      this.pos++;
    }
  }

  protected startsLine(i: number): boolean {
    const text = this.text;
    for (let p = (this.starts[i] as number) - 1; p >= 0; p--) {
      const c = text.charCodeAt(p);
      if (c === 10) return true;
      if (c !== 32 && c !== 9 && c !== 13) return false;
    }
    return true;
  }

  protected parseItem(inBlock: boolean): Attribute | Block {
    if (this.types[this.pos] !== T.IDENT) {
      this.failUnexpected('an attribute name or a block type');
    }
    const nameIndex = this.next();
    const name = this.identifier(nameIndex);
    const t = this.peek();
    if (t === T.EQUAL) {
      this.next();
      const value = this.parseExpression();
      this.endOfItem(inBlock);
      return { type: 'Attribute', name, value, range: this.between(name.range, value.range) };
    }
    if (t === T.LBRACE || t === T.OQUOTE || t === T.IDENT) return this.parseBlock(name, inBlock);
    this.failUnexpected(`"=" to set attribute "${name.name}", or a block body`);
  }

  protected endOfItem(inBlock: boolean): void {
    const t = this.types[this.pos];
    if (t === T.NEWLINE) {
      this.pos++;
      return;
    }
    if (t === T.EOF || (t === T.RBRACE && inBlock)) return;
    this.failUnexpected('a newline after the definition');
  }

  protected parseBlock(blockType: Identifier, inBlock: boolean): Block {
    const labels: BlockLabel[] = [];
    for (;;) {
      const t = this.peek();
      if (t === T.LBRACE) break;
      if (t === T.IDENT) {
        const i = this.next();
        labels.push({ type: 'BlockLabel', value: nameAt(this.text, this.starts[i] as number, this.ends[i] as number), quoted: false, range: this.range(this.starts[i] as number, this.ends[i] as number) });
      } else if (t === T.OQUOTE) labels.push(this.parseLabel());
      else this.failUnexpected(`a block label or "{" to open the "${blockType.name}" block`);
    }
    const openIndex = this.next();
    this.enter(openIndex);
    const openStart = this.starts[openIndex] as number;
    const openEnd = this.ends[openIndex] as number;
    const openBrace = this.range(openStart, openEnd);
    let items: (Attribute | Block)[];
    let closeStart: number;
    let closeEnd: number;
    const after = this.types[this.pos];
    if (after === T.NEWLINE || after === T.EOF) {
      items = this.parseBodyItems(true);
      if (this.types[this.pos] === T.RBRACE) {
        const close = this.next();
        closeStart = this.starts[close] as number;
        closeEnd = this.ends[close] as number;
      } else {
        this.error(`Unclosed block "${blockType.name}": no "}" before the end of the file`, openStart, openEnd);
        closeStart = closeEnd = this.text.length;
        this.open--;
      }
    } else {
      items = [];
      if (this.peek() === T.IDENT) {
        const nameIndex = this.next();
        const name = this.identifier(nameIndex);
        this.expect(T.EQUAL, `"=" after "${name.name}" in a single-line block`);
        const value = this.parseExpression();
        items.push({ type: 'Attribute', name, value, range: this.between(name.range, value.range) });
      }
      if (this.peek() !== T.RBRACE) this.failUnexpected('"}": a single-line block holds at most one attribute');
      const close = this.next();
      closeStart = this.starts[close] as number;
      closeEnd = this.ends[close] as number;
    }
    this.depth--;
    this.endOfItem(inBlock);
    const bodyRange = this.range(openStart, closeEnd);
    return {
      type: 'Block',
      blockType,
      labels: exact(labels),
      body: { type: 'Body', items, range: bodyRange },
      openBrace,
      closeBrace: this.range(closeStart, closeEnd),
      range: this.rangeFrom(blockType.range, closeEnd),
    };
  }

  protected parseLabel(): BlockLabel {
    const open = this.next();
    let value = '';
    for (;;) {
      const t = this.types[this.pos];
      if (t === T.CQUOTE) break;
      if (t === T.QUOTED_LIT) {
        value += this.decode(this.pos, true);
        this.pos++;
        continue;
      }
      if (t === T.TEMPLATE_INTERP || t === T.TEMPLATE_CONTROL) this.fail('Template sequences are not allowed in a block label');
      this.unterminatedString(open);
    }
    const close = this.next();
    return { type: 'BlockLabel', value: sharedName(value), quoted: true, range: this.range(this.starts[open] as number, this.ends[close] as number) };
  }
}
