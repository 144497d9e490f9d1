/**
 * The Real cluster tab in Chromium, against a bridge over `argo-sandbox serve`: the link `real up`
 * prints connects the tab (and the token leaves the address bar), the real cluster's Workflows are
 * listed live, and picking one shows the sim-vs-real table. A wrong token is reported, not hidden.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge } from '../../bridge/server/index.js';
import type { Bridge } from '../../bridge/server/index.js';
import { openApp, SHOTS } from '../e2e/app.js';
import type { OpenApp } from '../e2e/app.js';
import { servedWorld } from './support.js';
import type { World } from './support.js';
import type { ApiServer } from '../../simulator/api/index.js';

let world: World & { server: ApiServer };
let bridge: Bridge;
let app: OpenApp | undefined;

beforeAll(async () => {
  world = await servedWorld();
  bridge = await startBridge({ backend: world.backend });
  await world.backend.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'real-steps', namespace: 'default' },
    spec: { entrypoint: 'main', templates: [{ name: 'main', steps: [[{ name: 'a', template: 'wait' }]] }, { name: 'wait', suspend: { duration: '5' } }] },
  });
  await world.advance(60_000);
  // Builds the app on first use (shared with the other browser tests of the run): in the hook's time budget.
  app = await openApp(new URL(bridge.connectUrl('http://x/')).hash);
});
afterAll(async () => {
  await app?.close();
  await bridge?.close();
  await world?.backend.close();
  await world?.server.close();
});

describe('Real cluster tab (Chromium)', () => {
  it('connects from the real-up link, lists real Workflows and compares one with the simulation', async () => {
    const { page } = app!;
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain(bridge.token);
    expect(await page.getByRole('status').filter({ hasText: 'Connected' }).textContent()).toContain(world.server.url);
    const list = page.getByRole('region', { name: 'Workflows in the real cluster' });
    await list.getByRole('button', { name: 'real-steps' }).click();
    await expect.poll(() => list.getByRole('row').filter({ hasText: 'real-steps' }).textContent()).toContain('Succeeded');
    const table = page.getByRole('region', { name: 'Simulated vs real: Workflow real-steps' });
    await table.waitFor({ timeout: 10_000 });
    // The simulation never ran this one: every row differs, the real side has the phases.
    const phaseRow = table.getByRole('row').filter({ hasText: /^phase/ });
    expect((await phaseRow.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['phase', '', '—', 'Succeeded ≠']);
    expect(await table.locator('tr[data-same="false"]').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(SHOTS, 'real-cluster-compare.png') });
    expect(app!.pageErrors).toEqual([]);
  });

  it('a wrong token is reported in the connect form', async () => {
    const page = app!.page;
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByLabel('Token').fill('not-the-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('could not connect to the bridge');
  });
});
