/**
 * Who may talk to the bridge: only this machine (it listens on 127.0.0.1), and only with the session's
 * random token — as `Authorization: Bearer`, as the password of HTTP Basic auth (git clients), as a
 * `token` query parameter, or as a WebSocket subprotocol (browsers cannot set headers on a WebSocket).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PROTOCOL_PREFIX } from './protocol.js';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token the request carries, wherever it carries it. */
export function presentedTokens(req: IncomingMessage): string[] {
  const found: string[] = [];
  const auth = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  if (bearer) found.push(bearer[1]!);
  const basic = /^Basic\s+(\S+)$/i.exec(auth);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0) found.push(decoded.slice(i + 1));
  }
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  if (q) found.push(q);
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  for (const p of protocols) if (p.startsWith(TOKEN_PROTOCOL_PREFIX)) found.push(p.slice(TOKEN_PROTOCOL_PREFIX.length));
  return found;
}

export function hasToken(req: IncomingMessage, token: string): boolean {
  return presentedTokens(req).some((t) => same(t, token));
}

/**
 * The Host header names this machine: a web page on another origin cannot reach the bridge through a
 * DNS name that resolves to 127.0.0.1 (DNS rebinding).
 */
export function loopbackHost(req: IncomingMessage, port: number): boolean {
  const host = String(req.headers.host ?? '').toLowerCase();
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
