import { createHash } from 'node:crypto';

/** The report's only style sheet. No external font, image or URL: the file works offline and is archived as is. */
export const STYLE = `
:root { color-scheme: light; --error: #b42318; --warning: #b54708; --info: #175cd3; --ok: #067647; --line: #d0d5dd; --muted: #667085; --bg: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; background: #fff; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.meta { color: var(--muted); margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; background: var(--bg); }
.card .n { display: block; font-size: 26px; font-weight: 600; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); } .card.info .n { color: var(--info); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11.5px; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
tr.suppressed td { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0 12px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.filters select, .filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; min-width: 150px; }
#shown { margin-left: auto; color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); }
pre.excerpt { margin: 6px 0 0; padding: 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
pre.excerpt .ln { display: inline-block; width: 4em; color: var(--muted); user-select: none; }
pre.excerpt .hit { background: #fef3f2; }
ul.related { margin: 4px 0 0; padding-left: 18px; color: var(--muted); }
svg text { font: 12px system-ui, sans-serif; fill: #101828; }
svg .bar-open { fill: var(--error); } svg .bar-suppressed { fill: #98a2b3; } svg .axis { stroke: var(--line); }
.none { color: var(--ok); }
`;

/**
 * The findings filters. Reads the rows' data attributes and hides what does not match; it never builds
 * markup from data and no element has an inline handler (the Content-Security-Policy would block one).
 */
export const SCRIPT = `
(function () {
  var table = document.getElementById('findings');
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var severity = document.getElementById('f-severity');
  var rule = document.getElementById('f-rule');
  var control = document.getElementById('f-control');
  var status = document.getElementById('f-status');
  var text = document.getElementById('f-text');
  var shown = document.getElementById('shown');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var controls = JSON.parse(d.controls || '[]');
      var ok = (!severity.value || d.severity === severity.value)
        && (!rule.value || d.rule === rule.value)
        && (!control.value || controls.indexOf(control.value) !== -1)
        && (status.value === 'all' || d.status === status.value)
        && (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count + ' of ' + rows.length + ' shown';
  }
  [severity, rule, control, status, text].forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  apply();
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/**
 * Nothing loads from anywhere and only the report's own style sheet and script run: a finding that got
 * through escaping still could not execute or call out.
 */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
