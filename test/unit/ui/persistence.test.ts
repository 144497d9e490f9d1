/** The saved-workspace document: validated on import with located errors, round-tripped through a share link. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import { decodeShare, encodeShare, SHARE_PREFIX } from '../../../src/persistence/share.js';
import { FORMAT, parseWorkspace, validateWorkspace, WorkspaceFormatError } from '../../../src/persistence/format.js';
import type { WorkspaceDocument } from '../../../src/persistence/format.js';

const SCENARIO = readFileSync(resolve(import.meta.dirname, '../../../scenarios/default.yaml'), 'utf8');
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

async function documentOfARun(): Promise<WorkspaceDocument> {
  host = new EngineHost();
  host.load(SCENARIO, { file: 'scenarios/default.yaml' });
  await host.advance(12_000);
  host.apply(CM, 'cluster/settings.yaml');
  await host.advance(30_000);
  return {
    format: FORMAT,
    version: 1,
    session: host.session(),
    workspace: { files: { 'cluster/default.yaml': SCENARIO, 'cluster/settings.yaml': CM }, base: {}, open: ['cluster/settings.yaml'], active: 'cluster/settings.yaml' },
    view: 'git',
  };
}

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkspaceFormatError);
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('workspace document', () => {
  it('accepts what the engine saves, through JSON', async () => {
    const doc = await documentOfARun();
    expect(parseWorkspace(JSON.stringify(doc))).toEqual(doc);
  });

  it('names what is wrong and where', async () => {
    const doc = await documentOfARun();
    expect(errorOf(() => parseWorkspace('{"format":'))).toMatch(/^not a workspace file: /);
    expect(errorOf(() => validateWorkspace({ ...doc, format: 'something' }))).toBe('not a workspace file: "format" is "something", expected "argo-sandbox-workspace"');
    expect(errorOf(() => validateWorkspace({ ...doc, version: 2 }))).toBe('workspace version 2 is not supported (this sandbox reads version 1)');
    const badEntry = structuredClone(doc) as unknown as { session: { entries: { t: unknown }[] } };
    badEntry.session.entries[0]!.t = 'soon';
    expect(errorOf(() => validateWorkspace(badEntry))).toBe('session.entries[0].t: expected a number, got a string');
    expect(errorOf(() => validateWorkspace({ ...doc, workspace: { ...doc.workspace, files: { 'cluster/a.yaml': 3 } } }))).toBe('workspace.files["cluster/a.yaml"]: expected a string, got a number');
    expect(errorOf(() => validateWorkspace({ ...doc, session: { ...doc.session, now: 0 } }))).toMatch(/^session\.now: 0 is before the start time/);
    const frame = { now: doc.session.now, steps: 1, cursor: 0, snapshot: { version: 9 } };
    expect(errorOf(() => validateWorkspace({ ...doc, session: { ...doc.session, frame } }))).toBe('session.frame.snapshot.version: unsupported snapshot version 9');
  });

  it('a share link carries the document compressed and restores the same world', async () => {
    const doc = await documentOfARun();
    const hash = await encodeShare(doc);
    expect(hash.startsWith(SHARE_PREFIX)).toBe(true);
    expect(hash.slice(SHARE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(doc).length);
    const back = await decodeShare(hash);
    expect(back).toEqual(doc);
    const other = new EngineHost();
    try {
      await other.restoreSession(back.session);
      expect(JSON.stringify(other.world.snapshot())).toBe(JSON.stringify(host!.world.snapshot()));
    } finally {
      other.dispose();
    }
  });

  it('a damaged share link says so', async () => {
    await expect(decodeShare(`${SHARE_PREFIX}not-deflate`)).rejects.toThrow('this share link is damaged');
  });
});
