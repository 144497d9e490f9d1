/**
 * (ui) The browser app's figures: initial JS (gzip) without the lazy chunks, first render of the default scenario,
 * and the frame rate of the main thread while the engine (in its worker) runs 1,000 pods at 100×.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openApp } from '../e2e/app.js';

export interface UiFigures {
  initialGzipKB: number;
  initialFiles: number;
  /** Every JS chunk (lazy ones included), gzip. */
  allJsGzipKB: number;
  largestChunk: { file: string; gzipKB: number };
  /** Navigation start → the default scenario's objects are on screen. */
  firstRenderMs: number;
  firstContentfulPaintMs: number;
  /** requestAnimationFrame callbacks per second on the main thread while 1,000 pods start at 100×. */
  fps: number;
  /** The longest main-thread task seen meanwhile (ms; 0 if the browser reported none over 50 ms). */
  longestTaskMs: number;
  podsSeen: number;
}

const gz = (file: string): number => gzipSync(readFileSync(file)).length;

function bundleFigures(outDir: string): Pick<UiFigures, 'initialGzipKB' | 'initialFiles' | 'allJsGzipKB' | 'largestChunk'> {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const assets = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
  const sizes = assets.map((f) => ({ file: f, gzipKB: gz(join(outDir, 'assets', f)) / 1024 }));
  const largest = sizes.reduce((a, b) => (b.gzipKB > a.gzipKB ? b : a), { file: '', gzipKB: 0 });
  return {
    initialGzipKB: initial.reduce((n, f) => n + gz(join(outDir, f)), 0) / 1024,
    initialFiles: initial.length,
    allJsGzipKB: sizes.reduce((n, s) => n + s.gzipKB, 0),
    largestChunk: largest,
  };
}

const MANY_PODS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: many
  namespace: demo
spec:
  replicas: 1000
  selector:
    matchLabels: { app: many }
  template:
    metadata:
      labels: { app: many }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

export async function benchUi(): Promise<UiFigures> {
  const app = await openApp('#/cluster');
  try {
    const { page } = app;
    await page.locator('table[data-kind="Deployment"] tr[data-name="web"]').waitFor({ timeout: 30_000 });
    const firstRenderMs = (await page.evaluate('performance.now()')) as number;
    const fcp = (await page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")) as number;
    // Page scripts as strings: tsx's name-keeping helpers do not exist inside the page.
    await page.evaluate(`(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask', buffered: false });
    })()`);
    await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(MANY_PODS);
    await page.getByRole('button', { name: 'Apply manifest' }).click();
    await page.getByLabel('Speed').selectOption('100');
    if ((await page.getByRole('button', { name: 'Play' }).count()) > 0) await page.getByRole('button', { name: 'Play' }).click();
    const fps = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0;
      const t0 = performance.now();
      const frame = () => {
        frames++;
        const dt = performance.now() - t0;
        if (dt < 5000) requestAnimationFrame(frame); else resolve(frames / (dt / 1000));
      };
      requestAnimationFrame(frame);
    })`)) as number;
    const longestTaskMs = (await page.evaluate('window.__longest')) as number;
    const podsSeen = await page.locator('table[data-kind="Pod"] tbody tr').count();
    return { ...bundleFigures(app.outDir), firstRenderMs, firstContentfulPaintMs: fcp, fps, longestTaskMs, podsSeen };
  } finally {
    await app.close();
  }
}
