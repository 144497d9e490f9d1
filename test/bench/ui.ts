/**
 * (ui) The browser app's figures: initial JS (gzip) without the lazy chunks, first render of the default scenario,
 * and the frame rate of the main thread while the engine (in its worker) runs 1,000 pods at 100×: on the Cluster tab
 * (every pod is a table row there) and on another tab (the view model still arrives ≤10×/s, the autosave still runs).
 * `npx tsx test/bench/ui.ts [TAB...]` prints the figures as JSON.
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
  /** The same two figures on the Cluster tab (= fps/longestTaskMs) and then on OTHER_TAB, 1,000 pods still running. */
  tabs: TabFigures[];
}

export interface TabFigures {
  tab: string;
  fps: number;
  longestTaskMs: number;
}

/** The second tab measured: the editor (Monaco) is the heaviest page a learner keeps open while time runs. */
export const OTHER_TAB = 'Editor';
const MEASURE_MS = 5000;

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

/** `otherTabs`: tabs measured after the Cluster tab (default: the editor). */
export async function benchUi(otherTabs: string[] = [OTHER_TAB]): Promise<UiFigures> {
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
    const measure = async (tab: string): Promise<TabFigures> => {
      const fps = (await page.evaluate(`new Promise((resolve) => {
        window.__longest = 0;
        let frames = 0;
        const t0 = performance.now();
        const frame = () => {
          frames++;
          const dt = performance.now() - t0;
          if (dt < ${MEASURE_MS}) requestAnimationFrame(frame); else resolve(frames / (dt / 1000));
        };
        requestAnimationFrame(frame);
      })`)) as number;
      return { tab, fps, longestTaskMs: (await page.evaluate('window.__longest')) as number };
    };
    const cluster = await measure('Cluster');
    const podsSeen = await page.locator('table[data-kind="Pod"] tbody tr').count();
    const others: TabFigures[] = [];
    for (const tab of otherTabs) {
      // The tab is loaded (its chunk, Monaco) before its frames count: opening a view is not what is measured.
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForTimeout(1500);
      others.push(await measure(tab));
    }
    const { fps, longestTaskMs } = cluster;
    return { ...bundleFigures(app.outDir), firstRenderMs, firstContentfulPaintMs: fcp, fps, longestTaskMs, podsSeen, tabs: [cluster, ...others] };
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Tabs to measure after the Cluster tab: `npx tsx test/bench/ui.ts Editor Workflows Applications`.
  const u = await benchUi(process.argv.length > 2 ? process.argv.slice(2) : undefined);
  console.log(JSON.stringify(u, null, 2));
}
