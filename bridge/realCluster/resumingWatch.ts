/**
 * A watch that survives its connection: like client-go's reflector it remembers the last
 * resourceVersion (from events and BOOKMARKs) and reopens from there when the server ends the stream
 * (timeouts, restarts). When that version is too old (410 Expired) it lists again and reports the
 * difference from what it had seen (ADDED / MODIFIED / DELETED), so no change is lost or repeated.
 */
import { Watch } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import type { BackendError, BackendWatchEvent, KubeObject, ObjectList, WatchHandle, WatchQuery } from '../backend.js';
import { refKey } from '../backend.js';
import { toBackendErrorFrom } from './objectApi.js';

export interface ResumingWatchDeps {
  kc: KubeConfig;
  /** The collection's URL path. */
  path: string;
  list(): Promise<ObjectList>;
  onEvent(e: BackendWatchEvent): void;
  onError?(err: BackendError): void;
  /** Ask the server to end each stream after this many seconds (tests use it to force a resume). */
  timeoutSeconds?: number;
  /** First reconnect delay in wall-clock ms (doubles up to 5 s while the server is unreachable). */
  retryMs?: number;
}

const MAX_RETRY_MS = 5_000;

export class ResumingWatch implements WatchHandle {
  private rv = '';
  private stopped = false;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly seen = new Map<string, string>();
  private retry: number;
  /** Streams opened so far (the first one included): how often it had to resume. */
  connections = 0;

  constructor(
    private readonly deps: ResumingWatchDeps,
    private readonly query: WatchQuery,
  ) {
    this.retry = deps.retryMs ?? 200;
  }

  get resourceVersion(): string {
    return this.rv;
  }

  /** Lists first when no resourceVersion was given (the current objects arrive as ADDED), then watches. */
  async start(): Promise<void> {
    const rv = this.query.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') await this.relist();
    else this.rv = rv;
    await this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort();
  }

  private emit(type: BackendWatchEvent['type'], object: KubeObject): void {
    const key = refKey(object.metadata);
    if (type === 'DELETED') this.seen.delete(key);
    else this.seen.set(key, object.metadata.resourceVersion ?? '');
    try {
      this.deps.onEvent({ type, object });
    } catch (err) {
      this.deps.onError?.(toBackendErrorFrom(err));
    }
  }

  /** List, and turn the difference from what was seen into events. */
  private async relist(): Promise<void> {
    const list = await this.deps.list();
    const now = new Map<string, KubeObject>();
    for (const o of list.items) now.set(refKey(o.metadata), o);
    for (const [key, o] of now) {
      const before = this.seen.get(key);
      if (before === undefined) this.emit('ADDED', o);
      else if (before !== (o.metadata.resourceVersion ?? '')) this.emit('MODIFIED', o);
    }
    for (const key of [...this.seen.keys()]) {
      if (!now.has(key)) {
        const [namespace, name] = key.includes('/') ? key.split('/') : [undefined, key];
        this.emit('DELETED', { apiVersion: this.query.apiVersion, kind: this.query.kind, metadata: { namespace, name, resourceVersion: list.resourceVersion } });
      }
    }
    this.rv = list.resourceVersion;
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    let expired = false;
    const params: Record<string, string | number | boolean | undefined> = {
      resourceVersion: this.rv,
      allowWatchBookmarks: true,
      labelSelector: this.query.labelSelector,
      fieldSelector: this.query.fieldSelector,
      timeoutSeconds: this.deps.timeoutSeconds,
    };
    this.connections++;
    const onLine = (type: string, obj: unknown): void => {
      if (this.stopped) return;
      const o = obj as KubeObject & { code?: number };
      if (type === 'BOOKMARK') {
        this.rv = o.metadata?.resourceVersion ?? this.rv;
      } else if (type === 'ERROR') {
        if (o.code === 410) expired = true;
        else this.deps.onError?.(toBackendErrorFrom({ code: o.code ?? 500, body: o }));
      } else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
        this.rv = o.metadata?.resourceVersion ?? this.rv;
        this.retry = this.deps.retryMs ?? 200;
        this.emit(type, o);
      }
    };
    const onDone = (err: unknown): void => {
      if (this.stopped) return;
      if (err) this.deps.onError?.(toBackendErrorFrom(err));
      const wait = err ? this.retry : 0;
      if (err) this.retry = Math.min(this.retry * 2, MAX_RETRY_MS);
      this.timer = setTimeout(() => {
        const next = expired ? this.relist().then(() => this.open()) : this.open();
        next.catch((e: unknown) => onDone(e));
      }, wait);
    };
    this.abort = await new Watch(this.deps.kc).watch(this.deps.path, params, onLine, onDone);
  }
}
