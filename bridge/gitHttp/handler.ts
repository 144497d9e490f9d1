/**
 * Read-only git smart-HTTP (protocol v0/v1 upload-pack) over the sandbox's repositories, so the real
 * `git`, go-git in a real Argo CD, or isomorphic-git can clone them:
 *   GET  <prefix>/<host>/<path>.git/info/refs?service=git-upload-pack   ref advertisement
 *   POST <prefix>/<host>/<path>.git/git-upload-pack                     wants → NAK + packfile
 * There is no negotiation beyond "send everything reachable from the wants": fine for the small
 * repositories of a course. Pushing (receive-pack) is refused: the sandbox's git panel is the writer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { GitRepository } from '../../simulator/git/index.js';
import { advertise, packFor } from './objects.js';
import { FLUSH, parsePktLines, pktLine, sideband } from './pktLine.js';

export interface GitHttpOptions {
  /** The repository a request path names (the repoURL without its scheme), or undefined. */
  resolve(repoPath: string): GitRepository | undefined;
  /** URL prefix the handler answers under (default `/git`). */
  prefix?: string;
}

const ZERO = '0000000000000000000000000000000000000000';
const AGENT = 'agent=git/argo-sandbox';

function send(res: ServerResponse, status: number, contentType: string, body: Buffer | string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `<sha> <ref>` lines after the service header, capabilities on the first one. */
export async function refAdvertisement(repo: GitRepository): Promise<Buffer> {
  const { refs, headTarget } = await advertise(repo);
  const caps = ['side-band-64k', 'no-progress', 'ofs-delta', ...(headTarget ? [`symref=HEAD:${headTarget}`] : []), AGENT].join(' ');
  const lines = [pktLine('# service=git-upload-pack\n'), FLUSH];
  if (refs.length === 0) lines.push(pktLine(`${ZERO} capabilities^{}\0${caps}\n`));
  refs.forEach((r, i) => lines.push(pktLine(i === 0 ? `${r.oid} ${r.name}\0${caps}\n` : `${r.oid} ${r.name}\n`)));
  lines.push(FLUSH);
  return Buffer.concat(lines);
}

interface UploadRequest {
  wants: string[];
  haves: string[];
  caps: Set<string>;
  done: boolean;
}

export function parseUploadRequest(body: Buffer): UploadRequest {
  const req: UploadRequest = { wants: [], haves: [], caps: new Set(), done: false };
  for (const line of parsePktLines(body)) {
    if (line === null) continue;
    const text = line.replace(/\n$/, '');
    if (text.startsWith('want ')) {
      const [, oid, ...caps] = text.split(' ');
      req.wants.push(oid!);
      for (const c of caps) req.caps.add(c);
    } else if (text.startsWith('have ')) req.haves.push(text.slice(5));
    else if (text === 'done') req.done = true;
  }
  return req;
}

/** The upload-pack answer: NAK, then the pack (on side-band 1 when the client asked for it). */
export async function uploadPack(repo: GitRepository, body: Buffer): Promise<Buffer> {
  const req = parseUploadRequest(body);
  const known = new Set((await advertise(repo)).refs.map((r) => r.oid));
  const unknown = req.wants.find((w) => !known.has(w));
  if (unknown) return Buffer.concat([pktLine(`ERR upload-pack: not our ref ${unknown}\n`)]);
  // A negotiation round (haves without done): nothing in common is ever claimed, so the client
  // ends up sending "done" and gets everything.
  if (!req.done && req.haves.length > 0) return pktLine('NAK\n');
  if (req.wants.length === 0) return Buffer.alloc(0);
  const pack = await packFor(repo, req.wants);
  const useSideband = req.caps.has('side-band-64k') || req.caps.has('side-band');
  return Buffer.concat([pktLine('NAK\n'), ...(useSideband ? [sideband(pack), FLUSH] : [Buffer.from(pack)])]);
}

/**
 * Handles the request when it is a git smart-HTTP one under the prefix; returns false otherwise so the
 * caller can route it elsewhere. Authentication is the caller's job.
 */
export async function handleGitHttp(opts: GitHttpOptions, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const prefix = (opts.prefix ?? '/git').replace(/\/$/, '');
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(prefix + '/')) return false;
  const rest = decodeURIComponent(url.pathname.slice(prefix.length + 1));
  const m = /^(.+?)\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(rest);
  if (!m) {
    send(res, 404, 'text/plain', 'Not Found\n');
    return true;
  }
  const [, repoPath, endpoint] = m;
  const repo = opts.resolve(repoPath!);
  if (!repo) {
    send(res, 404, 'text/plain', `repository not found: ${repoPath}\n`);
    return true;
  }
  const service = endpoint === 'info/refs' ? url.searchParams.get('service') : endpoint;
  if (service === 'git-receive-pack') {
    send(res, 403, 'text/plain', 'argo-sandbox serves its repositories read-only: commit in the sandbox, then fetch\n');
    return true;
  }
  if (endpoint === 'info/refs') {
    if (service !== 'git-upload-pack' || req.method !== 'GET') {
      // The dumb protocol (no ?service=) is not served: every client in play speaks smart HTTP.
      send(res, 403, 'text/plain', 'only the smart HTTP protocol (service=git-upload-pack) is served\n');
      return true;
    }
    send(res, 200, 'application/x-git-upload-pack-advertisement', await refAdvertisement(repo));
    return true;
  }
  if (req.method !== 'POST') {
    send(res, 405, 'text/plain', 'Method Not Allowed\n');
    return true;
  }
  let body = await readBody(req);
  if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
  send(res, 200, 'application/x-git-upload-pack-result', await uploadPack(repo, body));
  return true;
}
