/**
 * The IndexedDB record: the document's text with the saved world beside it as a Blob, made once per fresh frame and
 * stored by reference on later saves; a reload rebuilds the same world from it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import { Persistence } from '../../../src/persistence/persistence.js';
import type { KeyValueStore } from '../../../src/persistence/idb.js';
import type { Engine } from '../../../src/engine/useEngine.js';
import type { SessionState } from '../../../src/worker/protocol.js';

const SCENARIO = readFileSync(resolve(import.meta.dirname, '../../../scenarios/default.yaml'), 'utf8');
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n';

/** An in-memory stand-in for IndexedDB that keeps values as given (Blobs stay Blobs, like structured clone). */
class MemoryKv {
  readonly data = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return this.data.get(key) as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

const hosts: EngineHost[] = [];
const restored: SessionState[] = [];

/** The worker's API as the main thread sees it (async), over a real EngineHost. */
function engineOf(host: EngineHost): Engine {
  return {
    sessionText: async (withFrame?: boolean) => host.sessionText(withFrame),
    session: async () => host.session(),
    restoreSession: async (s: SessionState) => {
      restored.push(s);
      return host.restoreSession(s);
    },
    load: async (text: string, opts?: { file?: string }) => host.load(text, opts),
  } as unknown as Engine;
}

function newHost(): EngineHost {
  const host = new EngineHost();
  hosts.push(host);
  return host;
}

const configMaps = (host: EngineHost) => host.world.store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default' }).map((o) => o.metadata.name);

beforeEach(() => {
  vi.stubGlobal('location', { hash: '', pathname: '/', search: '' });
  restored.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
  for (const h of hosts.splice(0)) h.dispose();
});

describe('persistence record', () => {
  it('stores the world as a Blob beside the document text, reuses it between fresh frames, and a reload restores from it', async () => {
    const kv = new MemoryKv();
    const host = newHost();
    const first = new Persistence(kv as unknown as KeyValueStore);
    await first.boot(engineOf(host), { text: SCENARIO, file: 'scenarios/default.yaml' });
    host.apply(CM, 'cluster/settings.yaml');
    await host.advance(20_000);
    await first.save();
    const rec = kv.data.get('workspace') as { text: string; frame?: Blob };
    expect(typeof rec.text).toBe('string');
    expect(rec.text).not.toContain('"frame"');
    expect(rec.frame).toBeInstanceOf(Blob);
    const frame = JSON.parse(await rec.frame!.text()) as { now: number };
    expect(frame.now).toBe(host.world.now());

    // Within the frame interval the next save carries the same Blob (not re-serialised) and a newer journal.
    await host.advance(5_000);
    await first.save();
    const again = kv.data.get('workspace') as { text: string; frame?: Blob };
    expect(again.frame).toBe(rec.frame);
    expect((JSON.parse(again.text) as { session: { now: number } }).session.now).toBe(host.world.now());

    // A reload: the saved world comes back through the frame, then the 5 s after it replay.
    const other = newHost();
    const second = new Persistence(kv as unknown as KeyValueStore);
    await second.boot(engineOf(other), { text: SCENARIO, file: 'scenarios/default.yaml' });
    expect(second.getState().source).toBe('saved');
    expect(restored).toHaveLength(1);
    expect(restored[0]!.frame?.now).toBe(frame.now);
    expect(other.world.now()).toBe(host.world.now());
    expect(configMaps(other)).toEqual(configMaps(host));
    expect(configMaps(other)).toContain('settings');
  });

  it('still reads a record saved as one JSON text (before the world moved into a Blob)', async () => {
    const kv = new MemoryKv();
    const host = newHost();
    host.load(SCENARIO, { file: 'scenarios/default.yaml' });
    host.apply(CM, 'cluster/settings.yaml');
    await host.advance(10_000);
    const { session, frame } = host.sessionText(true);
    kv.data.set('workspace', `{"format":"argo-sandbox-workspace","version":1,"session":${session.slice(0, -1)},"frame":${frame!}}}`);
    const other = newHost();
    const p = new Persistence(kv as unknown as KeyValueStore);
    await p.boot(engineOf(other), { text: SCENARIO, file: 'scenarios/default.yaml' });
    expect(p.getState().source).toBe('saved');
    expect(restored[0]!.frame).toBeDefined();
    expect(configMaps(other)).toContain('settings');
  });
});

describe('blobInSlices', () => {
  it('joins slices into the same text, never splitting a surrogate pair', async () => {
    const { blobInSlices } = await import('../../../src/persistence/blob.js');
    // An emoji (two UTF-16 units) straddles every 7-unit cut; accented letters are two UTF-8 bytes.
    const text = `{"why":"${'ab🚀é'.repeat(50)}"}`;
    for (const slice of [7, 8, 1000]) {
      const blob = await blobInSlices(text, 'application/json', slice);
      expect(blob.type).toBe('application/json');
      expect(await blob.text()).toBe(text);
    }
  });
});
