/**
 * The workspace survives a reload and travels as a file, and time scrubs back and forth by replay: apply a ConfigMap,
 * advance, edit workspace files, commit in the Git tab → reload → the objects, clock, files and git log are back;
 * scrub to before the ConfigMap → gone; forward → back; export → import in a fresh browser context → the same.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, openApp } from './app.js';
import type { OpenApp } from './app.js';

let app: OpenApp | undefined;
let page: Page;
const pageErrors: string[] = [];

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: persisted\n  namespace: default\ndata:\n  color: teal\n';
const SCRATCH = 'cluster/notes.yaml';
const SCRATCH_TEXT = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scratch-note\ndata:\n  kept: across-reload\n';
const REPO_FILE = 'repos/guestbook/extra.yaml';
const REPO_TEXT = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  from: git-panel\n';
const BRANCH_FILE = 'repos/guestbook/release-notes.yaml';
const BRANCH_TEXT = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: release-notes\ndata:\n  note: only-on-release\n';

async function elapsedSeconds(p: Page = page): Promise<number> {
  const text = (await p.getByTestId('elapsed').textContent()) ?? '';
  const m = /T\+(?:(\d+)d )?(\d\d):(\d\d):(\d\d)/.exec(text);
  if (!m) throw new Error(`unexpected clock text: ${text}`);
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

const tab = (p: Page, name: string) => p.getByRole('tab', { name, exact: true });
const cmRow = (p: Page) => p.locator('table[data-kind="ConfigMap"] tr[data-name="persisted"]');
const saved = (p: Page) => expect.poll(() => p.getByTestId('save-status').textContent(), { timeout: 10_000 }).toBe('Saved');

async function newFile(path: string, text: string): Promise<void> {
  await tab(page, 'Editor').click();
  await page.getByRole('button', { name: 'New file', exact: true }).click();
  const input = page.getByRole('textbox', { name: 'New file path' });
  await input.fill(path);
  await input.press('Enter');
  await expect.poll(() => page.locator('.editor-path').textContent(), { timeout: 20_000 }).toBe(path);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+S');
}

async function jumpTo(p: Page, seconds: number): Promise<void> {
  await p.getByRole('textbox', { name: 'Jump to virtual time (since T+0)' }).fill(`${seconds}s`);
  await p.getByRole('button', { name: 'Go', exact: true }).click();
  await expect.poll(() => elapsedSeconds(p), { timeout: 10_000 }).toBe(seconds);
}

/** What must come back: the clock, the ConfigMap, the commit in the log, the scratch file. */
async function expectRestored(p: Page, clock: number): Promise<void> {
  await expect.poll(() => elapsedSeconds(p), { timeout: 15_000 }).toBe(clock);
  await tab(p, 'Cluster').click();
  await expect.poll(() => cmRow(p).count(), { timeout: 10_000 }).toBe(1);
  await tab(p, 'Git').click();
  await expect.poll(() => p.getByRole('list', { name: 'Commits on main' }).textContent(), { timeout: 10_000 }).toContain('Add extra ConfigMap');
  await tab(p, 'Editor').click();
  await p.locator(`button.tree-name[title="${SCRATCH}"]`).click();
  await expect.poll(() => p.locator('.monaco-editor .view-lines').textContent(), { timeout: 20_000 }).toContain('across-reload');
}

beforeAll(async () => {
  app = await openApp('#/apps');
  page = app.page;
  // With stacks, so a failure says where it came from.
  page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
}, 300_000);

afterAll(async () => {
  await app?.close();
});

let clock = 0;
let appliedAt = 0;

