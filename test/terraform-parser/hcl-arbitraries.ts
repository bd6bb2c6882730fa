import fc from 'fast-check';

/**
 * fast-check arbitraries printing random but valid HCL native syntax. They stay inside the forms where
 * hcl2-parser's output can be reproduced exactly (see the exceptions listed in differential.test.ts):
 * numbers are small (Go and JavaScript print them alike), `null` never appears inside a template or as
 * a key, and heredocs appear only as whole attribute values.
 */

const VARIABLES = ['var', 'local', 'each', 'count', 'module', 'data', 'aws_instance', 'self', 'path', 'x', 'item', 'my-name', 'zone_a'];
const ATTRS = ['id', 'name', 'arn', 'value', 'tags', 'subnet_ids', 'a', 'b-c', 'zone', 'key'];
const FUNCTIONS = ['length', 'concat', 'merge', 'lookup', 'try', 'max', 'join', 'format', 'element', 'cidrsubnet', 'tolist'];
const ATTRIBUTE_NAMES = ['ami', 'count', 'name', 'instance_type', 'multi_az', 'tags', 'description', 'default', 'value', 'zones', 'engine', 'size', 'enabled', 'for_each', 'depends_on', 'source', 'cidr_block', 'port'];
const BLOCK_TYPES = ['resource', 'data', 'variable', 'output', 'module', 'locals', 'provider', 'terraform', 'dynamic', 'lifecycle', 'ingress', 'content', 'setting'];
const LABELS = ['aws_db_instance', 'main', 'web', 'this', 'aws_lb', 'primary', 'vpc', 'az-1', 'with space', 'é'];
const OPERATORS = ['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%'];

const ident = (names: string[]): fc.Arbitrary<string> => fc.constantFrom(...names);
const space = fc.constantFrom('', ' ', '  ');
const gap = fc.constantFrom('', ' ', '\n', ' \n  ', ' /* c */ ', '\n  # note\n  ');

const numberText = fc.oneof(
  fc.nat(100000).map(String),
  fc.tuple(fc.nat(999), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 6 })).map(([a, e]) => `${a}e${e}`),
);

const literalChar = fc.constantFrom('a', 'Z', '0', ' ', '-', '_', '/', ':', '.', 'é', '\\n', '\\t', '\\"', '\\\\', '\\u00e9', '$${', '%%{', '$', '%', '{', '}', '~');
const quotedLiteral = fc.array(literalChar, { maxLength: 6 }).map((cs) => cs.join(''));
const heredocChar = fc.constantFrom('a', 'Z', '0', ' ', '-', '"', '\\', '{', '}', '$${', '%%{', 'é', '\t');
const heredocLine = fc.array(heredocChar, { maxLength: 6 }).map((cs) => cs.join(''));

interface Arbitraries {
  expr: fc.Arbitrary<string>;
  templateExpr: fc.Arbitrary<string>;
}

const memo = new Map<number, Arbitraries>();

