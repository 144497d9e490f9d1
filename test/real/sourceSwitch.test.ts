/**
 * The header's data-source switch in Chromium, against a bridge over `argo-sandbox serve`: Real is disabled until
 * the bridge is connected; switched to Real, the Cluster tab's kubectl-get tables list the served cluster's objects
 * (live), a row opens its real YAML and the Workflows tab lists the real Workflows read-only; switched back, the
 * simulation's objects return.
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
  await world.backend.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only-in-real', namespace: 'default' }, data: { where: 'served' } });
  await world.backend.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'real-wf', namespace: 'default' },
    spec: { entrypoint: 'main', templates: [{ name: 'main', suspend: {} }] },
  });
  await world.backend.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'real-app', namespace: 'argocd' },
    spec: { project: 'default', source: { repoURL: 'https://example.com/none.git', path: 'app' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'default' } },
  });
  await world.advance(30_000);
  app = await openApp('#/cluster');
});
afterAll(async () => {
  await app?.close();
  await bridge?.close();
  await world?.backend.close();
  await world?.server.close();
});

describe('Simulated ⇄ Real cluster switch (Chromium)', () => {
  it('shows the real cluster in the Cluster and Workflows tabs, read-only, and switches back', async () => {
    const { page } = app!;
    const sw = page.getByRole('radiogroup', { name: 'Data source' });
    const realRadio = sw.getByRole('radio', { name: 'Real cluster' });
    await page.locator('table[data-kind="Pod"]').first().waitFor({ timeout: 20_000 });
    expect(await realRadio.isDisabled()).toBe(true);

    // Connect with the link `real up` prints (the Real cluster tab reads it), then come back.
    await page.goto(`${app!.url}${new URL(bridge.connectUrl('http://x/')).hash}`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    await realRadio.click();
    expect(await realRadio.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click();
    const banner = page.getByRole('status', { name: 'Data source banner' });
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Showing the real cluster (read-only)');

    // The served cluster's objects in the same kubectl-get tables.
    const cm = page.locator('table[data-kind="ConfigMap"] tr[data-name="only-in-real"]');
    await cm.waitFor({ timeout: 10_000 });
    const wfRow = page.locator('table[data-kind="Workflow"] tr[data-name="real-wf"]');
    await expect.poll(() => wfRow.getAttribute('data-status'), { timeout: 10_000 }).toBe('Running');
    // Live: an object created now in the real cluster appears without a reload.
    await world.backend.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created-later', namespace: 'default' }, data: {} });
    await page.locator('table[data-kind="ConfigMap"] tr[data-name="created-later"]').waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Show ConfigMap only-in-real' }).click();
    const yaml = page.getByLabel('YAML of ConfigMap only-in-real in the real cluster');
    await expect.poll(() => yaml.textContent()).toContain('where: served');
    await page.screenshot({ path: join(SHOTS, 'real-source-cluster.png') });

    // Workflows tab: the real Workflow with its phase; actions disabled with the reason.
    await page.getByRole('tab', { name: 'Workflows', exact: true }).click();
    const row = page.locator('table[data-kind="Workflow"] tr[data-name="real-wf"]');
    await expect.poll(() => row.getAttribute('data-phase'), { timeout: 10_000 }).toBe('Running');
    const resume = page.getByRole('toolbar', { name: 'Workflow actions' }).getByRole('button', { name: 'Resume' });
    expect(await resume.isDisabled()).toBe(true);
    expect(await resume.getAttribute('title')).toBe('real cluster: use kubectl/argo/argocd');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'real-source-workflows-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Applications tab: the real Application's card; its details are read-only.
    await page.getByRole('tab', { name: 'Applications', exact: true }).click();
    const card = page.locator('button.app-card[data-app="real-app"]');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getAttribute('data-sync')).toBe((world.sandbox.store.get({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'real-app' })?.status as { sync?: { status?: string } } | undefined)?.sync?.status ?? 'Unknown');
    await card.click();
    expect(await page.getByRole('toolbar', { name: 'Application actions' }).getByRole('button', { name: 'Sync' }).isDisabled()).toBe(true);

    // Back to the simulation: its objects, not the real ones, and no banner.
    await sw.getByRole('radio', { name: 'Simulated' }).click();
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click();
    await page.locator('table[data-kind="Pod"]').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-name="only-in-real"]').count()).toBe(0);
    expect(await banner.count()).toBe(0);

    // A dropped bridge never leaves a stale "real" picture: the views go back to the simulation.
    await realRadio.click();
    await banner.waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: 'Real cluster', exact: true }).click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => realRadio.isDisabled()).toBe(true);
    expect(await sw.getByRole('radio', { name: 'Simulated' }).getAttribute('aria-checked')).toBe('true');
    expect(await banner.count()).toBe(0);
    expect(app!.pageErrors).toEqual([]);
  });
});