describe('persistence and scrubbing in Chromium', () => {
  it('records an apply, file edits and a commit', async () => {
    await page.getByRole('button', { name: 'Add example application' }).click();
    await expect.poll(() => page.locator('.app-card[data-app="guestbook"]').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.getByRole('button', { name: 'Advance 10 seconds' }).click();
    await tab(page, 'Cluster').click();
    appliedAt = await elapsedSeconds();
    await page.getByRole('textbox', { name: 'Manifest YAML' }).fill(CM);
    await page.getByRole('button', { name: 'Apply manifest' }).click();
    await expect.poll(() => cmRow(page).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Advance 1 minute' }).click();
    await expect.poll(() => elapsedSeconds()).toBe(appliedAt + 60);

    await newFile(SCRATCH, SCRATCH_TEXT);
    await newFile(REPO_FILE, REPO_TEXT);
    await tab(page, 'Git').click();
    await expect.poll(() => page.getByRole('list', { name: 'Working changes' }).textContent(), { timeout: 10_000 }).toContain('extra.yaml');
    await page.getByRole('button', { name: 'Show the diff of extra.yaml' }).click();
    expect(await page.locator('.change-diff').textContent()).toMatch(/^\+\s+from: git-panel$/m);
    await page.getByRole('textbox', { name: 'Commit message' }).fill('Add extra ConfigMap');
    await page.getByRole('button', { name: /^Commit 1 file to main$/ }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Commits on main' }).textContent(), { timeout: 10_000 }).toContain('Add extra ConfigMap');
    await expect.poll(() => page.getByRole('list', { name: 'Working changes' }).count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Argo CD compares' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'git-01-panel.png') });
    clock = await elapsedSeconds();
    await saved(page);
  }, 90_000);

  it('comes back after a reload: objects, clock, files and git log', async () => {
    await page.reload();
    await expectRestored(page, clock);
  }, 60_000);

  it('scrubs back before the ConfigMap (gone) and forward again (back)', async () => {
    await tab(page, 'Cluster').click();
    await jumpTo(page, appliedAt - 5);
    await expect.poll(() => cmRow(page).count(), { timeout: 10_000 }).toBe(0);
    // The clock shows whole seconds; the commit ran a few ms after `clock`, so go one second further to include it.
    await jumpTo(page, clock + 1);
    await expect.poll(() => cmRow(page).count(), { timeout: 10_000 }).toBe(1);
    await tab(page, 'Git').click();
    await expect.poll(() => page.getByRole('list', { name: 'Commits on main' }).textContent(), { timeout: 10_000 }).toContain('Add extra ConfigMap');
    // The timeline kept every action: ticks for the example app, the apply and the commit.
    expect(await page.locator('.scrub-mark').count()).toBeGreaterThanOrEqual(3);
    // Step through the journal: back to just before the commit, then forward through it again.
    const commits = () => page.getByRole('list', { name: 'Commits on main' }).textContent();
    await page.getByRole('button', { name: 'Back to before git.commit' }).click();
    await expect.poll(commits, { timeout: 10_000 }).not.toContain('Add extra ConfigMap');
    await page.getByRole('button', { name: 'Forward through git.commit' }).click();
    await expect.poll(commits, { timeout: 10_000 }).toContain('Add extra ConfigMap');
    await jumpTo(page, clock + 1);
  }, 60_000);

  it('exports a file that a fresh browser imports into the same workspace', async () => {
    await page.locator('summary', { hasText: 'Workspace' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export file' }).click()]);
    expect(download.suggestedFilename()).toBe('argo-sandbox-workspace.json');
    const file = join(SHOTS, 'argo-sandbox-workspace.json');
    await download.saveAs(file);

    const context = await app!.browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
    const fresh = await context.newPage();
    await fresh.goto(app!.url + '#/cluster');
    await expect.poll(() => fresh.getByTestId('save-status').textContent(), { timeout: 15_000 }).toBe('Saved');
    expect(await cmRow(fresh).count()).toBe(0);
    await fresh.getByTestId('import-file').setInputFiles(file);
    await expectRestored(fresh, clock + 1);
    await tab(fresh, 'Git').click();
    await fresh.getByRole('list', { name: 'Commits on main' }).getByText('Add extra ConfigMap').click();
    await fresh.screenshot({ path: join(SHOTS, 'git-02-panel-dark.png') });
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('a share link opens the same workspace in a fresh browser', async () => {
    await page.locator('summary', { hasText: 'Workspace' }).click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/);
    const context = await app!.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const fresh = await context.newPage();
    await fresh.goto(link);
    await expectRestored(fresh, clock + 1);
    // The link is consumed: the address shows the view, and the workspace is now saved locally.
    expect(fresh.url()).not.toContain('#share=');
    await expect.poll(() => fresh.getByTestId('save-status').textContent(), { timeout: 10_000 }).toBe('Saved');
    await context.close();
  }, 60_000);

  it('creates a branch, checks it out, and deletes it from the Git tab', async () => {
    await tab(page, 'Git').click();
    await page.getByRole('textbox', { name: 'New branch name' }).fill('feature');
    await page.getByRole('button', { name: 'Create branch from main' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Checked-out branch' }).inputValue(), { timeout: 10_000 }).toBe('feature');
    await expect.poll(() => page.getByRole('list', { name: 'Commits on feature' }).textContent()).toContain('Add extra ConfigMap');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete branch' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Checked-out branch' }).inputValue(), { timeout: 10_000 }).toBe('main');
    await expect.poll(() => page.getByRole('combobox', { name: 'Checked-out branch' }).locator('option').allTextContents(), { timeout: 10_000 }).toEqual(['main (HEAD)']);
  }, 30_000);

  it('keeps a checked-out branch and its files across a reload', async () => {
    const branch = () => page.getByRole('combobox', { name: 'Checked-out branch' }).inputValue();
    await tab(page, 'Git').click();
    await page.getByRole('textbox', { name: 'New branch name' }).fill('release');
    await page.getByRole('button', { name: 'Create branch from main' }).click();
    await expect.poll(branch, { timeout: 10_000 }).toBe('release');
    await newFile(BRANCH_FILE, BRANCH_TEXT);
    await tab(page, 'Git').click();
    await page.getByRole('textbox', { name: 'Commit message' }).fill('Only on release');
    await page.getByRole('button', { name: /^Commit 1 file to release$/ }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Commits on release' }).textContent(), { timeout: 10_000 }).toContain('Only on release');
    await saved(page);

    await page.reload();
    await tab(page, 'Git').click();
    await expect.poll(branch, { timeout: 15_000 }).toBe('release');
    await expect.poll(() => page.getByRole('list', { name: 'Commits on release' }).textContent(), { timeout: 10_000 }).toContain('Only on release');
    // The working copy is release's tree: its file is there and clean, nothing shows as changed against it.
    await tab(page, 'Editor').click();
    await page.locator(`button.tree-name[title="${BRANCH_FILE}"]`).click();
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), { timeout: 20_000 }).toContain('only-on-release');
    await tab(page, 'Git').click();
    await expect.poll(() => page.getByRole('list', { name: 'Working changes' }).count(), { timeout: 10_000 }).toBe(0);
    // Back on main, the release-only file leaves the working copy.
    await page.getByRole('combobox', { name: 'Checked-out branch' }).selectOption('main');
    await tab(page, 'Editor').click();
    await expect.poll(() => page.locator(`button.tree-name[title="${BRANCH_FILE}"]`).count(), { timeout: 10_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
