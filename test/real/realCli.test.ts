/**
 * `argo-sandbox real`: argument errors, and what a learner without Docker sees — one clear message on
 * how to get Docker, exit code 2, no stack trace. (On a machine with Docker these cases are reported as
 * skipped: `npm run test:real` exercises the real thing there.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocker, DOCKER_HELP } from '../../bridge/kind/index.js';
import { runCli } from '../support/cliRun.js';

const docker = await checkDocker();
let home: string;
const previousHome = process.env.ARGO_SANDBOX_HOME;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'argo-sandbox-home-'));
  process.env.ARGO_SANDBOX_HOME = home;
});
afterAll(() => {
  if (previousHome === undefined) delete process.env.ARGO_SANDBOX_HOME;
  else process.env.ARGO_SANDBOX_HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

describe('argo-sandbox real: arguments and state', () => {
  it('bad subcommands and flags exit 2 with the usage', async () => {
    for (const argv of [['real'], ['real', 'sideways'], ['real', 'up', '--provider', 'minikube'], ['real', 'up', '--port', 'x'], ['real', 'status', 'extra']]) {
      const r = await runCli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\n\nUsage: argo-sandbox real <up\|down\|status>/);
    }
    const help = await runCli('real', '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('kindest/node');
  });

  it('status and down with nothing started say so', async () => {
    expect(await runCli('real', 'status')).toEqual({ code: 1, stdout: 'no real cluster is running (start one with `argo-sandbox real up`)\n', stderr: '' });
    expect(await runCli('real', 'down')).toEqual({ code: 0, stdout: 'no real cluster is running (nothing was started with `argo-sandbox real up`)\n', stderr: '' });
  });
});

describe.skipIf(docker.ok)(`argo-sandbox real up without Docker${docker.ok ? ' [SKIPPED: Docker is available here]' : ''}`, () => {
  it('prints one clear message on how to get Docker and exits 2, no stack trace', async () => {
    const r = await runCli('real', 'up');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${DOCKER_HELP}`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
