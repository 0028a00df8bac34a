/**
 * The HTML report in a real browser: Debian's headless Chromium opens the rendered sample report from file://
 * and this test checks that it renders with no console errors (a Content-Security-Policy violation, which an
 * escaped-but-not-enough quote would cause, is a console error), that every chart has a non-zero size, that
 * the page fits its width, and that the `<script>` in a quote stayed text. It also keeps a screenshot in
 * benchmarks/results/report.png to look at.
 *
 * Skipped, with a message, when chromium is absent (CI installs it: apt-get install -y chromium).
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderHtml } from '../../src/report/renderHtml';
import { sampleModel } from './fixtures/sampleModel';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(`test/report/browser.test.ts skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Runs in the page after it is laid out and writes what it measured into the DOM, where --dump-dom shows it.
const CHECK = `(function(){var out=[];document.querySelectorAll('svg').forEach(function(s){var r=s.getBoundingClientRect();out.push('svg,'+(s.getAttribute('class')||'')+','+Math.round(r.width)+','+Math.round(r.height));});var d=document.documentElement;out.push('page,'+d.scrollWidth+','+d.clientWidth+','+d.scrollHeight);var pre=document.createElement('pre');pre.id='fm-check';pre.textContent=out.join('\\n');document.body.appendChild(pre);console.log('fm-check done');})();`;

describe.skipIf(!available)('renderHtml(model) in headless Chromium', () => {
  it('renderHtml(sampleModel) renders with no console errors and every chart sized', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-report-'));
    try {
      const html = renderHtml(sampleModel);
      // Allow exactly the check script, by hash; the rest of the policy stays as shipped.
      const hash = createHash('sha256').update(CHECK).digest('base64');
      const withCheck = html
        .replace("default-src 'none';", `default-src 'none'; script-src 'sha256-${hash}';`)
        .replace('</body>', `<script>${CHECK}</script></body>`);
      expect(withCheck).not.toBe(html);
      const file = join(dir, 'report.html');
      writeFileSync(file, withCheck);
      const screenshot = join(repoRoot, 'benchmarks', 'results', 'report.png');
      mkdirSync(dirname(screenshot), { recursive: true });
      const run = spawnSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--enable-logging=stderr',
          '--v=0',
          '--hide-scrollbars',
          '--window-size=1280,2000',
          `--screenshot=${screenshot}`,
          '--dump-dom',
          pathToFileURL(file).href,
        ],
        { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      );
      expect(run.error).toBeUndefined();
      const dom = run.stdout;
      const log = run.stderr;

      // Console: our own message proves the log is captured; nothing else may appear.
      const consoleLines = log.split('\n').filter((line) => /:CONSOLE(?::\d+)?\]|Uncaught|Refused to/.test(line));
      expect(consoleLines.some((line) => line.includes('"fm-check done"'))).toBe(true);
      expect(consoleLines.filter((line) => !line.includes('"fm-check done"'))).toEqual([]);

      const measured = /<pre id="fm-check">([\s\S]*?)<\/pre>/.exec(dom)?.[1] ?? '';
      const rows = measured.split('\n').map((line) => line.split(','));
      const charts = rows.filter((r) => r[0] === 'svg');
      expect(charts).toHaveLength(17);
      for (const [, cls, width, height] of charts) {
        expect({ cls, width: Number(width) > 0, height: Number(height) > 0 }).toEqual({ cls, width: true, height: true });
      }
      const page = rows.find((r) => r[0] === 'page') ?? [];
      // No horizontal overflow at 1280 pixels.
      expect(Number(page[1])).toBeLessThanOrEqual(Number(page[2]));

      // The quote's <script> stayed text: the only script element is the check.
      expect(dom.match(/<script/g)).toHaveLength(1);
      expect(dom).toContain('&lt;script&gt;alert("xss")&lt;/script&gt; back-order');
      expect(existsSync(screenshot)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
