import { xml } from './escape.js';
import type { Formatter } from './types.js';

/**
 * One test suite per file and one failing test case per finding, for CI test-report views. Text from the
 * scanned files goes through `xml`: the specials become entities and characters XML forbids (C0 controls,
 * U+FFFE/U+FFFF, lone surrogates) are shown as escapes, so the report always parses.
 */
export const junit: Formatter = (results) => {
  const suites: string[] = [];
  let failures = 0;
  let tests = 0;
  for (const r of results) {
    const shown = r.findings.filter((f) => !f.suppressed);
    const cases = shown.map((f) => {
      const where = `${r.file}:${f.range.start.line}:${f.range.start.column}`;
      return `    <testcase classname="${xml(f.ruleId)}" name="${xml(`${where} ${f.ruleId}`)}" file="${xml(r.file)}" line="${f.range.start.line}">\n      <failure type="${f.severity}" message="${xml(f.message)}">${xml(`${where}: ${f.message} (${f.ruleId})`)}</failure>\n    </testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase classname="nospof" name="${xml(r.file)}" file="${xml(r.file)}" />`);
    failures += shown.length;
    tests += cases.length;
    suites.push(`  <testsuite name="${xml(r.file)}" tests="${cases.length}" failures="${shown.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="nospof" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
};
