/**
 * The Editor tab in Chromium: the app opens on it with the default scenario; completion and hover come from the
 * generated schemas; a YAML error and the engine's validation errors are markers at their lines; a Workflow fixed
 * and applied from Monaco runs to Succeeded.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';
import { editorFile } from '../bench/editorValidation.js';

let app: OpenApp | undefined;
let page: Page;
let pageErrors: string[] = [];

const APP = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://git.example.com/guestbook.git
    path: app
  destination:
    server: https://kubernetes.default.svc
    namespace: default
  syncPolicy:
    automated: {}
`;

const BAD_DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web_App
  namespace: default
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: nginx}
`;

const WORKFLOW = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: e2e-editor
  namespace: default
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: hello
            template: whalesay
    - name: say
      container:
        image: argoproj/argosay:v2
        args: [echo, hello from the editor]
`;

/** Paste `text` into Monaco over the selection, as the clipboard would (typing would auto-indent each line). */
async function paste(text: string): Promise<void> {
  await page.evaluate((t) => {
    const ta = document.querySelector('.monaco-editor textarea');
    const data = new DataTransfer();
    data.setData('text/plain', t);
    ta?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Monaco renders spaces as no-break spaces. */
async function editorText(): Promise<string> {
  return ((await page.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** A new scratch file holding `text`, pasted into Monaco. */
async function newFile(name: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New file', exact: true }).click();
  const input = page.getByRole('textbox', { name: 'New file path' });
  await input.fill(`cluster/${name}`);
  await input.press('Enter');
  await expect.poll(() => page.locator('.editor-path').textContent()).toBe(`cluster/${name}`);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await paste(text);
}

const problems = () => page.getByRole('list', { name: 'Problems in this file' }).locator('li');

async function problemTexts(): Promise<string[]> {
  return problems().allTextContents();
}

beforeAll(async () => {
  app = await openApp('');
  ({ page, pageErrors } = app);
  page.setDefaultTimeout(10_000);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('Editor tab in Chromium', () => {
  it('opens first, on the default scenario in Monaco, with no problems', async () => {
    await expect.poll(() => page.getByRole('tab', { name: 'Editor', exact: true }).getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 20_000 });
    await expect.poll(editorText).toContain('kind: Namespace');
    expect(await page.locator('.editor-path').textContent()).toBe('cluster/default.yaml');
    // Engine lint and schema validation both ran and found nothing.
    await expect.poll(() => page.getByTestId('problem-counts').textContent()).toBe('0 errors, 0 warnings');
  });

  it('hovers a field with its description and completes keys from the schema', async () => {
    await newFile('app.yaml', APP);
    const key = page.locator('.monaco-editor .view-line span', { hasText: /^syncPolicy$/ }).first();
    await key.waitFor();
    await expect
      .poll(
        async () => {
          await key.hover();
          return (await page.locator('.monaco-hover').allTextContents()).join(' ');
        },
        { timeout: 15_000 },
      )
      .toContain('SyncPolicy controls when and how a sync will be performed');
    await page.screenshot({ path: join(SHOTS, 'editor-hover.png') });
    // Completion under a Workflow's spec offers the WorkflowSpec fields.
    await page.keyboard.press('Escape');
    // Away from the key first: a hover widget left open swallows the click that focuses the text.
    await page.mouse.move(5, 5);
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+A');
    await paste('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\nspec:\n  entr');
    await expect.poll(editorText, { timeout: 10_000 }).toContain('kind: Workflow');
    await page.keyboard.press('Control+End');
    await expect
      .poll(
        async () => {
          // A fresh request each time (the Workflow schema may still be loading on the first one).
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
          await page.locator('.suggest-widget .monaco-list-row').first().waitFor({ timeout: 2_000 }).catch(() => undefined);
          return (await page.locator('.suggest-widget .monaco-list-row').allTextContents()).join(' ');
        },
        { timeout: 15_000 },
      )
      .toContain('entrypoint');
    await page.keyboard.press('Escape');
  });

  it('marks a YAML syntax error at its line', async () => {
    await newFile('broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [a, b\ndata:\n  k: v\n');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(problemTexts).toEqual(expect.arrayContaining([expect.stringMatching(/^[5-7]:\d+ \[yaml\] error converting YAML to JSON/)]));
  });

  it("marks the API server's refusal of a bad Deployment name at the name's line", async () => {
    await newFile('deploy.yaml', BAD_DEPLOY);
    await expect.poll(problemTexts).toEqual(expect.arrayContaining([expect.stringMatching(/^4:\d+ \[kube-apiserver\] metadata\.name: Invalid value: "Web_App"/)]));
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);
  });

  it('flags an unknown template, and once fixed in Monaco the applied Workflow runs to Succeeded', async () => {
    await newFile('hello-wf.yaml', WORKFLOW);
    await expect.poll(problemTexts).toEqual(expect.arrayContaining([expect.stringMatching(/^12:\d+ \[argo lint\] .*whalesay/)]));
    await page.screenshot({ path: join(SHOTS, 'editor-lint.png') });
    // Fix the reference by editing in Monaco: find the word, replace it.
    await page.locator('.monaco-editor .view-line', { hasText: 'whalesay' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.insertText('say');
    await expect.poll(editorText).toContain('template: say');
    await expect.poll(problemTexts).toEqual([]);
    const lint = await page.locator('.problems-head span[title="Edit → engine markers"]').textContent();
    console.log(`editor e2e: edit → engine markers, ${lint}`);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('100');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByRole('list', { name: 'Applied' }).textContent()).toContain('workflow.argoproj.io/e2e-editor created');
    await page.screenshot({ path: join(SHOTS, 'editor-applied.png') });
    await page.getByRole('tab', { name: 'Cluster', exact: true }).click();
    await expect.poll(() => page.locator('table[data-kind="Workflow"] tr[data-name="e2e-editor"]').getAttribute('data-status'), { timeout: 20_000 }).toBe('Succeeded');
    // Back to the editor: the tab, its file and its undo history are still there.
    await page.getByRole('tab', { name: 'Editor', exact: true }).click();
    await expect.poll(() => page.locator('.editor-path').textContent()).toBe('cluster/hello-wf.yaml');
    expect(pageErrors).toEqual([]);
  });

  it('formats and saves with Ctrl+S, and Ctrl+Z undoes the formatting', async () => {
    await newFile('fmt.yaml', 'apiVersion:   v1\nkind: ConfigMap\nmetadata:\n    name: fmt\ndata:\n    k:    v\n');
    // On a busy machine the YAML worker may still be starting: save until the formatter has answered.
    await expect
      .poll(
        async () => {
          await page.keyboard.press('Control+S');
          await page.getByRole('status').filter({ hasText: 'Saved cluster/fmt.yaml' }).waitFor();
          return editorText();
        },
        { timeout: 15_000 },
      )
      .toContain('apiVersion: v1kind: ConfigMapmetadata:  name: fmtdata:  k: v');
    await page.keyboard.press('Control+Z');
    await expect.poll(editorText).toContain('apiVersion:   v1');
  });

  it('keeps the undo history of a file across a rename', async () => {
    await newFile('before-rename.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: undo-me\n');
    await expect.poll(editorText).toContain('name: undo-me');
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('# typed-before-rename\n');
    await expect.poll(editorText).toContain('# typed-before-rename');
    await page.getByRole('button', { name: 'Rename cluster/before-rename.yaml' }).click();
    const input = page.getByRole('textbox', { name: 'Rename cluster/before-rename.yaml' });
    await input.fill('cluster/after-rename.yaml');
    await input.press('Enter');
    await expect.poll(() => page.locator('.editor-path').textContent()).toBe('cluster/after-rename.yaml');
    expect(await editorText()).toContain('# typed-before-rename');
    // The same model moved with the file: Ctrl+Z still undoes what was typed before the rename (a new model would
    // have nothing to undo). The first press after the click may only restore focus, so press until it has acted.
    await page.locator('.monaco-editor .view-lines').click();
    await expect
      .poll(
        async () => {
          await page.keyboard.press('Control+Z');
          return editorText();
        },
        { timeout: 5_000 },
      )
      .not.toContain('typed-before-rename');
    expect(await editorText()).toContain('name: undo-me');
    expect(pageErrors).toEqual([]);
  });

  it('shows a git repository as working-copy files that follow HEAD, with modified marks and Commit…', async () => {
    await page.getByRole('tab', { name: 'Applications', exact: true }).click();
    await page.getByRole('button', { name: 'Add example application' }).click();
    await page.getByRole('tab', { name: 'Editor', exact: true }).click();
    const file = page.locator('button.tree-name[title="repos/guestbook/guestbook/20-deployment.yaml"]');
    await file.click({ timeout: 10_000 });
    await expect.poll(() => page.locator('.editor-path').textContent()).toBe('repos/guestbook/guestbook/20-deployment.yaml');
    const replicas = async () => Number(/replicas: (\d+)/.exec(await editorText())?.[1]);
    // The model's text renders a moment after the path switches.
    await expect.poll(replicas, { timeout: 10_000 }).toBeGreaterThan(0);
    const before = await replicas();
    // Someone pushes: the unmodified working copy follows the new HEAD.
    await page.getByRole('tab', { name: 'Applications', exact: true }).click();
    await page.getByRole('button', { name: 'Simulate a commit' }).click();
    await page.getByRole('tab', { name: 'Editor', exact: true }).click();
    await expect.poll(replicas, { timeout: 10_000 }).toBe(before + 1);
    // A local edit marks the file modified; Commit… leads to the Git tab.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('# my change\n');
    await expect.poll(() => page.locator('.tree-file.modified button.tree-name').getAttribute('title')).toBe('repos/guestbook/guestbook/20-deployment.yaml');
    await page.screenshot({ path: join(SHOTS, 'editor-repo.png') });
    await page.getByRole('button', { name: 'Commit…' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Git', exact: true }).getAttribute('aria-selected')).toBe('true');
  });

  it('re-marks a 500-line file after an edit (edit → engine markers figure logged)', async () => {
    await page.getByRole('tab', { name: 'Editor', exact: true }).click();
    // Paused, so the figure is the editor's path alone (a playing sim shares the engine worker).
    await page.getByRole('button', { name: 'Pause' }).click();
    await newFile('big.yaml', editorFile());
    await expect.poll(() => page.getByTestId('problem-counts').textContent()).toBe('0 errors, 0 warnings');
    // Break one Deployment's name deep in the file: the marker lands on that line.
    const line = editorFile().split('\n').indexOf('  name: web-7') + 1;
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.insertText(String(line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.insertText('_X');
    await expect.poll(problemTexts).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${line}:\\d+ \\[kube-apiserver\\] metadata\\.name: Invalid value: "web-7_X"`))]));
    console.log(`editor e2e: ${editorFile().split('\n').length}-line file, edit → engine markers ${await page.locator('.problems-head span[title="Edit → engine markers"]').textContent()}`);
  });

  it('renders in dark mode', async () => {
    const dark = await app!.browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
    await dark.goto(`${app!.url}#/editor`);
    await dark.locator('.monaco-editor.vs-dark .view-lines').waitFor({ timeout: 20_000 });
    // YAML highlighting loads lazily: wait for a coloured token before the picture.
    await dark.locator('.monaco-editor .view-line span span:not(.mtk1)').first().waitFor();
    await dark.screenshot({ path: join(SHOTS, 'editor-dark.png') });
    await dark.close();
  });
});
