/**
 * A large kind in the Cluster tab: the first 100 rows render with a "show more" line (a DOM of thousands of rows
 * re-laid-out 10×/s is what dropped frames), more rows come on request, and the namespace filter still narrows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let page: Page;
let pageErrors: string[] = [];

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: wide
  namespace: demo
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: wide }
  template:
    metadata:
      labels: { app: wide }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const podRows = () => page.locator('table[data-kind="Pod"] tbody tr');
const podCount = async () => Number(/\((\d+)\)/.exec((await page.locator('.kind', { has: page.locator('table[data-kind="Pod"]') }).locator('.count').textContent()) ?? '')?.[1] ?? -1);

beforeAll(async () => {
  app = await openApp('#/cluster');
  ({ page, pageErrors } = app);
  await page.locator('table[data-kind="Deployment"] tr[data-name="web"]').waitFor({ timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('Cluster tab with many rows', () => {
  it('renders the first 100 pods, shows more on request, and still filters by namespace', async () => {
    await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(deployment(140));
    await page.getByRole('button', { name: 'Apply manifest' }).click();
    await page.getByRole('button', { name: 'Advance 1 minute' }).click();
    await expect.poll(podCount, { timeout: 15_000 }).toBeGreaterThanOrEqual(140);
    const total = await podCount();
    expect(await podRows().count()).toBe(100);
    const more = page.locator('.more-rows');
    await expect.poll(() => more.getAttribute('data-hidden')).toBe(String(total - 100));
    await page.screenshot({ path: join(SHOTS, 'cluster-rows-capped.png') });

    await page.getByRole('button', { name: `Show ${Math.min(100, total - 100)} more pods` }).click();
    await expect.poll(() => podRows().count()).toBe(total);
    expect(await more.count()).toBe(0);

    // A namespace narrows the list; the cap applies to what is left.
    await page.getByLabel('Namespace filter').selectOption('kube-system');
    await expect.poll(() => page.locator('table[data-kind="Pod"] tr[data-name^="wide-"]').count()).toBe(0);
    await page.getByLabel('Namespace filter').selectOption('demo');
    // The table came back (kube-system has no pods of its own here): the cap applies again to demo's pods.
    await expect.poll(() => page.locator('table[data-kind="Pod"] tr[data-namespace="demo"]').count()).toBe(100);
    expect(Number(await more.getAttribute('data-hidden'))).toBe((await podCount()) - 100);
    await page.getByRole('button', { name: /^Show all \d+ pods$/ }).click();
    await expect.poll(() => page.locator('table[data-kind="Pod"] tr[data-name^="wide-"]').count()).toBe(140);
    await page.getByLabel('Namespace filter').selectOption('');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
