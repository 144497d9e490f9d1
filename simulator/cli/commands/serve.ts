/**
 * `argo-sandbox serve [FILE|DIR...]`: a simulated cluster behind a Kubernetes-compatible HTTP API, so
 * the real kubectl (and client libraries) can talk to it. Virtual time follows the wall clock × --speed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startApiServer } from '../../api/index.js';
import type { ApiServer } from '../../api/index.js';
import { formatLocated } from '../../core/errors.js';
import { createSandbox } from '../../index.js';
import type { Sandbox } from '../../sandbox.js';
import { applyManifests } from '../applyManifests.js';
import type { CliCommand, CliIO } from '../command.js';
import { loadManifests } from '../manifestFiles.js';

const USAGE = `Usage: argo-sandbox serve [FILE|DIR...] [options]

Serve a simulated cluster on a Kubernetes-compatible API (discovery, get/list/watch, create, apply,
server-side apply, patch, delete, logs, kubectl tables). Manifests given are applied first.
Runs until interrupted (Ctrl-C).

Options:
  --port N           port to listen on (default 8080; 0 picks a free one)
  --host HOST        address to bind (default 127.0.0.1)
  --speed X          virtual seconds per wall-clock second (default 1)
  --seed N           random seed (default 1)
  --kubeconfig FILE  also write a kubeconfig for this server to FILE
`;

export interface ServeOptions {
  paths: string[];
  port: number;
  host: string;
  speed: number;
  seed: number;
  kubeconfig?: string;
}

export function parseServeArgs(args: string[]): { ok: true; options: ServeOptions } | { ok: false; error: string } {
  let values: { port?: string; host?: string; speed?: string; seed?: string; kubeconfig?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' }, kubeconfig: { type: 'string' } },
    }));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: `invalid --port "${values.port}": expected 0-65535` };
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0) return { ok: false, error: `invalid --speed "${values.speed}": expected a non-negative number` };
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) return { ok: false, error: `invalid --seed "${values.seed}": expected a non-negative integer` };
  const options: ServeOptions = { paths: positionals, port, host: values.host ?? '127.0.0.1', speed, seed };
  if (values.kubeconfig) options.kubeconfig = values.kubeconfig;
  return { ok: true, options };
}

export function kubeconfigFor(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: argo-sandbox
  cluster:
    server: ${url}
contexts:
- name: argo-sandbox
  context:
    cluster: argo-sandbox
    user: argo-sandbox
    namespace: default
current-context: argo-sandbox
users:
- name: argo-sandbox
  user: {}
`;
}

export interface Serving {
  sandbox: Sandbox;
  server: ApiServer;
  /** Errors from the manifests given (the valid objects were applied). */
  errors: number;
}

/** Create the world, apply the manifests, start serving, print how to connect. */
export async function startServe(opts: ServeOptions, io: CliIO): Promise<Serving> {
  // Virtual time starts at the wall clock so ages kubectl computes itself (describe) read right.
  const sandbox = createSandbox({ seed: opts.seed, startTime: Math.floor(Date.now() / 1000) * 1000 });
  let errors = 0;
  if (opts.paths.length > 0) {
    const loaded = loadManifests(opts.paths);
    const applied = applyManifests(sandbox, loaded.manifests);
    for (const e of [...loaded.errors, ...applied.errors]) io.stderr(formatLocated(e) + '\n');
    errors = loaded.errors.length + applied.errors.length;
    sandbox.advance(0);
    io.stdout(`Applied ${applied.applied.length} object${applied.applied.length === 1 ? '' : 's'}.\n`);
  }
  const server = await startApiServer(sandbox, { port: opts.port, host: opts.host, speed: opts.speed });
  io.stdout(`Serving a Kubernetes-compatible API on ${server.url}\n`);
  if (opts.kubeconfig) {
    writeFileSync(opts.kubeconfig, kubeconfigFor(server.url));
    io.stdout(`Wrote a kubeconfig to ${opts.kubeconfig}:\n  KUBECONFIG=${opts.kubeconfig} kubectl get pods -A\n`);
  }
  io.stdout(`Use it with:\n  kubectl --server ${server.url} get pods -A\n  kubectl --server ${server.url} apply -f app.yaml\n`);
  io.stdout(`Virtual time runs at ${opts.speed}x the wall clock. Press Ctrl-C to stop.\n`);
  return { sandbox, server, errors };
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve a simulated cluster on a Kubernetes-compatible API (for kubectl)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    const parsed = parseServeArgs(args);
    if (!parsed.ok) {
      io.stderr(`error: ${parsed.error}\n\n${USAGE}`);
      return 2;
    }
    let serving: Serving;
    try {
      serving = await startServe(parsed.options, io);
    } catch (err) {
      io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await serving.server.close();
    io.stdout('Stopped.\n');
    return 0;
  },
};
