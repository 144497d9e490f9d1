/**
 * Watch streams: newline-delimited `{"type","object"}` JSON. Without a resourceVersion the current
 * objects arrive first as ADDED; with one, history after it replays (an ERROR event with a 410 Expired
 * Status when it is too old, as the API server's watch cache does).
 */
import { presentObject } from './present.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../cluster/selectors.js';
import { apiVersionOf } from '../cluster/kinds.js';
import type { KubeObject, StoredObject, WatchEvent } from '../cluster/types.js';
import { queryFlag, queryInt, wantsTable } from './context.js';
import type { ApiContext } from './context.js';
import { statusOf } from './http.js';
import { listObjects } from './resources.js';
import type { ResourceRoute } from './route.js';
import { tableFor } from './tablesFor.js';

export function serveWatch(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): void {
  const store = ctx.sandbox.store;
  const { info } = route;
  const labels = parseLabelSelector(q.get('labelSelector') ?? '');
  const fieldText = q.get('fieldSelector');
  const fields = fieldText ? parseFieldSelector(fieldText) : undefined;
  const asTable = wantsTable(req.headers.accept);
  const matches = (o: StoredObject | undefined): boolean =>
    !!o && (labels.length === 0 || matchesLabels(labels, o.metadata.labels)) && (!fields || matchesFields(fields, o));

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let first = true;
  const send = (type: string, obj: KubeObject): void => {
    if (res.writableEnded) return;
    let object: unknown = presentObject(obj);
    if (asTable) {
      const table = tableFor(store, info, [obj], ctx.sandbox.now(), q);
      table.metadata.resourceVersion = obj.metadata.resourceVersion;
      // Like the API server: column definitions only on the first event of the stream.
      if (!first) table.columnDefinitions = [];
      object = table;
    }
    first = false;
    res.write(JSON.stringify({ type, object }) + '\n');
  };

  const rv = q.get('resourceVersion') ?? '';
  const fromNow = rv === '' || rv === '0';
  if (fromNow) for (const o of listObjects(ctx, route, q)) send('ADDED', o);

  // Runs inside the store's write path: it must never throw into the writer (a controller).
  const onEvent = (event: WatchEvent): void => {
    try {
      forward(event);
    } catch {
      stop();
    }
  };
  const forward = (event: WatchEvent): void => {
    const now = matches(event.object);
    if (event.type === 'MODIFIED') {
      const before = matches(event.old);
      if (now && !before) send('ADDED', event.object);
      else if (!now && before) send('DELETED', event.object);
      else if (now) send('MODIFIED', event.object);
    } else if (now) send(event.type, event.object);
  };
  let unsubscribe: () => void = () => {};
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let bookmarks: ReturnType<typeof setInterval> | undefined;
  function stop(): void {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (bookmarks) clearInterval(bookmarks);
    if (!res.writableEnded) res.end();
  }
  try {
    unsubscribe = store.watch(onEvent, { group: info.group, kind: info.kind, namespace: route.namespace, resourceVersion: fromNow ? undefined : rv });
  } catch (err) {
    res.write(JSON.stringify({ type: 'ERROR', object: statusOf(err) }) + '\n');
    res.end();
    return;
  }
  if (stopped) {
    unsubscribe(); // the client went away during the replay
    return;
  }
  if (!asTable && queryFlag(q, 'allowWatchBookmarks')) {
    // Like the watch cache: a periodic BOOKMARK tells the client how far it has seen.
    const bookmark = (): void => {
      if (!res.writableEnded) {
        const object = { kind: info.kind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(store.resourceVersion) } };
        res.write(JSON.stringify({ type: 'BOOKMARK', object }) + '\n');
      }
    };
    bookmarks = setInterval(bookmark, ctx.bookmarkIntervalMs);
  }
  const timeout = queryInt(q, 'timeoutSeconds');
  if (timeout !== undefined && timeout > 0) timer = setTimeout(stop, timeout * 1000);
  req.on('close', stop);
  res.on('close', stop);
}
