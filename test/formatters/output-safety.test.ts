import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '@nospof/api';
import { finding, formatContext, range } from '../helpers/format-input.js';
import { visible } from '../../packages/cli/src/formatters/escape.js';
import { formatters } from '../../packages/cli/src/formatters/index.js';

/**
 * Everything a scanned repository controls — file names, messages (which quote names and values), rule
 * ids of user policies, resources, related locations, suppression reasons, the file text in code frames —
 * is drawn from strings built to break out: line breaks, ESC sequences, bidi overrides, lone surrogates,
 * workflow commands, markup.
 */
const NASTY = [
  '\n', '\r', '\r\n', '\u0000', '\u001b[31m', '\u001b]8;;http://x\u0007', '\u0007', '\b', '\t', '\u000b', '\u007f', '\u0085', '\u009b',
  '\u2028', '\u2029', '\u202e', '\u2066', '\u200f', '\ufffe', '\uffff', '\ud800', '\udfff', '😀',
  '::', '::error file=a,line=1::forged', '::add-mask::', '::stop-commands::tok', '##[error]', '##vso[task.setvariable variable=x]1',
  ' ', '\u00a0', '%', '%0A', ',', ':', '<', '>', '&', '"', "'", '</script>', '<img src=x onerror=alert(1)>', ']]>', '`', '|', '@team', '*', '\\',
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostile = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: codeUnit, maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join(''));

/** Characters no report may hold raw: C0 controls but LF, DEL, C1, separators, bidi controls, non-characters, lone surrogates. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What GitHub's runner (and the older `##[` form) would read as a command: after leading white space. */
const COMMAND_LINE = /^\s*(::|##\[)/;
const SGR = /\u001b\[\d+m/g;

const cwd = mkdtempSync(join(tmpdir(), 'nospof-format-'));

function results(file: string, message: string, ruleId: string, resource: string, reason: string): FileResult[] {
  return [
    {
      file,
      language: 'kubernetes',
      findings: [
        finding({ file, message, ruleId, resource, related: [{ file: `${file}.hpa`, range: range(1, 1), message }], compliance: ['ISO27001:A.8.14', `ISO27001:${reason}`] }),
        finding({ file, message: reason, ruleId, range: range(2, 3, 9), resource: undefined, suppressed: { source: 'comment', reason } }),
        finding({ file, message, ruleId: 'parse-error', range: range(1, 1) }),
      ],
    },
    { file: `${file}/${resource}`, language: 'terraform', findings: [] },
  ];
}

function inputs() {
  return fc.tuple(hostile, hostile, hostile, hostile, hostile, hostile).map(([file, message, rule, resource, reason, text]) => {
    const name = file === '' ? 'x' : file;
    const r = results(name, message, rule === '' ? 'p/x' : rule, resource, reason);
    return { r, sources: new Map([[name, text]]), message, file: name };
  });
}

function checkXml(xml: string): void {
  const parser = sax.parser(true);
  let error: Error | undefined;
  parser.onerror = (e: Error) => {
    error = e;
    parser.resume();
  };
  parser.write(xml).close();
  expect(error).toBeUndefined();
}

/** GitHub's own decoding of a workflow command's property or data. */
function unescapeGithub(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('every formatter keeps hostile text inert', () => {
  for (const [name, format] of Object.entries(formatters)) {
    it(`${name}: no raw control character, no line a CI runner would read as a command`, () => {
      fc.assert(
        fc.property(inputs(), fc.boolean(), ({ r, sources }, color) => {
          const out = format(r, formatContext(r, { cwd, sources, color, compliance: color ? 'iso27001' : undefined }));
          const text = name === 'stylish' ? out.replace(SGR, '') : out;
          expect(text).not.toMatch(RAW_CONTROL);
          for (const line of text.split('\n')) {
            if (name === 'github') expect(line === '' || /^::(error|warning|notice) [^\n]*::/.test(line)).toBe(true);
            else expect(line).not.toMatch(COMMAND_LINE);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('json, sarif and gitlab parse, and keep the message exactly', () => {
    fc.assert(
      fc.property(inputs(), ({ r, sources, message }) => {
        const context = formatContext(r, { cwd, sources });
        const json = JSON.parse(formatters.json!(r, context)) as { findings: { message: string }[] }[];
        expect(json[0]!.findings[0]!.message).toBe(message);
        const sarif = JSON.parse(formatters.sarif!(r, context)) as { runs: { results: { message: { text: string } }[] }[] };
        expect(sarif.runs[0]!.results[0]!.message.text).toBe(message);
        const gitlab = JSON.parse(formatters.gitlab!(r, context)) as { description: string }[];
        expect(gitlab[0]!.description).toBe(message);
      }),
      { numRuns: 150 },
    );
  });

  it('junit and checkstyle always parse as XML', () => {
    fc.assert(
      fc.property(inputs(), ({ r, sources }) => {
        const context = formatContext(r, { cwd, sources });
        checkXml(formatters.junit!(r, context));
        checkXml(formatters.checkstyle!(r, context));
      }),
      { numRuns: 150 },
    );
  });

  it('github: each line is one command whose file and message decode to the escaped originals', () => {
    fc.assert(
      fc.property(inputs(), ({ r, sources }) => {
        const out = formatters.github!(r, formatContext(r, { cwd, sources }));
        const lines = out.split('\n').filter((l) => l !== '');
        const open = r.flatMap((x) => x.findings).filter((f) => !f.suppressed);
        expect(lines).toHaveLength(open.length);
        lines.forEach((line, i) => {
          const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
          expect(match).not.toBeNull();
          const props = Object.fromEntries(match![2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescapeGithub(p.slice(p.indexOf('=') + 1))]));
          expect(Object.keys(props).sort()).toEqual(['col', 'endColumn', 'endLine', 'file', 'line', 'title'].filter((k) => k in props).sort());
          expect(props.title).toBe(visible(open[i]!.ruleId));
          expect(props.line).toBe(String(open[i]!.range.start.line));
          expect(unescapeGithub(match![3]!)).toBe(visible(open[i]!.message));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('html: only the report\'s own elements and attributes, one script, no event handler', () => {
    const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'p', 'main', 'div', 'span', 'svg', 'text', 'rect', 'line', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'details', 'summary', 'ul', 'li', 'pre', 'label', 'select', 'option', 'input', 'script']);
    fc.assert(
      fc.property(inputs(), ({ r, sources }) => {
        const out = formatters.html!(r, formatContext(r, { cwd, sources }));
        expect(out.match(/<script/g)).toHaveLength(1);
        const body = out.slice(out.indexOf('<html'), out.indexOf('<script>'));
        // Every `<` opens one of the report's tags (data never holds a raw `<`), with quoted attributes only.
        const tags = body.match(/<[^>]*>/g) ?? [];
        expect(tags.length).toBe((body.match(/</g) ?? []).length);
        for (const tag of tags) {
          const match = /^<\/?([a-z0-9]+)((?:\s+[a-z0-9-]+="[^"<>]*")*)\s*\/?>$/i.exec(tag);
          expect(match, tag).not.toBeNull();
          expect(allowed.has(match![1]!.toLowerCase())).toBe(true);
          for (const [, attribute] of match![2]!.matchAll(/\s+([a-z0-9-]+)="[^"]*"/gi)) expect(attribute!.toLowerCase().startsWith('on')).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
