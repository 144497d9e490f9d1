/**
 * Keeps the whole workspace across reloads: the world (load input + journal + time, rebuilt by replay), the editor's
 * files, the open view and the git panel's branches. Saved to IndexedDB shortly after each change; exported as a
 * file; shared as a link. One instance per page (see `index.ts`).
 */
import type { Engine } from '../engine/useEngine';
import type { ApplyResult, ViewModel } from '../worker/protocol';
import { EXPORT_FILE, FORMAT, FORMAT_VERSION, parseWorkspace, validateWorkspace, WorkspaceFormatError } from './format';
import type { SavedFiles, WorkspaceDocument } from './format';
import { KeyValueStore } from './idb';
import { blobInSlices } from './blob';
import { decodeShare, encodeShare, SHARE_PREFIX, SHARE_URL_WARN_CHARS } from './share';

/** What persistence needs of the editor's workspace (U1's `WorkspaceApi` satisfies it). */
export interface WorkspaceLike {
  exportState(): SavedFiles;
  importState(state: SavedFiles): void;
  subscribe(listener: (state: SavedFiles) => void): () => void;
}

export type SaveStatus = 'starting' | 'unsaved' | 'saving' | 'saved' | 'error';

export interface PersistenceState {
  status: SaveStatus;
  /** Where the world came from at startup and how long rebuilding it took (real ms). */
  source?: 'share' | 'saved' | 'default';
  bootMs?: number;
  error?: string;
  /** The editor workspace attached (the git panel reads working changes from it). */
  workspace?: WorkspaceLike;
  branches: Record<string, string>;
}

const KEY = 'workspace';
/** Real ms between saved frames of the world (a frame can be MBs for a large world; the journal is always saved). */
const FRAME_EVERY_MS = 10_000;
const SAVE_DEBOUNCE_MS = 400;
/** While time runs, save at least this often (not on every push). */
const SAVE_MAX_WAIT_MS = 2_000;

export interface Defaults {
  text: string;
  file: string;
}

function viewFromHash(): string | undefined {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0];
  return id && !location.hash.startsWith(SHARE_PREFIX) ? id : undefined;
}

/** What IndexedDB holds: the document's text and the saved world beside it (older records are the text alone). */
interface SavedRecord {
  text: string;
  frame?: Blob;
}

/** A saved record back to a document: the frame joins the session (checked with the rest). */
async function readRecord(saved: unknown): Promise<WorkspaceDocument> {
  if (typeof saved === 'string') return parseWorkspace(saved);
  const rec = saved as Partial<SavedRecord>;
  if (typeof rec.text !== 'string') throw new WorkspaceFormatError('the saved workspace record has no document text');
  if (!(rec.frame instanceof Blob)) return parseWorkspace(rec.text);
  const text = rec.text;
  const frame = await rec.frame.text();
  // Splice the frame's JSON text into the session's object: `..."session":{...}` → `{...,"frame":<frame>}`.
  let json: unknown;
  try {
    const doc = JSON.parse(text) as { session?: Record<string, unknown> };
    if (doc.session && typeof doc.session === 'object') doc.session.frame = JSON.parse(frame) as unknown;
    json = doc;
  } catch (err) {
    throw new WorkspaceFormatError(`not a workspace file: ${err instanceof Error ? err.message : String(err)}`);
  }
  return validateWorkspace(json);
}

export class Persistence {
  private engine?: Engine;
  private defaults: Defaults = { text: '', file: 'scenario.yaml' };
  private state: PersistenceState = { status: 'starting', branches: {} };
  private readonly listeners = new Set<() => void>();
  private timer?: ReturnType<typeof setTimeout>;
  private firstDirty = 0;
  private lastWorld = '';
  private pendingFiles?: SavedFiles;
  private unsubscribeWorkspace?: () => void;
  private saving?: Promise<void>;
  /** The last saved world (a Blob: IndexedDB stores it by reference, the main thread never re-serialises it). */
  private frameBlob?: Blob;
  private frameAt = -Infinity;

  constructor(private readonly kv = new KeyValueStore()) {}

