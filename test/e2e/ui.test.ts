/**
 * The UI in a real browser: build the app, serve it on loopback, drive Debian's Chromium with
 * playwright-core, and check what a learner sees — the default scenario, moving virtual time, pods
 * reaching Running/Completed, located apply errors, and a newly applied object.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let outDir = '';
let page: Page;
let pageErrors: string[] = [];

/** Virtual seconds since the start, read from the header's `T+HH:MM:SS`. */
async function elapsedSeconds(): Promise<number> {
  const text = (await page.getByTestId('elapsed').textContent()) ?? '';
  const m = /T\+(?:(\d+)d )?(\d\d):(\d\d):(\d\d)/.exec(text);
  if (!m) throw new Error(`unexpected clock text: ${text}`);
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

const podRows = (status?: string) => page.locator(`table[data-kind="Pod"] tbody tr${status ? `[data-status="${status}"]` : ''}`);

async function applyYaml(text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(text);
  await page.getByRole('button', { name: 'Apply manifest' }).click();
}

beforeAll(async () => {
  app = await openApp('#/cluster');
  ({ outDir, page, pageErrors } = app);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('UI shell in Chromium', () => {
  it('keeps the initial JavaScript well under 300 kB gzip', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(initial.length).toBeGreaterThan(0);
    const gz = initial.reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f))).length, 0);
    expect(gz).toBeLessThan(150_000);
    // The engine runs in a worker: its chunk is not part of the initial load.
    expect(readdirSync(join(outDir, 'assets')).some((f) => f.startsWith('engine.worker'))).toBe(true);
    expect(initial.some((f) => f.includes('engine.worker'))).toBe(false);
  });

  it('shows the default scenario loaded into the simulated cluster', async () => {
    await expect.poll(() => page.locator('table[data-kind="Deployment"] tr[data-name="web"]').count(), { timeout: 10_000 }).toBe(1);
    await expect(page.locator('table[data-kind="Job"] tr[data-name="hello"]').count()).resolves.toBe(1);
    await expect(page.locator('table[data-kind="ConfigMap"] tr[data-name="web-config"]').count()).resolves.toBe(1);
    await expect(page.locator('table[data-kind="Namespace"] tr[data-name="demo"]').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, '01-loaded.png') });
  });

  it('moves virtual time while playing, stops on pause, and jumps with +1m', async () => {
    const t0 = await elapsedSeconds();
    await expect.poll(elapsedSeconds, { timeout: 5_000 }).toBeGreaterThan(t0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Play' })).toBeDefined();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const paused = await elapsedSeconds();
    await page.waitForTimeout(1_200);
    expect(await elapsedSeconds()).toBe(paused);
    await page.getByRole('button', { name: 'Advance 1 minute' }).click();
    await expect.poll(elapsedSeconds, { timeout: 5_000 }).toBe(paused + 60);
  });

  it('restarts paused at time zero, then pods move through their states to Running and Completed', async () => {
    await page.getByRole('button', { name: 'Restart the scenario' }).click();
    await expect.poll(elapsedSeconds, { timeout: 5_000 }).toBe(0);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(await podRows().count()).toBe(0);
    // Step runs one reconcile at a time: Deployment → ReplicaSet → Pods, with no virtual time passing.
    for (let i = 0; i < 20 && (await podRows().count()) === 0; i++) {
      await page.getByRole('button', { name: 'Step to the next event' }).click();
      await page.waitForTimeout(150);
    }
    expect(await podRows().count()).toBeGreaterThan(0);
    expect(await elapsedSeconds()).toBe(0);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    // 2× keeps every intermediate state on screen for a few pushes.
    await page.getByLabel('Speed').selectOption('2');
    await page.getByRole('button', { name: 'Play' }).click();
    const seen = new Set<string>();
    const deadline = Date.now() + 20_000;
    let shot = false;
    for (;;) {
      const statuses = await podRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
      statuses.forEach((s) => seen.add(s));
      if (!shot && statuses.includes('ContainerCreating')) {
        await page.screenshot({ path: join(SHOTS, '02-starting.png') });
        shot = true;
      }
      if (statuses.filter((s) => s === 'Running').length === 3 && statuses.includes('Completed')) break;
      if (Date.now() > deadline) throw new Error(`pods did not finish; statuses seen: ${[...seen].join(', ')}`);
      await page.waitForTimeout(100);
    }
    expect(seen).toContain('ContainerCreating');
    expect([...seen].some((s) => s.startsWith('Init:'))).toBe(true);
    await expect.poll(() => page.locator('table[data-kind="Job"] tr[data-name="hello"]').getAttribute('data-status'), { timeout: 5_000 }).toBe('Complete');
    // The Job's pod shows its init container and main container as finished badges.
    const jobPod = podRows('Completed').first();
    await expect(jobPod.locator('[data-container="prepare"]').getAttribute('data-state')).resolves.toBe('terminated');
    await expect(jobPod.locator('[data-container="main"]').getAttribute('data-state')).resolves.toBe('terminated');
    await expect.poll(() => page.locator('table[data-kind="Deployment"] tr[data-name="web"]').getAttribute('data-ready'), { timeout: 5_000 }).toBe('3/3');
    // Every decision shows in the events panel, with its "why".
    expect(await page.locator('.event').count()).toBeGreaterThan(5);
    expect(await page.locator('.event .why').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.screenshot({ path: join(SHOTS, '03-running.png') });
  });

  it('filters by namespace like kubectl get -n', async () => {
    await page.getByLabel('Namespace filter').selectOption('demo');
    await expect.poll(() => page.locator('table[data-kind="Namespace"]').count()).toBe(0);
    expect(await podRows().count()).toBe(4);
    expect(await page.locator('table[data-kind="Pod"] th', { hasText: 'NAMESPACE' }).count()).toBe(0);
    await page.getByLabel('Namespace filter').selectOption('kube-system');
    await expect.poll(() => page.locator('table[data-kind="Pod"]').count()).toBe(0);
    await page.getByLabel('Namespace filter').selectOption('');
    await expect.poll(() => page.locator('table[data-kind="Namespace"]').count()).toBe(1);
  });

  it('runs faster at 100×', async () => {
    const t0 = await elapsedSeconds();
    await page.getByLabel('Speed').selectOption('100');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(elapsedSeconds, { timeout: 5_000 }).toBeGreaterThan(t0 + 60);
    await page.getByRole('button', { name: 'Pause' }).click();
  });

  it('shows a located error with its line number for bad YAML', async () => {
    await applyYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n   namespace: demo\n');
    const alert = page.getByRole('alert', { name: 'Apply errors' });
    await alert.waitFor({ timeout: 5_000 });
    expect(await alert.textContent()).toMatch(/^editor\.yaml:5:\d+: .*YAML/i);
    await page.screenshot({ path: join(SHOTS, '04-yaml-error.png') });
  });

  it('applies a new ConfigMap and lists it (Ctrl+Enter also applies)', async () => {
    await page.getByRole('textbox', { name: 'Manifest YAML' }).fill('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-settings\n  namespace: demo\ndata:\n  color: blue\n  size: large\n');
    await page.getByRole('textbox', { name: 'Manifest YAML' }).press('Control+Enter');
    await page.getByRole('list', { name: 'Applied' }).getByText('configmap/e2e-settings created').waitFor({ timeout: 5_000 });
    const row = page.locator('table[data-kind="ConfigMap"] tr[data-name="e2e-settings"]');
    await expect.poll(() => row.count(), { timeout: 5_000 }).toBe(1);
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('2');
    expect(await page.getByRole('alert', { name: 'Apply errors' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, '05-applied.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, '06-dark.png') });
    expect(pageErrors).toEqual([]);
  });
});
