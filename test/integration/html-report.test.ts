import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'packages/cli/bin/nospof.js');
/** Kept out of git (.gitignore), where CI can pick the screenshot up as an artifact. */
const outDir = join(repo, 'test/integration/.out');

interface JsonFinding {
  ruleId: string;
  severity: string;
  compliance?: string[];
  suppressed?: unknown;
  file: string;
}

/** The parts of a DOM document the XML check reads. */
interface XmlDocument {
  getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }>;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
}

function nospof(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The example platform, with one finding accepted by a suppression so the report has both kinds. */
function examplePlatform(): string {
  const root = mkdtempSync(join(tmpdir(), 'nospof-html-'));
  cpSync(join(repo, 'examples'), join(root, 'examples'), { recursive: true });
  const cart = join(root, 'examples/platform/k8s/cart/deployment.yaml');
  writeFileSync(cart, readFileSync(cart, 'utf8').replace('  replicas: 1\n', '  # nospof-ignore kubernetes/min-replicas -- the cart is rebuilt from the session store\n  replicas: 1\n'));
  return root;
}

describe('the html report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let findings: JsonFinding[];
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const root = examplePlatform();
    const report = join(root, 'report.html');
    expect(nospof(root, ['examples/', '--format', 'html', '--output-file', report]).code).toBe(1);
    findings = (JSON.parse(nospof(root, ['examples/', '--format', 'json']).stdout) as { findings: JsonFinding[] }[]).flatMap((r) => r.findings);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(report).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const open = () => findings.filter((f) => !f.suppressed);
  const visibleRows = () => page.locator('#findings tbody tr:visible').count();

  it('shows the totals of the run', async () => {
    expect(open().length).toBeGreaterThan(10);
    for (const severity of ['error', 'warning', 'info']) {
      const expected = open().filter((f) => f.severity === severity).length;
      expect(await page.locator(`[data-total="${severity}"] .n`).textContent()).toBe(String(expected));
    }
    expect(await page.locator('[data-total="suppressed"] .n').textContent()).toBe('1');
    const hipaa = open().filter((f) => f.compliance?.includes('HIPAA:164.308(a)(7)')).length;
    expect(await page.locator('#controls tr[data-control="HIPAA:164.308(a)(7)"] td.num').first().textContent()).toBe(String(hipaa));
    expect(await page.locator('svg[aria-label="Open findings per control"] rect.bar-open').count()).toBe(7);
  });

  it('filters change the visible rows', async () => {
    expect(await page.locator('#findings tbody tr').count()).toBe(findings.length);
    expect(await visibleRows()).toBe(open().length);
    expect(await page.locator('#shown').textContent()).toBe(`${open().length} of ${findings.length} shown`);

    await page.selectOption('#f-severity', 'warning');
    const warnings = open().filter((f) => f.severity === 'warning').length;
    expect(warnings).toBeGreaterThan(0);
    expect(await visibleRows()).toBe(warnings);
    await page.selectOption('#f-severity', '');

    await page.selectOption('#f-rule', 'terraform/aws-asg-multi-az');
    expect(await visibleRows()).toBe(open().filter((f) => f.ruleId === 'terraform/aws-asg-multi-az').length);
    await page.selectOption('#f-rule', '');

    await page.selectOption('#f-control', 'NIST800-53:CP-10');
    const cp10 = open().filter((f) => f.compliance?.includes('NIST800-53:CP-10')).length;
    expect(cp10).toBeGreaterThan(0);
    expect(cp10).toBeLessThan(open().length);
    expect(await visibleRows()).toBe(cp10);
    await page.selectOption('#f-control', '');

    await page.fill('#f-text', 'Jenkinsfile');
    expect(await visibleRows()).toBe(open().filter((f) => f.file.endsWith('Jenkinsfile')).length);
    await page.fill('#f-text', '');

    await page.selectOption('#f-status', 'suppressed');
    expect(await visibleRows()).toBe(1);
    expect(await page.locator('#findings tbody tr:visible').textContent()).toContain('the cart is rebuilt from the session store');
    await page.selectOption('#f-status', 'all');
    expect(await visibleRows()).toBe(findings.length);
    await page.selectOption('#f-status', 'open');
  });

  it('opens a finding\'s code excerpt, the finding\'s line marked', async () => {
    const row = page.locator('#findings tbody tr', { hasText: 'terraform/aws-db-multi-az' });
    await row.locator('summary').click();
    await expect.poll(() => row.locator('pre.excerpt .hit').isVisible()).toBe(true);
  });

  it('loads nothing but itself, and its policy blocks nothing it needs', async () => {
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('saves a screenshot', async () => {
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, 'html-report.png');
    await page.screenshot({ path, fullPage: true });
    console.log(`html report screenshot: ${path}`);
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('reports of hostile names in Chromium', () => {
  let browser: Browser;
  let root: string;
  // A Kubernetes name with a control character, a bidi override, markup and an XML CDATA end, in a file
  // whose name holds an ESC and a line break: everything a pull request controls.
  const hostileName = 'web\\x01\\u202e<img src=x onerror=alert(1)>]]>&';
  const hostileFile = 'k8s/we\u001bb\n::error::x.yaml';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'nospof-hostile-'));
    mkdirSync(join(root, 'k8s'));
    writeFileSync(join(root, '.nospof.yaml'), 'extends: []\nrules: { kubernetes/min-replicas: error }\n');
    writeFileSync(join(root, hostileFile), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "${hostileName}"\nspec:\n  replicas: 1\n`);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('junit and checkstyle parse with the browser\'s strict XML parser', async () => {
    const page = await browser.newPage();
    for (const format of ['junit', 'checkstyle']) {
      const xml = nospof(root, ['--format', format]).stdout;
      // The control character is shown as an escape, by nospof's reader or by the report.
      expect(xml).toMatch(/web\\(?:x01|u0001)\\u202e/);
      const parsed = await page.evaluate((text) => {
        // Runs in the page: the browser's own DOMParser (the tests compile without the DOM library).
        const { DOMParser } = globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const error = doc.getElementsByTagName('parsererror')[0];
        return { error: error ? error.textContent : null, messages: Array.from(doc.querySelectorAll('[message]')).map((e) => e.getAttribute('message')) };
      }, xml);
      expect(parsed.error, format).toBeNull();
      expect(parsed.messages.join(' ')).toContain('<img src=x onerror=alert(1)>]]>&');
    }
    await page.close();
  });

  it('the html report shows the names as text and runs nothing from them', async () => {
    const report = join(root, 'report.html');
    nospof(root, ['--format', 'html', '--output-file', report]);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(report).href);
    expect(await page.locator('img').count()).toBe(0);
    const message = await page.locator('#findings tbody tr td').nth(3).textContent();
    expect(message).toMatch(/web\\(?:x01|u0001)\\u202e<img src=x onerror=alert\(1\)>\]\]>&/);
    expect(await page.locator('#findings tbody tr td code').first().textContent()).toBe('k8s/we\\x1bb\\n::error::x.yaml:6:13');
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
