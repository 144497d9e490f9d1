/**
 * The Workflows and Pod views in Chromium: a DAG workflow applied in the Cluster tab shows as a graph whose nodes
 * turn Succeeded, a node's details and argosay's log line, the pod's init/wait/main timeline; a suspended workflow
 * resumes with the Resume button.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let page: Page;
let pageErrors: string[] = [];

const DAG = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: e2e-dag, namespace: default}
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - {name: a, template: say, arguments: {parameters: [{name: msg, value: hello-from-a}]}}
          - {name: b, template: say, depends: a, arguments: {parameters: [{name: msg, value: hello-from-b}]}}
          - {name: c, template: say, depends: a, arguments: {parameters: [{name: msg, value: hello-from-c}]}}
    - name: say
      inputs: {parameters: [{name: msg}]}
      container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.msg}}"]}
`;

const SUSPEND = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: e2e-approval, namespace: default}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - {name: approve, template: wait}
        - - {name: deploy, template: ok}
    - {name: wait, suspend: {}}
    - name: ok
      container: {image: argoproj/argosay:v2, args: [echo, deployed]}
`;

const CRON = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: e2e-cron, namespace: default}
spec:
  schedules: ["*/15 * * * *"]
  timezone: Asia/Tokyo
  concurrencyPolicy: Replace
  workflowSpec:
    entrypoint: ok
    templates:
      - name: ok
        container: {image: argoproj/argosay:v2, args: [echo, tick]}
`;

async function applyYaml(text: string): Promise<void> {
  await page.getByRole('tab', { name: 'Cluster', exact: true }).click();
  await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(text);
  await page.getByRole('button', { name: 'Apply manifest' }).click();
  await page.getByRole('list', { name: 'Applied' }).waitFor({ timeout: 5_000 });
}

const node = (name: string) => page.locator(`.wf-node[data-node-name="${name}"]`);

beforeAll(async () => {
  app = await openApp('#/cluster');
  ({ page, pageErrors } = app);
  page.setDefaultTimeout(10_000);
  await page.getByRole('button', { name: 'Pause' }).click({ timeout: 10_000 });
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('Workflows and Pod views in Chromium', () => {
  it('draws a DAG workflow whose nodes turn Succeeded, with node details and the main log', async () => {
    await applyYaml(DAG);
    await page.getByRole('tab', { name: 'Workflows', exact: true }).click();
    await page.locator('tr[data-name="e2e-dag"]').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Advance 10 seconds' }).click();
    await node('a').waitFor({ timeout: 10_000 });
    expect(await node('e2e-dag').count()).toBe(1);
    await page.getByRole('button', { name: 'Advance 1 minute' }).click();
    await expect.poll(() => page.locator('.wf-node[data-phase="Succeeded"]').count(), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => page.locator('tr[data-name="e2e-dag"]').getAttribute('data-phase')).toBe('Succeeded');
    await page.screenshot({ path: join(SHOTS, 'workflows-graph.png') });

    await node('a').click();
    const panel = page.locator('.node-panel');
    await panel.waitFor({ timeout: 5_000 });
    expect(await panel.textContent()).toContain('hello-from-a');
    await expect.poll(() => page.locator('.logs[data-container="main"]').textContent(), { timeout: 5_000 }).toContain('hello-from-a');
    // Retry/resume of a running workflow do not apply to a Succeeded one.
    expect(await page.getByRole('button', { name: 'Retry', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Resubmit' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'workflows-node.png') });
  });

  it("opens the node's pod: init, wait and main each waited, ran and completed", async () => {
    await page.getByRole('button', { name: /^Open pod / }).click();
    await page.locator('.pod-timeline').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('pod-phase').textContent()).toBe('Succeeded');
    for (const c of ['init', 'wait', 'main']) {
      const lane = page.locator(`li.lane[data-container="${c}"]`);
      expect(await lane.locator('[data-span-state="waiting"]').count()).toBeGreaterThan(0);
      expect(await lane.locator('[data-span-state="running"]').count()).toBe(1);
      expect(await lane.locator('[data-span-state="terminated"][data-reason="Completed"]').count()).toBe(1);
    }
    await expect.poll(() => page.locator('.logs[data-container="main"]').textContent(), { timeout: 5_000 }).toContain('hello-from-a');
    await page.screenshot({ path: join(SHOTS, 'pod-timeline.png') });
    await page.getByRole('button', { name: 'Open workflow e2e-dag' }).click();
    await node('a').waitFor({ timeout: 5_000 });
  });

  it('resumes a suspended workflow with the Resume button', async () => {
    await applyYaml(SUSPEND);
    await page.getByRole('tab', { name: 'Workflows', exact: true }).click();
    await page.getByRole('button', { name: 'e2e-approval', exact: true }).click();
    await page.getByRole('button', { name: 'Advance 10 seconds' }).click();
    await expect.poll(() => node('approve').getAttribute('data-phase'), { timeout: 10_000 }).toBe('Running');
    const resume = page.getByRole('button', { name: 'Resume', exact: true });
    await expect.poll(() => resume.isEnabled(), { timeout: 5_000 }).toBe(true);
    await resume.click();
    await page.getByRole('button', { name: 'Advance 1 minute' }).click();
    await expect.poll(() => page.locator('tr[data-name="e2e-approval"]').getAttribute('data-phase'), { timeout: 10_000 }).toBe('Succeeded');
    await expect.poll(() => node('deploy').getAttribute('data-phase'), { timeout: 5_000 }).toBe('Succeeded');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'workflows-dark.png') });
    // From a Cluster row to the Pod view.
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click();
    await page.getByRole('button', { name: /^Timeline of pod e2e-approval-ok-/ }).click();
    await page.locator('.pod-timeline').waitFor({ timeout: 5_000 });
    expect(await page.locator('.pod-summary .mono').textContent()).toMatch(/^e2e-approval-ok-/);
    expect(await page.locator('li.lane[data-container="main"] [data-span-state="terminated"]').getAttribute('data-reason')).toBe('Completed');
    await page.screenshot({ path: join(SHOTS, 'pod-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    // From a Cluster row to the workflow's graph.
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click();
    await page.getByRole('button', { name: 'Graph of workflow e2e-dag' }).click();
    await expect.poll(() => page.getByTestId('wf-title').textContent(), { timeout: 5_000 }).toBe('e2e-dag');
    expect(pageErrors).toEqual([]);
  });

  it('shows a CronWorkflow with its next runs and suspends it', async () => {
    await applyYaml(CRON);
    await page.getByRole('tab', { name: 'Workflows', exact: true }).click();
    const cron = page.locator('.cron[data-name="e2e-cron"]');
    await cron.waitFor({ timeout: 5_000 });
    expect(await cron.getByRole('list', { name: 'Next runs of e2e-cron' }).locator('li').count()).toBe(5);
    expect(await cron.textContent()).toContain('Asia/Tokyo');
    await cron.getByRole('button', { name: 'Suspend CronWorkflow e2e-cron' }).click();
    await expect.poll(() => cron.getAttribute('data-suspended'), { timeout: 5_000 }).toBe('true');
    await cron.screenshot({ path: join(SHOTS, 'workflows-cron.png') });
    await cron.getByRole('button', { name: 'Resume CronWorkflow e2e-cron' }).click();
    await expect.poll(() => cron.getAttribute('data-suspended'), { timeout: 5_000 }).toBe('false');
    expect(pageErrors).toEqual([]);
  });
});
