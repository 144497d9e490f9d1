/** Shared helpers for the API server tests: a sandbox behind a server on a free port, raw fetch. */
import { afterEach, beforeEach } from 'vitest';
import { startApiServer } from '../../../simulator/api/index.js';
import type { ApiServer } from '../../../simulator/api/index.js';
import { createSandbox } from '../../../simulator/index.js';
import type { Sandbox } from '../../../simulator/index.js';

export interface Harness {
  sandbox: Sandbox;
  server: ApiServer;
  url: string;
  req(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown>; text: string }>;
}

/** speed 0: virtual time moves only when a write kicks the controllers, so tests are deterministic. */
export async function harness(): Promise<Harness> {
  const sandbox = createSandbox({ seed: 3 });
  const server = await startApiServer(sandbox, { port: 0, speed: 0, bookmarkIntervalMs: 50 });
  return {
    sandbox,
    server,
    url: server.url,
    async req(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { 'Content-Type': 'application/json', ...headers } };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(server.url + path, init);
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        /* logs are text */
      }
      return { status: res.status, json, text };
    },
  };
}

/** A fresh harness for every test in the file, closed after it; use the returned object inside tests. */
export function harnessPerTest(): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await harness();
  });
  afterEach(async () => {
    await current?.server.close();
    current = undefined;
  });
  const live = (): Harness => {
    if (!current) throw new Error('harnessPerTest: only usable inside a test');
    return current;
  };
  return {
    get sandbox() {
      return live().sandbox;
    },
    get server() {
      return live().server;
    },
    get url() {
      return live().url;
    },
    req: (...args) => live().req(...args),
  };
}

/** Read newline-delimited JSON watch events until `n` arrived (or the stream ends). */
export async function readEvents(res: Response, n: number): Promise<{ type: string; object: Record<string, unknown> }[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const out: { type: string; object: Record<string, unknown> }[] = [];
  let buf = '';
  while (out.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.trim()) out.push(JSON.parse(line) as { type: string; object: Record<string, unknown> });
    }
  }
  await reader.cancel();
  return out;
}

export const cm = (name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});
