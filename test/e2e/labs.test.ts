/**
 * Labs in Chromium: open a lab from the catalog, start its world (red checks), apply the step's reference solution
 * and watch its checks turn green; a shared `?scenario=` link loads the scenario and Next cue shows its callouts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let page: Page;

beforeAll(async () => {
  app = await openApp('#/labs');
  page = app.page;
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await app?.close();
});

const checks = () => page.locator('ul[aria-label="Checks"] > li');

describe('labs view', () => {
  it('a step turns green when its solution is applied', async () => {
    await page.locator('[data-lab-id="argocd-first-application"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'labs-catalog.png') });
    await page.locator('[data-lab-id="argocd-first-application"] .lab-card-open').click();
    await page.getByRole('button', { name: 'Start lab' }).click();
    await page.getByRole('button', { name: 'Reset lab' }).waitFor();
    // Live status arrives: the fresh world does not meet step 1 yet.
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('ul[aria-label="Checks"] > li')];
      return items.length > 0 && items.every((li) => li.hasAttribute('data-ok')) && items.some((li) => li.getAttribute('data-ok') === 'false');
    });
    expect(await checks().count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Apply solution' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('ul[aria-label="Checks"] > li')].every((li) => li.getAttribute('data-ok') === 'true'));
    await page.screenshot({ path: join(SHOTS, 'labs-step-green.png') });
    expect(await page.locator('ul[aria-label="Solution results"] > li.fail').count()).toBe(0);
    // Jumping ahead: the solutions of the steps not done yet run first.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Apply solutions 2–3' }).waitFor();
    // Progress is kept: the step is marked done in the catalog.
    await page.getByRole('button', { name: '← Labs' }).click();
    await expect.poll(() => page.locator('[data-lab-id="argocd-first-application"] .lab-progress').getAttribute('aria-label')).toMatch(/^1 of \d+ steps done$/);
    // On other views the open lab's step and checks stay in sight; a click comes back here.
    await page.getByRole('tab', { name: 'Applications', exact: true }).click();
    await expect.poll(() => page.locator('.lab-dock').textContent()).toMatch(/^Your first Application · step 3\/\d+: /);
    await page.locator('.lab-dock').click();
    await expect.poll(() => page.getByRole('tab', { name: 'Labs', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(app!.pageErrors).toEqual([]);
  });

  it('a ?scenario= link loads the scenario; Next cue runs the script', { timeout: 90_000 }, async () => {
    await page.goto(`${app!.url}?scenario=sync-waves#/labs`);
    const next = page.getByRole('button', { name: /^Next cue/ });
    // The reload first restores the saved lab workspace by replay, then loads the scenario: slow on a busy machine.
    await next.waitFor({ timeout: 40_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: join(SHOTS, 'labs-scenario-failed.png') });
      throw e;
    });
    await next.click();
    await expect.poll(() => page.locator('.callout').textContent()).toMatch(/has never synced/);
    await next.click();
    await expect.poll(() => page.locator('.callout').textContent()).toMatch(/^Sync! The PreSync phase comes first/);
    // Playing: the world runs in real time (here 10×) and the next cue (T+16s) runs when its time comes.
    await page.getByLabel('Speed').selectOption('10');
    await page.locator('.scenario-controls').getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.locator('.callout').textContent(), { timeout: 20_000 }).toMatch(/^Migration done/);
    await page.locator('.scenario-controls').getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByLabel('Presenter mode').check();
    expect(await page.locator('.scenario-player.presenter').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'labs-scenario-presenter.png') });
    expect(app!.pageErrors).toEqual([]);
  });
});
