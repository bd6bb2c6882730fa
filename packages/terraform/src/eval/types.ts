import type { Expression } from '../hcl/ast.js';
import type { Evaluator } from './expression.js';
import { isObject, UnknownValue, type TfValue } from './tf-value.js';

/** A variable's type constraint, as far as converting values needs it. */
export type TypeSpec =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeSpec }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeSpec[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, ObjectAttribute> };

export interface ObjectAttribute {
  readonly type: TypeSpec;
  readonly optional: boolean;
  /** `optional(type, default)`: the default's expression (a literal). */
  readonly fallback?: Expression;
}

const ANY: TypeSpec = { kind: 'any' };

/** Reads a type expression (`map(object({ size = optional(number, 2) }))`); anything unexpected is `any`. */
export function parseType(expr: Expression, depth = 0): TypeSpec {
  if (depth > 32) return ANY;
  if (expr.type === 'VariableExpr') {
    return expr.name === 'string' || expr.name === 'number' || expr.name === 'bool' ? { kind: expr.name } : ANY;
  }
  if (expr.type !== 'FunctionCallExpr') return ANY;
  const [first] = expr.args;
  switch (expr.name.name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: expr.name.name, element: first ? parseType(first, depth + 1) : ANY };
    case 'tuple':
      return first?.type === 'TupleExpr' ? { kind: 'tuple', elements: first.elements.map((e) => parseType(e, depth + 1)) } : ANY;
    case 'object': {
      if (first?.type !== 'ObjectExpr') return ANY;
      const attributes = new Map<string, ObjectAttribute>();
      for (const item of first.items) {
        const key = item.key.type === 'VariableExpr' ? item.key.name : item.key.type === 'TemplateExpr' && item.key.parts.length === 1 && item.key.parts[0]?.type === 'TemplateLiteral' ? item.key.parts[0].value : undefined;
        if (key === undefined) continue;
        const value = item.value;
        if (value.type === 'FunctionCallExpr' && value.name.name === 'optional') {
          const [type, fallback] = value.args;
          attributes.set(key, { type: type ? parseType(type, depth + 1) : ANY, optional: true, ...(fallback ? { fallback } : {}) });
        } else attributes.set(key, { type: parseType(value, depth + 1), optional: false });
      }
      return { kind: 'object', attributes };
    }
    default:
      return ANY;
  }
}

/**
 * Converts a value to a type as Terraform does when a variable receives it: strings become numbers or
 * bools, an object type keeps its declared attributes only, and an absent `optional()` attribute becomes
 * its default (or null). Unknown parts stay unknown; a value that does not fit is left as it is.
 */
export function convertValue(value: TfValue, type: TypeSpec, literal: Evaluator, depth = 0): TfValue {
  if (value instanceof UnknownValue || value === null || type.kind === 'any' || depth > 32) return value;
  switch (type.kind) {
    case 'string':
      return typeof value === 'number' ? String(value) : typeof value === 'boolean' ? String(value) : value;
    case 'number':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'bool':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'list':
    case 'set':
      return Array.isArray(value) ? (value as readonly TfValue[]).map((v) => convertValue(v, type.element, literal, depth + 1)) : value;
    case 'map':
      if (!isObject(value)) return value;
      {
        // Key by key rather than through entry pairs: every module call converts its map arguments.
        const out: Record<string, TfValue> = {};
        for (const k of Object.keys(value)) {
          const v = convertValue(value[k] as TfValue, type.element, literal, depth + 1);
          // A key named `__proto__` stays a key (as `Object.fromEntries` made it), not the object's prototype.
          if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
          else out[k] = v;
        }
        return out;
      }
    case 'tuple':
      return Array.isArray(value) ? (value as readonly TfValue[]).map((v, i) => convertValue(v, type.elements[i] ?? ANY, literal, depth + 1)) : value;
    case 'object': {
      if (!isObject(value)) return value;
      const out: Record<string, TfValue> = {};
      for (const [name, attribute] of type.attributes) {
        if (name in value && value[name] !== null) out[name] = convertValue(value[name] as TfValue, attribute.type, literal, depth + 1);
        else if (attribute.optional || name in value) {
          out[name] = attribute.fallback ? convertValue(literal.evaluate(attribute.fallback), attribute.type, literal, depth + 1) : null;
        }
      }
      return out;
    }
  }
}
