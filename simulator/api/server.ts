/**
 * `startApiServer`: a Kubernetes-compatible HTTP API over a sandbox, good enough for the real kubectl.
 * While it serves, a real-time pump advances virtual time at `speed` × the wall clock.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../sandbox.js';
import { ApiError } from '../core/errors.js';
import type { ApiContext } from './context.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION, wantsAggregated } from './discovery.js';
import { serveReview } from './auth.js';
import { sendError, sendJson } from './http.js';
import { serveOpenApi } from './openapi.js';
import { serveResource } from './resources.js';
import { parseResourcePath } from './route.js';

export interface ApiServerOptions {
  port?: number;
  host?: string;
  /** Virtual ms per wall-clock ms (default 1); 0 stops the pump (time moves only on writes). */
  speed?: number;
  /** Pump interval in wall-clock ms (default 50). */
  tickMs?: number;
  /** Wall-clock ms between watch BOOKMARK events (default 5000). */
  bookmarkIntervalMs?: number;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApiServer(sandbox: Sandbox, opts: ApiServerOptions = {}): Promise<ApiServer> {
  const speed = opts.speed ?? 1;
  const tickListeners = new Set<() => void>();
  const runTick = (): void => {
    for (const fn of [...tickListeners]) {
      try {
        fn();
      } catch {
        tickListeners.delete(fn); // a broken stream stops listening; the others go on
      }
    }
  };
  const report = (err: unknown) => {
    // A failing controller must not take the server down; the event log has the details.
    process.stderr.write(`argo-sandbox api: ${err instanceof Error ? err.message : String(err)}\n`);
  };
  // Virtual time moves with the async driver: containers running a real shell or CPython are awaited
  // (synchronously when there is no such work); while they are, further ticks wait.
  let busy = false;
  const drive = (ms: number) => {
    if (busy) return;
    const done = sandbox.advanceAsync(ms).catch(report);
    if (sandbox.jobs.pending === 0) {
      runTick();
      return;
    }
    busy = true;
    void done.then(runTick).finally(() => {
      busy = false;
    });
  };
  const ctx: ApiContext = {
    sandbox,
    kick: () => drive(0),
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 5_000,
    onTick: (fn) => {
      tickListeners.add(fn);
      return () => tickListeners.delete(fn);
    },
  };

  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => sendError(res, err));
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  let last = performance.now();
  let carry = 0;
  const pump = setInterval(() => {
    const wall = performance.now();
    const virtual = (wall - last) * speed + carry;
    last = wall;
    const ms = Math.floor(virtual);
    carry = virtual - ms;
    if (ms > 0) drive(ms);
    else runTick();
  }, opts.tickMs ?? 50);
  pump.unref?.();

  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pump);
        for (const fn of [...tickListeners]) tickListeners.delete(fn);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function handle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const kinds = ctx.sandbox.store.kinds;
  const q = url.searchParams;
  if (req.method === 'GET') {
    if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if ((path === '/api' || path === '/apis') && wantsAggregated(req.headers.accept)) {
      return sendJson(res, 200, aggregatedDiscovery(kinds, path === '/api'), AGGREGATED_CONTENT_TYPE);
    }
    if (path === '/api') return sendJson(res, 200, apiVersions(req.headers.host ?? '127.0.0.1'));
    if (path === '/apis') return sendJson(res, 200, apiGroupList(kinds));
    if (path.startsWith('/openapi/')) return serveOpenApi(ctx, req, res, path);
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'api' && parts.length === 2) return sendDoc(res, apiResourceList(kinds, '', parts[1]!));
    if (parts[0] === 'apis' && parts.length === 2) return sendDoc(res, apiGroup(kinds, parts[1]!));
    if (parts[0] === 'apis' && parts.length === 3) return sendDoc(res, apiResourceList(kinds, parts[1]!, parts[2]!));
  }
  if (await serveReview(req, res, path)) return;
  const route = parseResourcePath(path, kinds);
  if (!route) throw new ApiError('NotFound', 'the server could not find the requested resource');
  await serveResource(ctx, req, res, route, q);
}

function sendDoc(res: ServerResponse, doc: Record<string, unknown> | undefined): void {
  if (!doc) throw new ApiError('NotFound', 'the server could not find the requested resource');
  sendJson(res, 200, doc);
}
