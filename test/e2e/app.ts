/**
 * The built app for browser tests: built ONCE per vitest run (several e2e files share it; a lock directory decides
 * who builds), then each file serves it with its own `vite preview` on loopback and drives Debian's Chromium.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { preview } from 'vite';
import type { PreviewServer } from 'vite';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = resolve(import.meta.dirname, '__screenshots__');
const RUN = process.env.ARGO_E2E_RUN ?? String(process.ppid);
const BUILD_TIMEOUT_MS = 300_000;

async function waitFor(file: string): Promise<void> {
  const until = performance.now() + BUILD_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (performance.now() > until) throw new Error(`timed out waiting for the shared e2e build (${file})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The production build's directory for this test run (built on first call). */
export async function builtApp(): Promise<string> {
  const dir = join(tmpdir(), `argo-sandbox-e2e-${RUN}`);
  const done = join(dir, '.built');
  try {
    mkdirSync(`${dir}.lock`);
  } catch {
    await waitFor(done);
    return dir;
  }
  // Old runs' builds (pyodide makes them large) go when a new run starts.
  for (const f of readdirSync(tmpdir())) {
    const p = join(tmpdir(), f);
    if (f.startsWith('argo-sandbox-e2e-') && !p.startsWith(dir) && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
  // A production build (vitest sets NODE_ENV=test, which would bundle React's development build), in a child
  // process: Vite's bundler must not share a process with tsx's loader hooks (the bench runs under tsx).
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  writeFileSync(done, RUN);
  return dir;
}

export interface OpenApp {
  outDir: string;
  url: string;
  browser: Browser;
  page: Page;
  /** Uncaught errors in the page so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Build (once), serve, launch Chromium at 1280×720 and open the app (optionally at `#/view`). */
export async function openApp(hash = ''): Promise<OpenApp> {
  const executablePath = ensureChromium();
  mkdirSync(SHOTS, { recursive: true });
  const outDir = await builtApp();
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: 'light' });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(url + hash);
  return {
    outDir,
    url,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
