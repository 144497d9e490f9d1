/**
 * Hostile text stays text: HTML and script in annotations, ConfigMap data, container logs, workflow parameters and
 * node messages, plus `__proto__` keys, are shown in every view without running or polluting anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let page: Page;

const HOSTILE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: hostile
  namespace: demo
  annotations:
    note: '<img src=x onerror="window.__xss=1">'
data:
  "__proto__": polluted
  script: '<script>window.__xss=2</script><svg onload="window.__xss=3"></svg>'
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: hostile-wf
  namespace: demo
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: msg
        value: '<img src=x onerror="window.__xss=4">'
  templates:
    - name: main
      steps:
        - - name: say
            template: say
        - - name: fail
            template: fail
    - name: say
      container:
        image: argoproj/argosay:v2
        args: [echo, '{{workflow.parameters.msg}}']
    - name: fail
      container:
        image: argoproj/argosay:v2
        args: [exit, "1"]
`;

/** Nothing hostile ran: no global set by a handler, no element the payloads would create, no polluted prototype. */
async function inert(): Promise<void> {
  const state = (await page.evaluate(`({
    xss: window.__xss ?? null,
    polluted: ({}).polluted ?? null,
    injected: document.querySelectorAll('img[src="x"], svg[onload], img[onerror]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src && /__xss/.test(s.textContent || '')).length,
  })`)) as Record<string, unknown>;
  expect(state).toEqual({ xss: null, polluted: null, injected: 0, inlineScripts: 0 });
}

beforeAll(async () => {
  app = await openApp('#/cluster');
  page = app.page;
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('hostile text in the UI', () => {
  it('is applied, runs, and shows as text in every view', async () => {
    await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(HOSTILE);
    await page.getByRole('button', { name: 'Apply manifest' }).click();
    expect(await page.getByRole('alert', { name: 'Apply errors' }).count()).toBe(0);
    await page.locator('table[data-kind="ConfigMap"] tr[data-name="hostile"]').waitFor({ timeout: 10_000 });
    // Let the workflow run: its logs and node messages carry the payload too.
    await page.getByLabel('Speed').selectOption('100');
    if ((await page.getByRole('button', { name: 'Play' }).count()) > 0) await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(3_000);
    await page.getByRole('button', { name: 'Show ConfigMap hostile' }).click();
    await page.waitForTimeout(500);
    await inert();
    expect(await page.locator('body').innerText()).toContain('onerror');
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      await page.waitForTimeout(600);
      await inert();
    }
    expect(app!.pageErrors).toEqual([]);
  });
});
