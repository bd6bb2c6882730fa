import type { FileResult, Finding, Severity } from '@nospof/api';
import { controlOf, countByControl, FRAMEWORKS, inFramework, type ControlCount } from './compliance.js';
import { html, htmlCodeLine } from './escape.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { notificationsOf } from './notifications.js';
import type { FormatContext, Formatter } from './types.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const EXCERPT_CONTEXT = 2;

interface Row {
  readonly file: string;
  readonly finding: Finding;
}

/**
 * A self-contained HTML report for a compliance review: totals per severity, rule and control, a chart
 * of open findings per control, and every finding with its code, filterable by severity, rule, control,
 * status and text. One file, inline style and script, no network. Everything from the scanned files is
 * HTML-escaped; the script only filters rows and builds no markup.
 */
export const htmlReport: Formatter = (results, context) => {
  const rows: Row[] = results.flatMap((r) => r.findings.map((finding) => ({ file: r.file, finding })));
  const open = rows.filter((r) => !r.finding.suppressed);
  const controls = countByControl(results, context.compliance);
  const scope = context.compliance ? ` — ${FRAMEWORKS[context.compliance].name}` : '';
  const body = [
    '<header>',
    `<h1>nospof availability report${html(scope)}</h1>`,
    `<p class="meta">${results.length} file${results.length === 1 ? '' : 's'} checked by nospof ${html(context.version)}${context.compliance ? `; findings limited to ${html(FRAMEWORKS[context.compliance].name)} controls` : ''}.</p>`,
    '</header>',
    '<main>',
    totals(open, rows.length - open.length),
    '<h2>Open findings per control</h2>',
    chart(controls),
    controlTable(controls),
    '<h2>Rules</h2>',
    ruleTable(rows, context),
    unreadable(results, context),
    '<h2>Findings</h2>',
    rows.length === 0 ? '<p class="none">No single points of failure found.</p>' : findingsTable(rows, controls, context),
    '</main>',
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>nospof report${html(scope)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

function totals(open: readonly Row[], suppressed: number): string {
  const cards = SEVERITIES.map((s) => {
    const n = open.filter((r) => r.finding.severity === s).length;
    return `<div class="card ${s}" data-total="${s}"><span class="n">${n}</span>${s === 'info' ? 'info' : `${s}s`}</div>`;
  });
  cards.push(`<div class="card" data-total="suppressed"><span class="n">${suppressed}</span>suppressed</div>`);
  return `<div class="cards" data-total-open="${open.length}">${cards.join('')}</div>`;
}

/** Horizontal bars: open and suppressed findings per control. */
function chart(controls: readonly ControlCount[]): string {
  const labelWidth = 200;
  const barWidth = 420;
  const rowHeight = 24;
  const max = Math.max(1, ...controls.map((c) => c.open + c.suppressed));
  const height = controls.length * rowHeight + 8;
  const bars = controls.map((c, i) => {
    const y = 4 + i * rowHeight;
    const openWidth = Math.round((c.open / max) * barWidth);
    const suppressedWidth = Math.round((c.suppressed / max) * barWidth);
    const label = c.control.framework ? `${FRAMEWORKS[c.control.framework].short} ${c.control.id}` : c.control.tag;
    return [
      `<text x="0" y="${y + 15}">${html(label)}</text>`,
      `<rect class="bar-open" x="${labelWidth}" y="${y + 3}" width="${openWidth}" height="16"><title>${html(`${c.control.tag}: ${c.open} open`)}</title></rect>`,
      `<rect class="bar-suppressed" x="${labelWidth + openWidth}" y="${y + 3}" width="${suppressedWidth}" height="16"><title>${html(`${c.control.tag}: ${c.suppressed} suppressed`)}</title></rect>`,
      `<text x="${labelWidth + openWidth + suppressedWidth + 6}" y="${y + 15}">${c.open}</text>`,
    ].join('');
  });
  return `<svg role="img" aria-label="Open findings per control" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}"><line class="axis" x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}"/>${bars.join('')}</svg>`;
}

function controlTable(controls: readonly ControlCount[]): string {
  const lines = controls.map(
    (c) =>
      `<tr data-control="${html(c.control.tag)}"><td>${html(c.control.framework ? FRAMEWORKS[c.control.framework].name : '')}</td><td><code>${html(c.control.id)}</code></td><td>${html(c.control.title)}</td><td class="num">${c.open}</td><td class="num">${c.suppressed}</td><td>${c.rules.map((r) => `<code>${html(r)}</code>`).join(' ')}</td></tr>`,
  );
  return `<table id="controls"><thead><tr><th>Framework</th><th>Control</th><th>Title</th><th>Open</th><th>Suppressed</th><th>Rules with findings</th></tr></thead><tbody>${lines.join('')}</tbody></table>`;
}

function ruleTable(rows: readonly Row[], context: FormatContext): string {
  const byRule = new Map<string, { open: number; suppressed: number; severity: Severity }>();
  for (const { finding: f } of rows) {
    const e = byRule.get(f.ruleId) ?? { open: 0, suppressed: 0, severity: f.severity };
    if (f.suppressed) e.suppressed++;
    else e.open++;
    if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(e.severity)) e.severity = f.severity;
    byRule.set(f.ruleId, e);
  }
  if (byRule.size === 0) return '<p class="none">No rule found anything.</p>';
  const lines = [...byRule]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, e]) => {
      const rule = context.rules.get(id);
      return `<tr data-rule="${html(id)}"><td><code>${html(id)}</code></td><td><span class="sev ${e.severity}">${e.severity}</span></td><td class="num">${e.open}</td><td class="num">${e.suppressed}</td><td>${html(rule?.meta.docs.description ?? '')}</td></tr>`;
    });
  return `<table id="rules"><thead><tr><th>Rule</th><th>Severity</th><th>Open</th><th>Suppressed</th><th>Checks that</th></tr></thead><tbody>${lines.join('')}</tbody></table>`;
}

