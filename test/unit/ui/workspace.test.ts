/** The workspace model: git working copies against HEAD, scratch files, tabs, and following a moving HEAD. */
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../../src/workspace/store.js';
import type { WorkspaceState } from '../../../src/workspace/model.js';

const HEAD1 = { 'app/cm.yaml': 'a: 1\n', 'app/deploy.yaml': 'd: 1\n', 'README.md': '# x\n' };

function withRepo(): WorkspaceStore {
  const ws = new WorkspaceStore({ files: { 'cluster/default.yaml': 'kind: x\n' }, base: {}, open: ['cluster/default.yaml'], active: 'cluster/default.yaml' });
  ws.syncBase('guestbook', HEAD1);
  return ws;
}

describe('workspace', () => {
  it('materialises a repo HEAD as clean working-copy files', () => {
    const ws = withRepo();
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('a: 1\n');
    expect(ws.changes('guestbook')).toEqual({});
    expect(ws.status('repos/guestbook/app/cm.yaml')).toBe('unmodified');
  });

  it('reports edits, new files and deletions of one repo as its changes', () => {
    const ws = withRepo();
    ws.write('repos/guestbook/app/cm.yaml', 'a: 2\n');
    ws.create('repos/guestbook/app/svc.yaml', 's: 1\n');
    ws.remove('repos/guestbook/README.md');
    ws.write('cluster/default.yaml', 'kind: y\n');
    expect(ws.changes('guestbook')).toEqual({ 'app/cm.yaml': 'a: 2\n', 'app/svc.yaml': 's: 1\n', 'README.md': null });
    expect(ws.status('repos/guestbook/app/cm.yaml')).toBe('modified');
    expect(ws.status('repos/guestbook/app/svc.yaml')).toBe('added');
    expect(ws.status('repos/guestbook/README.md')).toBe('deleted');
    expect(ws.changes('other')).toEqual({});
  });

  it('after a commit of the changes, syncBase leaves nothing to commit', () => {
    const ws = withRepo();
    ws.write('repos/guestbook/app/cm.yaml', 'a: 2\n');
    ws.remove('repos/guestbook/README.md');
    ws.syncBase('guestbook', { 'app/cm.yaml': 'a: 2\n', 'app/deploy.yaml': 'd: 1\n' });
    expect(ws.changes('guestbook')).toEqual({});
    expect(ws.state.files['repos/guestbook/README.md']).toBeUndefined();
  });

  it('follows a moved HEAD for unmodified files and keeps local edits', () => {
    const ws = withRepo();
    ws.write('repos/guestbook/app/cm.yaml', 'a: mine\n');
    ws.openFile('repos/guestbook/README.md');
    ws.syncBase('guestbook', { 'app/cm.yaml': 'a: theirs\n', 'app/deploy.yaml': 'd: 2\n', 'app/new.yaml': 'n: 1\n' });
    expect(ws.state.files['repos/guestbook/app/deploy.yaml']).toBe('d: 2\n');
    expect(ws.state.files['repos/guestbook/app/new.yaml']).toBe('n: 1\n');
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('a: mine\n');
    // README left HEAD and was not edited: gone, and its tab closed.
    expect(ws.state.files['repos/guestbook/README.md']).toBeUndefined();
    expect(ws.state.open).not.toContain('repos/guestbook/README.md');
    expect(ws.changes('guestbook')).toEqual({ 'app/cm.yaml': 'a: mine\n' });
  });

  it('keeps tabs in order, moves the active tab on close and rename', () => {
    const ws = withRepo();
    ws.openFile('repos/guestbook/app/cm.yaml');
    ws.openFile('repos/guestbook/app/deploy.yaml');
    ws.openFile('repos/guestbook/app/cm.yaml');
    expect(ws.state.open).toEqual(['cluster/default.yaml', 'repos/guestbook/app/cm.yaml', 'repos/guestbook/app/deploy.yaml']);
    expect(ws.state.active).toBe('repos/guestbook/app/cm.yaml');
    ws.rename('repos/guestbook/app/cm.yaml', 'repos/guestbook/app/config.yaml');
    expect(ws.state.active).toBe('repos/guestbook/app/config.yaml');
    expect(ws.changes('guestbook')).toEqual({ 'app/cm.yaml': null, 'app/config.yaml': 'a: 1\n' });
    ws.closeFile('repos/guestbook/app/config.yaml');
    expect(ws.state.active).toBe('repos/guestbook/app/deploy.yaml');
  });

  it('refuses paths outside cluster/ and repos/<repo>/, and duplicate names', () => {
    const ws = withRepo();
    expect(() => ws.create('notes.txt')).toThrow('files live under cluster/ or repos/<repo>/');
    expect(() => ws.create('cluster/../x.yaml')).toThrow('invalid file path');
    expect(() => ws.create('cluster/default.yaml')).toThrow('already exists');
    expect(() => ws.rename('cluster/default.yaml', 'repos/guestbook/app/cm.yaml')).toThrow('already exists');
  });

  it('notifies subscribers of every change and round-trips export/import', () => {
    const ws = withRepo();
    const seen: WorkspaceState[] = [];
    const off = ws.subscribe((s) => seen.push(s));
    ws.write('cluster/default.yaml', 'kind: z\n');
    ws.write('cluster/default.yaml', 'kind: z\n'); // no change, no notification
    off();
    ws.write('cluster/default.yaml', 'kind: w\n');
    expect(seen).toHaveLength(1);
    const saved = ws.exportState();
    const other = new WorkspaceStore();
    let imported = 0;
    other.onImport = () => imported++;
    other.importState(saved);
    expect(other.state).toEqual(saved);
    expect(imported).toBe(1);
    other.importState({ files: { 'cluster/a.yaml': 'x' }, base: {}, open: ['cluster/a.yaml', 'cluster/gone.yaml'], active: 'cluster/gone.yaml' });
    expect(other.state).toEqual({ files: { 'cluster/a.yaml': 'x' }, base: {}, open: ['cluster/a.yaml'] });
  });
});