/** Expressions nested at most `depth` levels. */
export function expressionsAt(depth: number): Arbitraries {
  const cached = memo.get(depth);
  if (cached) return cached;
  const variable = fc
    .tuple(ident(VARIABLES), fc.array(fc.oneof(ident(ATTRS).map((a) => '.' + a), fc.nat(3).map((n) => `[${n}]`), fc.nat(3).map((n) => `.${n}`), ident(ATTRS).map((a) => `["${a}"]`)), { maxLength: 3 }))
    .map(([root, rest]) => root + rest.join(''));
  const leafNoNull = fc.oneof(numberText, fc.constantFrom('true', 'false'), variable, quotedLiteral.map((s) => `"${s}"`));
  const leaf = fc.oneof(leafNoNull, fc.constant('null'));
  if (depth <= 0) {
    const result = { expr: leaf, templateExpr: leafNoNull };
    memo.set(depth, result);
    return result;
  }
  const inner = expressionsAt(depth - 1);
  const sub = inner.expr;
  const template = fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: quotedLiteral },
        { weight: 2, arbitrary: fc.tuple(fc.boolean(), inner.templateExpr, fc.boolean(), space).map(([l, e, r, s]) => '${' + (l ? '~' : '') + s + e + s + (r ? '~' : '') + '}') },
        {
          weight: 1,
          arbitrary: fc
            .tuple(inner.templateExpr, quotedLiteral, fc.option(quotedLiteral, { nil: undefined }), fc.boolean(), fc.boolean())
            .map(([c, t, f, l, r]) => `%{${l ? '~' : ''} if ${c} ${r ? '~' : ''}}${t}${f === undefined ? '' : `%{ else }${f}`}%{${r ? '~' : ''} endif }`),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.boolean(), inner.templateExpr, quotedLiteral, fc.boolean())
            .map(([two, coll, body, strip]) => `%{ for ${two ? 'k, v' : 'v'} in ${coll} ${strip ? '~' : ''}}${body}\${v}%{ endfor }`),
        },
      ),
      { maxLength: 4 },
    )
    .map((parts) => `"${parts.join('')}"`);
  const tuple = fc
    .tuple(fc.array(fc.tuple(sub, gap), { maxLength: 4 }), fc.boolean())
    .map(([els, trailing]) => '[' + els.map(([e, g]) => e + g).join(', ') + (trailing && els.length > 0 ? ',' : '') + ']');
  const key = fc.oneof(ident(ATTRS), ident(ATTRS).map((a) => `"${a}"`), inner.templateExpr.map((e) => `(${e})`), fc.nat(50).map(String));
  const object = fc
    .tuple(fc.array(fc.tuple(key, fc.constantFrom(' = ', ': ', '='), sub), { maxLength: 4 }), fc.constantFrom(', ', '\n', ',\n'))
    .map(([items, sep]) => '{' + (sep === ', ' ? ' ' : '\n') + items.map(([k, s, v]) => k + s + v).join(sep) + (sep === ', ' ? ' ' : '\n') + '}');
  const call = fc
    .tuple(ident(FUNCTIONS), fc.array(sub, { maxLength: 3 }), fc.boolean())
    .map(([f, args, expand]) => `${f}(${args.join(', ')}${expand && args.length > 0 ? '...' : ''})`);
  const postfix = fc
    .tuple(fc.oneof(variable, call, sub.map((e) => `(${e})`)), fc.array(fc.constantFrom('.*', '[*]', '.*.id', '[*].name[0]', '[0]', '.tags', '["k"]', '[count.index]'), { minLength: 1, maxLength: 2 }))
    .map(([e, rest]) => e + rest.join(''));
  const forExpr = fc.oneof(
    fc.tuple(fc.boolean(), sub, sub, fc.option(sub, { nil: undefined })).map(([two, c, v, cond]) => `[for ${two ? 'i, x' : 'x'} in ${c} : ${v}${cond === undefined ? '' : ` if ${cond}`}]`),
    fc
      .tuple(sub, sub, sub, fc.boolean(), fc.option(sub, { nil: undefined }))
      .map(([c, k, v, group, cond]) => `{ for k, v in ${c} : ${k} => ${v}${group ? '...' : ''}${cond === undefined ? '' : ` if ${cond}`} }`),
  );
  const conditional = fc.tuple(sub, sub, sub).map(([c, t, f]) => `${c} ? ${t} : ${f}`);
  const binary = fc.tuple(sub, fc.constantFrom(...OPERATORS), sub, space).map(([l, op, r, s]) => `${l}${s}${op} ${r}`);
  const unary = fc.tuple(fc.constantFrom('-', '!'), fc.oneof(numberText, variable, fc.constantFrom('true', 'false'), sub.map((e) => `(${e})`))).map(([op, e]) => op + e);
  const parens = sub.map((e) => `(${e})`);
  const compound = fc.oneof(template, tuple, object, call, postfix, forExpr, conditional, binary, unary, parens);
  const result: Arbitraries = {
    expr: fc.oneof({ weight: 1, arbitrary: leaf }, { weight: 2, arbitrary: compound }),
    templateExpr: fc.oneof(leafNoNull, call, postfix, binary, parens, template),
  };
  memo.set(depth, result);
  return result;
}

const heredoc = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(fc.nat(4), heredocLine, fc.option(expressionsAt(1).templateExpr, { nil: undefined })), { maxLength: 4 }), fc.nat(3))
  .map(([indented, lines, closeIndent]) => {
    const body = lines.map(([indent, text, interp]) => ' '.repeat(indent) + text + (interp === undefined ? '' : '${' + interp + '}') + '\n').join('');
    return `<<${indented ? '-' : ''}EOT\n${body}${indented ? ' '.repeat(closeIndent) : ''}EOT`;
  });

const comment = fc.constantFrom('', '', '', ' # trailing', ' // trailing', ' /* inline */');

const attribute = (depth: number): fc.Arbitrary<[string, string]> =>
  fc.tuple(ident(ATTRIBUTE_NAMES), fc.oneof({ weight: 6, arbitrary: expressionsAt(depth).expr }, { weight: 1, arbitrary: heredoc }), comment).map(([n, v, c]) => [n, `${n} = ${v}${c}`]);

const blockHeader = fc
  .tuple(ident(BLOCK_TYPES), fc.array(fc.oneof(ident(LABELS).map((l) => `"${l}"`), ident(['main', 'web', 'primary'])), { maxLength: 2 }))
  .map(([t, labels]) => [t, ...labels].join(' '));

function bodyAt(depth: number): fc.Arbitrary<string> {
  const attributes = fc.uniqueArray(attribute(2), { maxLength: 4, selector: ([n]) => n }).map((as) => as.map(([, text]) => text));
  const oneLine = fc
    .tuple(blockHeader, fc.option(fc.tuple(ident(ATTRIBUTE_NAMES), expressionsAt(1).templateExpr), { nil: undefined }))
    .map(([h, a]) => (a === undefined ? `${h} {}` : `${h} { ${a[0]} = ${a[1]} }`));
  const blocks =
    depth <= 0
      ? fc.array(oneLine, { maxLength: 2 })
      : fc.array(fc.oneof(oneLine, fc.tuple(blockHeader, bodyAt(depth - 1)).map(([h, b]) => `${h} {\n${b}}`)), { maxLength: 3 });
  return fc
    .tuple(attributes, blocks, fc.constantFrom('', '# leading comment\n', '\n', '/* block\ncomment */\n'))
    .map(([as, bs, lead]) => lead + [...as, ...bs].map((line) => line + '\n').join(''));
}

/** A whole HCL file, sometimes with Windows line ends. */
export const hclFile: fc.Arbitrary<string> = fc
  .tuple(bodyAt(2), fc.integer({ min: 0, max: 9 }))
  .map(([text, dice]) => (dice === 0 ? text.replace(/\n/g, '\r\n') : text));