function unreadable(results: readonly FileResult[], context: FormatContext): string {
  const notes = notificationsOf(results, context);
  if (notes.length === 0) return '';
  const items = notes.map((n) => `<li><code>${html(n.file)}</code>: ${html(n.message)}</li>`);
  return `<h2>Files not checked</h2><ul id="unreadable">${items.join('')}</ul>`;
}

function findingsTable(rows: readonly Row[], controls: readonly ControlCount[], context: FormatContext): string {
  const ruleIds = [...new Set(rows.map((r) => r.finding.ruleId))].sort();
  const option = (value: string, label = value) => `<option value="${html(value)}">${html(label)}</option>`;
  const filters = [
    '<div class="filters">',
    `<label>Severity<select id="f-severity">${option('', 'all')}${SEVERITIES.map((s) => option(s)).join('')}</select></label>`,
    `<label>Rule<select id="f-rule">${option('', 'all')}${ruleIds.map((id) => option(id)).join('')}</select></label>`,
    `<label>Control<select id="f-control">${option('', 'all')}${controls.map((c) => option(c.control.tag)).join('')}</select></label>`,
    `<label>Status<select id="f-status">${option('open')}${option('suppressed')}${option('all')}</select></label>`,
    '<label>Text<input id="f-text" type="search" placeholder="file, message, resource"></label>',
    '<span id="shown"></span>',
    '</div>',
  ];
  const split = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string) => {
    if (!split.has(file)) split.set(file, context.sources.get(file)?.split('\n'));
    return split.get(file);
  };
  const lines = rows.map((r) => findingRow(r, context, linesOf(r.file)));
  return `${filters.join('')}<table id="findings"><thead><tr><th>Severity</th><th>Location</th><th>Rule</th><th>Finding</th><th>Controls</th></tr></thead><tbody>${lines.join('')}</tbody></table>`;
}

function findingRow({ file, finding: f }: Row, context: FormatContext, source: readonly string[] | undefined): string {
  const tags = (f.compliance ?? []).filter((t) => !context.compliance || inFramework(t, context.compliance));
  const where = `${file}:${f.range.start.line}:${f.range.start.column}`;
  const status = f.suppressed ? 'suppressed' : 'open';
  const details = [
    f.resource ? `<div>Resource: <code>${html(f.resource)}</code></div>` : '',
    f.suppressed ? `<div>Suppressed (${html(f.suppressed.source)}): ${html(f.suppressed.reason || 'no reason given')}</div>` : '',
    f.related && f.related.length > 0
      ? `<ul class="related">${f.related.map((x) => `<li><code>${html(`${x.file}:${x.range.start.line}:${x.range.start.column}`)}</code> ${html(x.message)}</li>`).join('')}</ul>`
      : '',
    excerpt(source, f),
  ].join('');
  return [
    `<tr class="${status}" data-severity="${f.severity}" data-rule="${html(f.ruleId)}" data-status="${status}" data-controls="${html(JSON.stringify(tags))}">`,
    `<td><span class="sev ${f.severity}">${f.severity}</span></td>`,
    `<td><code>${html(where)}</code></td>`,
    `<td><code>${html(f.ruleId)}</code></td>`,
    `<td>${html(f.message)}${details ? `<details><summary>details</summary>${details}</details>` : ''}</td>`,
    `<td>${tags.map((t) => `<code title="${html(controlOf(t).title)}">${html(t)}</code>`).join(' ')}</td>`,
    '</tr>',
  ].join('');
}

/** The finding's lines with two lines around them, numbered, the finding's own lines marked. */
function excerpt(lines: readonly string[] | undefined, f: Finding): string {
  if (lines === undefined) return '';
  const first = Math.max(1, f.range.start.line - EXCERPT_CONTEXT);
  const last = Math.min(lines.length, Math.max(f.range.start.line, Math.min(f.range.end.line, f.range.start.line + 10)) + EXCERPT_CONTEXT);
  if (first > lines.length) return '';
  const shown: string[] = [];
  for (let n = first; n <= last; n++) {
    const hit = n >= f.range.start.line && n <= f.range.end.line;
    shown.push(`<span class="line${hit ? ' hit' : ''}"><span class="ln">${n}</span>${htmlCodeLine(lines[n - 1] ?? '')}</span>`);
  }
  return `<pre class="excerpt">${shown.join('&#10;')}</pre>`;
}