  // --- React glue (useSyncExternalStore) -------------------------------------------------------
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): PersistenceState => this.state;

  private set(patch: Partial<PersistenceState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  // --- Startup ------------------------------------------------------------------------------------
  /** Build the first world: from a share link, else the saved workspace, else the default scenario. */
  async boot(engine: Engine, defaults: Defaults): Promise<ApplyResult> {
    this.engine = engine;
    this.defaults = defaults;
    const started = performance.now();
    let doc: WorkspaceDocument | undefined;
    let source: PersistenceState['source'] = 'default';
    try {
      if (location.hash.startsWith(SHARE_PREFIX)) {
        doc = await decodeShare(location.hash);
        source = 'share';
      } else {
        const saved = await this.kv.get<unknown>(KEY).catch(() => undefined);
        if (saved) {
          doc = await readRecord(saved);
          source = 'saved';
        }
      }
    } catch (err) {
      // A damaged link or record must not keep the sandbox from starting: say so, start fresh.
      this.set({ error: err instanceof Error ? err.message : String(err) });
      doc = undefined;
      source = 'default';
    }
    let result: ApplyResult | undefined;
    if (doc) {
      try {
        result = await this.adopt(doc);
        if (source === 'share') history.replaceState(null, '', `${location.pathname}${location.search}#/${doc.view ?? ''}`);
      } catch (err) {
        // A saved world this sandbox cannot rebuild: start fresh rather than not at all.
        this.set({ error: `could not restore the saved workspace: ${err instanceof Error ? err.message : String(err)}` });
        source = 'default';
      }
    }
    result ??= await engine.load(defaults.text, { file: defaults.file, playSpeed: 1 });
    this.set({ status: source === 'share' ? 'unsaved' : 'saved', source, bootMs: Math.round(performance.now() - started) });
    if (source === 'share') this.schedule();
    return result;
  }

  /** Make `doc` the current workspace: rebuild its world, hand its files to the editor, open its view. */
  private async adopt(doc: WorkspaceDocument): Promise<ApplyResult> {
    const engine = this.mustEngine();
    this.frameAt = -Infinity;
    const result = await engine.restoreSession(doc.session);
    this.set({ branches: { ...(doc.branches ?? {}) } });
    if (doc.workspace) {
      if (this.state.workspace) this.state.workspace.importState(doc.workspace);
      else this.pendingFiles = doc.workspace;
    }
    if (doc.view && viewFromHash() !== doc.view) location.hash = `#/${doc.view}`;
    return result;
  }

  /** The editor's workspace joins persistence (files restored at boot are handed over now). Returns detach. */
  attachWorkspace(ws: WorkspaceLike): () => void {
    this.unsubscribeWorkspace?.();
    if (this.pendingFiles) {
      ws.importState(this.pendingFiles);
      this.pendingFiles = undefined;
    }
    const off = ws.subscribe(() => this.schedule());
    this.unsubscribeWorkspace = off;
    this.set({ workspace: ws });
    return () => {
      off();
      if (this.state.workspace === ws) this.set({ workspace: undefined });
    };
  }

  // --- Saving -------------------------------------------------------------------------------------
  /** Called with every pushed view: the world changed when its time, journal or position did. */
  noteWorld(view: ViewModel): void {
    const t = view.timeline;
    const key = t ? `${t.now}|${t.marks.length}|${t.cursor}|${t.start}` : String(view.now);
    if (key === this.lastWorld) return;
    const first = this.lastWorld === '';
    this.lastWorld = key;
    if (!first && this.state.status !== 'starting') this.schedule();
  }

  setBranch(url: string, branch: string): void {
    this.set({ branches: { ...this.state.branches, [url]: branch } });
    this.schedule();
  }

  /** Save soon (debounced; while time runs, at least every couple of seconds). */
  schedule(): void {
    if (this.state.status === 'starting') return;
    const now = performance.now();
    if (this.timer === undefined) this.firstDirty = now;
    else clearTimeout(this.timer);
    if (this.state.status !== 'saving') this.set({ status: 'unsaved' });
    const wait = Math.max(0, Math.min(SAVE_DEBOUNCE_MS, this.firstDirty + SAVE_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, wait);
  }

  /** Save now (also what the debounce ends in). */
  async save(): Promise<void> {
    if (this.saving) await this.saving;
    this.saving = (async () => {
      this.set({ status: 'saving' });
      try {
        // The saved world rides along in IndexedDB: a reload restores it instead of replaying the journal.
        await this.kv.set(KEY, await this.record());
        this.set({ status: this.timer === undefined ? 'saved' : 'unsaved', error: undefined });
      } catch (err) {
        this.set({ status: 'error', error: `could not save the workspace: ${err instanceof Error ? err.message : String(err)}` });
      }
    })();
    await this.saving;
    this.saving = undefined;
  }

  /** The current workspace as one document (journal only: what export files and share links carry). */
  async document(): Promise<WorkspaceDocument> {
    const doc: WorkspaceDocument = { format: FORMAT, version: FORMAT_VERSION, session: await this.mustEngine().session() };
    return Object.assign(doc, this.uiParts());
  }

  /**
   * The IndexedDB record: the document's JSON text (journal and UI parts, small) and the world itself as a separate
   * Blob, the session's `frame`. The worker makes the frame's JSON text, a fresh one at most every FRAME_EVERY_MS; the
   * main thread wraps it in a Blob once (slice by slice) and every later save stores that same Blob. Putting the whole multi-MB text
   * on every save (every ~2 s while time runs) cost the main thread 250–450 ms per save with 1,000 pods.
   */
  private async record(): Promise<SavedRecord> {
    const now = performance.now();
    const fresh = now - this.frameAt >= FRAME_EVERY_MS;
    const { session, frame } = await this.mustEngine().sessionText(fresh);
    if (frame !== undefined) {
      this.frameBlob = await blobInSlices(frame);
      this.frameAt = now;
    }
    const rest = JSON.stringify(this.uiParts()).slice(1, -1);
    const text = `{"format":${JSON.stringify(FORMAT)},"version":${FORMAT_VERSION},"session":${session}${rest ? `,${rest}` : ''}}`;
    return this.frameBlob ? { text, frame: this.frameBlob } : { text };
  }

  /** The editor's files, the open view and the git panel's branches. */
  private uiParts(): Pick<WorkspaceDocument, 'workspace' | 'view' | 'branches'> {
    const parts: Pick<WorkspaceDocument, 'workspace' | 'view' | 'branches'> = {};
    const files = this.state.workspace?.exportState() ?? this.pendingFiles;
    if (files) parts.workspace = files;
    const view = viewFromHash();
    if (view) parts.view = view;
    if (Object.keys(this.state.branches).length > 0) parts.branches = { ...this.state.branches };
    return parts;
  }

  // --- Export / import / share / reset --------------------------------------------------------------
  async exportText(): Promise<{ name: string; text: string }> {
    return { name: EXPORT_FILE, text: `${JSON.stringify(await this.document(), null, 2)}\n` };
  }

  /** Replace the workspace with an exported file's (validated first: a bad file changes nothing). */
  async importText(text: string): Promise<ApplyResult> {
    const doc = parseWorkspace(text);
    const result = await this.adopt(doc);
    await this.save();
    return result;
  }

  async shareLink(): Promise<{ url: string; tooLong: boolean }> {
    const url = `${location.origin}${location.pathname}${location.search}${await encodeShare(await this.document())}`;
    return { url, tooLong: url.length > SHARE_URL_WARN_CHARS };
  }

  /** Forget everything saved: the default scenario at time zero, the editor back to its scratch file. */
  async reset(): Promise<ApplyResult> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.kv.delete(KEY).catch(() => undefined);
    this.frameBlob = undefined;
    this.frameAt = -Infinity;
    const result = await this.mustEngine().load(this.defaults.text, { file: this.defaults.file, playSpeed: 0 });
    this.set({ branches: {} });
    const scratch = 'cluster/default.yaml';
    this.state.workspace?.importState({ files: { [scratch]: this.defaults.text }, base: {}, open: [scratch], active: scratch });
    await this.save();
    return result;
  }

  private mustEngine(): Engine {
    if (!this.engine) throw new Error('the engine has not started yet');
    return this.engine;
  }
}
