/**
 * The Applications tab in a real browser: add the example guestbook app (PreSync hook, waves 0 and 1, PostSync
 * hook) → it is OutOfSync → Sync from the dialog → the timeline shows PreSync, wave 0, wave 1, PostSync in order
 * with their whys → Synced/Healthy; a commit + Refresh → OutOfSync again with the change in the diff.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let page: Page;
let pageErrors: string[] = [];

const detail = () => page.locator('section.app-detail[data-app="guestbook"]');

beforeAll(async () => {
  app = await openApp('#/apps');
  ({ page, pageErrors } = app);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('Applications view in Chromium', () => {
  it('adds the example application, which shows up OutOfSync and Missing', async () => {
    await page.getByRole('button', { name: 'Add example application' }).click();
    const card = page.locator('.app-card[data-app="guestbook"]');
    await expect.poll(() => card.getAttribute('data-sync'), { timeout: 10_000 }).toBe('OutOfSync');
    expect(await card.getAttribute('data-health')).toBe('Missing');
    expect(await card.textContent()).toContain('https://github.com/sandbox/guestbook.git');
    await page.screenshot({ path: join(SHOTS, 'apps-01-list.png') });
    await card.click();
    await detail().waitFor({ timeout: 5_000 });
    // The open app is in the URL, to share or reload.
    expect(new URL(page.url()).hash).toBe('#/apps/guestbook');
    expect(await page.locator('.tree .node').evaluateAll((ns) => ns.map((n) => `${n.getAttribute('data-kind')}:${n.getAttribute('data-sync')}`))).toEqual([
      'Application:OutOfSync',
      'ConfigMap:OutOfSync',
      'Service:OutOfSync',
      'Deployment:OutOfSync',
    ]);
  });

  it('syncs from the dialog and lays the operation out by phase and wave, with the why of each', async () => {
    // 100× so the 14 virtual seconds of hooks and waves pass quickly.
    await page.getByLabel('Speed').selectOption('100');
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Synchronize guestbook' });
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Auto-create namespace' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Synchronize' }).click();
    await expect.poll(() => page.locator('.tl-op').getAttribute('data-phase'), { timeout: 15_000 }).toBe('Succeeded');
    const waves = await page.locator('.tl-wave').evaluateAll((ws) => ws.map((w) => `${w.getAttribute('data-phase')}/${w.getAttribute('data-wave')}`));
    expect(waves).toEqual(['PreSync/0', 'Sync/0', 'Sync/1', 'PostSync/0']);
    const pre = page.locator('.tl-wave[data-phase="PreSync"]');
    expect(await pre.locator('.tl-task[data-name="db-migrate"] .pill.hook').textContent()).toBe('PreSync hook');
    expect(await page.locator('.tl-wave[data-phase="Sync"][data-wave="1"] .tl-task').getAttribute('data-name')).toBe('guestbook-ui');
    expect(await page.locator('.tl-wave > .why').count()).toBe(4);
    // The pause between waves: at least the 2 s ARGOCD_SYNC_WAVE_DELAY, with what the sync waited for.
    const gap = Number(await page.locator('.tl-wave[data-phase="Sync"][data-wave="0"] .tl-gap').getAttribute('data-wait-ms'));
    expect(gap).toBeGreaterThanOrEqual(2_000);
    expect(await page.locator('.tl-gap .tl-event[data-reason="SyncWaiting"] .why').count()).toBeGreaterThan(0);
    await expect.poll(() => detail().getAttribute('data-sync'), { timeout: 10_000 }).toBe('Synced');
    await expect.poll(() => detail().getAttribute('data-health'), { timeout: 10_000 }).toBe('Healthy');
    await page.getByLabel('Speed').selectOption('1');
    await page.screenshot({ path: join(SHOTS, 'apps-02-timeline.png') });
  });

  it('shows the live tree down to pods, and an object’s YAML and events in the side panel', async () => {
    await page.getByRole('tab', { name: 'Resources' }).click();
    await expect.poll(() => page.locator('.tree .node[data-kind="Pod"]').count(), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.tree .node[data-kind="ReplicaSet"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Deployment guestbook-ui' }).click();
    const panel = page.getByRole('region', { name: 'Object Deployment/guestbook-ui' });
    await expect.poll(async () => (await panel.getByLabel('Live YAML').textContent()) ?? '', { timeout: 5_000 }).toContain('kind: Deployment');
    expect(await panel.locator('.event[data-reason="ScalingReplicaSet"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'apps-03-tree.png') });
    // The Application's own node: its events carry the why of every refresh and sync.
    await page.getByRole('button', { name: 'Application guestbook' }).click();
    const appPanel = page.getByRole('region', { name: 'Object Application/guestbook' });
    await expect.poll(() => appPanel.locator('.event[data-reason="OperationCompleted"] .why').count(), { timeout: 5_000 }).toBe(1);
    await appPanel.getByRole('button', { name: 'Close object panel' }).click();
  });

  it('goes OutOfSync after a commit and a Refresh, with the change in the diff', async () => {
    await page.getByRole('button', { name: 'Simulate a commit' }).click();
    await page.getByRole('status').filter({ hasText: 'scale to 3 replicas' }).waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect.poll(() => detail().getAttribute('data-sync'), { timeout: 10_000 }).toBe('OutOfSync');
    await page.getByRole('tab', { name: 'Diff' }).click();
    const diff = page.locator('.diff-resource[data-modified="true"]');
    await expect.poll(() => diff.count(), { timeout: 5_000 }).toBe(1);
    expect(await diff.getAttribute('data-key')).toBe('apps/Deployment/guestbook/guestbook-ui');
    expect(await diff.locator('.unified .del').allTextContents()).toContain('-  replicas: 2');
    expect(await diff.locator('.unified .add').allTextContents()).toContain('+  replicas: 3');
    await page.screenshot({ path: join(SHOTS, 'apps-04-diff.png') });
    await page.getByRole('radio', { name: 'Side by side' }).check();
    expect(await diff.locator('table.split tr.change').count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'History and rollback' }).click();
    expect(await page.locator('table.history tbody tr').count()).toBe(1);
    await page.getByRole('tab', { name: 'Sync timeline' }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'apps-05-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens any object of the Cluster tab with its live YAML and events', async () => {
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Show Deployment guestbook-ui' }).click({ timeout: 5_000 });
    const panel = page.getByRole('region', { name: 'Object Deployment/guestbook-ui' });
    await expect.poll(async () => (await panel.getByLabel('Live YAML').textContent()) ?? '', { timeout: 5_000 }).toContain('name: guestbook-ui');
    expect(await panel.locator('.event[data-reason="ScalingReplicaSet"] .why').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'cluster-object.png') });
    await panel.getByRole('button', { name: 'Close object panel' }).click({ timeout: 5_000 });
    await page.getByRole('textbox', { name: 'Manifest YAML' }).waitFor();
    // A pod opens in the Pod view from its panel.
    await page.locator('table[data-kind="Pod"] tr[data-namespace="guestbook"] .row-link').first().click({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Open in Pod view' }).click({ timeout: 5_000 });
    await expect.poll(() => new URL(page.url()).hash, { timeout: 5_000 }).toMatch(/^#\/pod\b/);
    // The Pod view has replaced the Cluster tab (so coming back starts without the panel).
    await page.locator('section.cluster').waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click({ timeout: 5_000 });
    await page.getByRole('textbox', { name: 'Manifest YAML' }).waitFor({ timeout: 5_000 });
  });

  it('acts as the user picked in the switcher: a read-only account gets Argo CD’s permission denied', async () => {
    const rbac = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\ndata:\n  accounts.alice: login\n',
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-rbac-cm\n  namespace: argocd\ndata:\n  policy.default: role:readonly\n',
    ].join('');
    await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(rbac);
    await page.getByRole('button', { name: 'Apply manifest' }).click();
    await page.getByRole('list', { name: 'Applied' }).getByText('configmap/argocd-rbac-cm configured').waitFor({ timeout: 5_000 });
    await page.getByRole('tab', { name: 'Applications', exact: true }).click();
    await page.getByLabel('Argo CD user').selectOption('alice');
    await page.locator('.app-card[data-app="guestbook"]').click();
    await detail().waitFor({ timeout: 5_000 });
    expect(await detail().textContent()).toContain('alice may view but not sync this app');
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.getByRole('dialog', { name: 'Synchronize guestbook' }).getByRole('button', { name: 'Synchronize' }).click();
    const alert = page.getByRole('alert', { name: 'Argo CD error' });
    await alert.waitFor({ timeout: 5_000 });
    expect(await alert.textContent()).toMatch(/^rpc error: code = PermissionDenied desc = permission denied: applications, sync, default\/guestbook, sub: alice/);
    await page.screenshot({ path: join(SHOTS, 'apps-06-rbac.png') });
  });

  it('runs kubectl and argocd in the terminal against the same world', async () => {
    await page.getByRole('tab', { name: 'Terminal', exact: true }).click();
    await page.locator('.terminal-box[data-ready="true"]').waitFor({ timeout: 10_000 });
    const screen = () => page.locator('.terminal-box .xterm-rows').innerText();
    await page.locator('.terminal-box').click();
    await page.keyboard.type('argocd app list');
    await page.keyboard.press('Enter');
    await expect.poll(screen, { timeout: 5_000 }).toMatch(/argocd\/guestbook\s+https:\/\/kubernetes\.default\.svc\s+guestbook\s+default\s+OutOfSync\s+Healthy/);
    await page.keyboard.type('kubectl get deploy -n guestbook');
    await page.keyboard.press('Enter');
    await expect.poll(screen, { timeout: 5_000 }).toMatch(/guestbook-ui\s+2\/2\s+2\s+2/);
    await page.keyboard.type('kubectl delete cm nope -n guestbook');
    await page.keyboard.press('Enter');
    await expect.poll(screen, { timeout: 5_000 }).toContain('Error from server (NotFound): configmaps "nope" not found');
    await page.screenshot({ path: join(SHOTS, 'terminal.png') });
    // Keyboard users can leave the terminal with Tab.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.terminal-box'))).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
