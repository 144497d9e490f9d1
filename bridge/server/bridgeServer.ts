/**
 * The local bridge between the browser UI and a cluster: HTTP + WebSocket on 127.0.0.1 only, every
 * request and upgrade carrying the session's random token.
 *   GET  /healthz            "ok"
 *   GET  /status             BridgeStatus (JSON)
 *   WS   /ws                 feature-RPC messages (protocol.ts) over a ClusterBackend
 *   *    /git/<repoURL path> read-only git smart-HTTP of the sandbox's repositories (for a real Argo CD)
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ClusterBackend } from '../backend.js';
import { GitHost } from '../../simulator/git/index.js';
import type { GitHostState } from '../../simulator/git/index.js';
import { gitUrlFor, handleGitHttp, repoResolver } from '../gitHttp/index.js';
import { hasToken, isLoopbackAddress, loopbackHost, newToken } from './auth.js';
import type { BridgeMethod, BridgeStatus, RepoFiles, ServedRepo } from './protocol.js';
import { TOKEN_PROTOCOL_PREFIX } from './protocol.js';
import { BridgeSession } from './session.js';

export interface BridgeOptions {
  backend: ClusterBackend;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only a loopback address is accepted (default 127.0.0.1). */
  host?: string;
  /** Default: a fresh random token. */
  token?: string;
  /** Repositories to serve over git smart-HTTP (default: none until `git.load`). */
  git?: GitHost;
  /** How the cluster's pods reach this bridge's port (set by `real up` once the tunnel exists). */
  clusterGitBase?: string;
  provider?: string;
  kubeconfigPath?: string;
}

export interface Bridge {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/ws */
  wsUrl: string;
  port: number;
  token: string;
  git: GitHost;
  status(): BridgeStatus;
  /** The UI address that connects to this bridge (`#/real/?bridge=…&token=…` on the app at `appUrl`). */
  connectUrl(appUrl: string): string;
  setClusterGitBase(base: string | undefined): void;
  /** Serve these repositories (the sandbox's `git` snapshot extension) instead of the current ones. */
  loadGit(state: GitHostState): Promise<ServedRepo[]>;
  /** Serve repositories made of these files (one commit each): what the browser can send without git internals. */
  loadFiles(repos: RepoFiles[]): Promise<ServedRepo[]>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function refuse(res: ServerResponse, code: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason: code === 401 ? 'Unauthorized' : code === 403 ? 'Forbidden' : 'NotFound', message }));
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the bridge listens on this machine only (127.0.0.1), not on "${host}"`);
  const token = opts.token ?? newToken();
  let git = opts.git ?? new GitHost();
  let clusterGitBase = opts.clusterGitBase;
  let port = 0;
  const base = (): string => `http://127.0.0.1:${port}`;

  const served = (): ServedRepo[] =>
    git.list().map((repoURL) => {
      const r: ServedRepo = { repoURL, cloneURL: gitUrlFor(base(), repoURL) };
      if (clusterGitBase) r.clusterURL = gitUrlFor(clusterGitBase, repoURL);
      return r;
    });
  const status = (): BridgeStatus => {
    const s: BridgeStatus = { mode: opts.backend.mode, server: serverOf(opts.backend), gitBase: `${base()}/git`, repos: git.list() };
    if (clusterGitBase) s.clusterGitBase = `${clusterGitBase}/git`;
    if (opts.provider) s.provider = opts.provider;
    if (opts.kubeconfigPath) s.kubeconfigPath = opts.kubeconfigPath;
    return s;
  };
  const loadGit = async (state: GitHostState): Promise<ServedRepo[]> => {
    const next = new GitHost();
    await next.importState(state);
    git = next;
    return served();
  };
  const loadFiles = async (repos: RepoFiles[]): Promise<ServedRepo[]> => {
    const next = new GitHost();
    // Wall-clock commit time: these commits are made on this machine, now.
    const author = { name: 'argo-sandbox', email: 'argo-sandbox@localhost', timestamp: Math.floor(Date.now() / 1000) };
    for (const r of repos) await next.createRepo(r.repoURL, r.files, { author, message: r.message ?? 'Sandbox repository', branch: r.branch });
    git = next;
    return served();
  };
  const bridgeCall = (method: BridgeMethod, args: unknown[]): Promise<unknown> | undefined => {
    if (method === 'bridge.status') return Promise.resolve(status());
    if (method === 'git.repos') return Promise.resolve(served());
    if (method === 'git.load') return loadGit(args[0] as GitHostState);
    if (method === 'git.loadFiles') return loadFiles(args[0] as RepoFiles[]);
    return undefined;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) refuse(res, 500, err instanceof Error ? err.message : String(err));
      else res.end();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackAddress(req.socket.remoteAddress)) return refuse(res, 403, 'the bridge only answers this machine');
    if (!hasToken(req, token)) {
      // git asks for credentials on a 401 with a Basic challenge (any user name, the token as password).
      return refuse(res, 401, 'the bridge needs its session token', { 'WWW-Authenticate': 'Basic realm="argo-sandbox bridge"' });
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/git/')) {
      if (await handleGitHttp({ resolve: repoResolver(git) }, req, res)) return;
    }
    // The rest is for the browser on this machine: its Host must name this machine (DNS rebinding).
    if (!loopbackHost(req, port)) return refuse(res, 403, 'unexpected Host header');
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (req.method === 'GET' && path === '/status') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status()));
      return;
    }
    refuse(res, 404, 'the bridge could not find the requested resource');
  }

  const wss = new WebSocketServer({
    noServer: true,
    // Echo the token subprotocol back, or the browser drops a connection it asked one for.
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX)) ?? false,
  });
  const sessions = new Set<BridgeSession>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const deny = (code: number, text: string): void => {
      socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!isLoopbackAddress(req.socket.remoteAddress) || !loopbackHost(req, port)) return deny(403, 'Forbidden');
    if (!hasToken(req, token)) return deny(401, 'Unauthorized');
    if (path !== '/ws') return deny(404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const session = new BridgeSession({
        backend: opts.backend,
        send: (msg) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
        },
        bridgeCall,
      });
      sessions.add(session);
      ws.on('message', (data) => void session.receive(String(data)));
      ws.on('close', () => {
        session.close();
        sessions.delete(session);
      });
    });
  });

  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: base(),
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    token,
    get git() {
      return git;
    },
    status,
    connectUrl: (appUrl) => `${appUrl.replace(/#.*$/, '')}#/real/?bridge=${encodeURIComponent(`ws://127.0.0.1:${port}/ws`)}&token=${encodeURIComponent(token)}`,
    setClusterGitBase: (b) => {
      clusterGitBase = b;
    },
    loadGit,
    loadFiles,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.close();
        for (const c of wss.clients) c.terminate();
        wss.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function serverOf(backend: ClusterBackend): string {
  const s = (backend as { server?: unknown }).server;
  return typeof s === 'string' ? s : 'in-process simulation';
}
