/** `argo-sandbox lab list|check` and `scenario list|play`, end to end through the CLI's main. */
import { describe, expect, it } from 'vitest';
import { caseFolders, runCli } from '../support/cliRun.js';

const FIXTURES = 'test/labs/fixtures';
const folder = caseFolders('labs-cli-');

describe('lab command', () => {
  it('lab list prints the labs with chapter, steps and minutes', async () => {
    const r = await runCli('lab', 'list', '--dir', FIXTURES);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+CHAPTER\s+STEPS\s+MINUTES\s+TITLE$/);
    expect(r.stdout).toMatch(/mini-argocd\s+3\s+3\s+5\s+A tiny Argo CD lab/);
  });

  it('lab check without --solve: fresh world, failing checks with reasons, exit 1', async () => {
    const r = await runCli('lab', 'check', 'mini-argocd', '--dir', FIXTURES, '--step', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✘ Application guestbook is Synced and Healthy\n      Application argocd/guestbook not found');
    expect(r.stdout).toContain('0/3 checks hold');
  });

  it('lab check --solve: every step solved, every check ✔, exit 0', async () => {
    const r = await runCli('lab', 'check', `${FIXTURES}/mini-argocd`, '--solve');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ argocd app sync guestbook (as admin)');
    expect(r.stdout).toContain('✔ alice may not sync guestbook');
    expect(r.stdout).toContain('8/8 checks hold');
    expect(r.stdout).not.toContain('✘');
  });

  it('lab check on an invalid lab prints located errors and exits 2', async () => {
    const dir = folder({ 'broken/lab.yaml': 'id: broken\ntitle: B\nchapter: 1\nobjectives: [x]\nestimatedMinutes: 1\nscenario: {}\nsteps: []\n' });
    const r = await runCli('lab', 'check', 'broken', '--dir', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\/lab\.yaml:7:1: must have at least 1 item\(s\) \(steps\)/);
  });

  it('bad arguments exit 2 with the usage', async () => {
    expect((await runCli('lab', 'check')).code).toBe(2);
    expect((await runCli('lab', 'check', 'mini-argocd', '--dir', FIXTURES, '--step', '9')).stderr).toContain('has 3 steps, there is no step 9');
  });
});

describe('scenario command', () => {
  it('scenario play prints callouts, actions and events, and ends', async () => {
    const r = await runCli('scenario', 'play', 'sync-waves');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\+10s\s+▶ Sync!/m);
    expect(r.stdout).toMatch(/^\+10s\s+\$ argocd app sync waves \(as admin\)/m);
    expect(r.stdout).toMatch(/^\+\d+s\s+Normal\s+HookCreated Application\/waves: PreSync hook job\.batch\/migrate created/m);
    expect(r.stdout).toContain('end: 5/5 cues played');
  });

  it('--until stops the script at that virtual time', async () => {
    const r = await runCli('scenario', 'play', 'cron-day', '--until', '8h5m', '--no-events');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+8h5m  end: 3/5 cues played (2 after --until)');
    expect(r.stdout).not.toMatch(/WorkflowCreated/);
  });

  it('a failing scripted action exits 1; an invalid scenario exits 2', async () => {
    const dir = folder({
      'fails.yaml': 'kind: Scenario\ntitle: F\nscript:\n  - at: 1s\n    argocd: { action: sync, app: missing }\n',
      'bad.yaml': 'kind: Scenario\ntitle: B\nscript:\n  - at: 1s\n    sleep: 5s\n',
    });
    const fails = await runCli('scenario', 'play', 'fails', '--dir', dir);
    expect(fails.code).toBe(1);
    expect(fails.stdout).toMatch(/! argocd app sync missing \(as admin\).*\n\s+error: rpc error: code = PermissionDenied desc = permission denied\n/);
    const bad = await runCli('scenario', 'play', `${dir}/bad.yaml`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:5:5: unknown field "sleep"/);
  });
});
