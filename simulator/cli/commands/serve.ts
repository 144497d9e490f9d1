/**
 * `argo-sandbox serve [FILE|DIR...]`: a simulated cluster behind a Kubernetes-compatible HTTP API, so
 * the real kubectl (and client libraries) can talk to it. Virtual time follows the wall clock × --speed.
 */
import { writeFileSync } from 'node:fs';
import { startApiServer } from '../../api/index.js';
import type { ApiServer } from '../../api/index.js';
import { formatLocated } from '../../core/errors.js';
import { createSandbox } from '../../index.js';
import type { Sandbox } from '../../sandbox.js';
import { commandWithOptions } from '../command.js';
import type { CliOutput } from '../command.js';
import { errorText, parseFlags, parseSeed } from '../flags.js';
import type { Parsed } from '../flags.js';
import { applyFiles } from '../manifestFiles.js';

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
  /** Where virtual time starts (ms); the sandbox's default epoch when absent. */
  startTime?: number;
}

export function parseServeArgs(args: string[]): Parsed<ServeOptions> {
  const flags = parseFlags(args, { port: { type: 'string' }, host: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' }, kubeconfig: { type: 'string' } });
  if (!flags.ok) return flags;
  const { values, positionals } = flags;
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: `invalid --port "${values.port}": expected 0-65535` };
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0) return { ok: false, error: `invalid --speed "${values.speed}": expected a non-negative number` };
  const seed = parseSeed(values.seed);
  if (!seed.ok) return seed;
  const options: ServeOptions = { paths: positionals, port, host: values.host ?? '127.0.0.1', speed, seed: seed.seed };
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
export async function startServe(opts: ServeOptions, io: CliOutput): Promise<Serving> {
  const sandbox = createSandbox({ seed: opts.seed, startTime: opts.startTime });
  let errors = 0;
  if (opts.paths.length > 0) {
    const { applied, errors: found } = applyFiles(sandbox, opts.paths);
    for (const e of found) io.stderr(formatLocated(e) + '\n');
    errors = found.length;
    sandbox.advance(0);
    io.stdout(`Applied ${applied.length} object${applied.length === 1 ? '' : 's'}.\n`);
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

export const serveCommand = commandWithOptions({
  name: 'serve',
  summary: 'serve a simulated cluster on a Kubernetes-compatible API (for kubectl)',
  usage: USAGE,
  parse: parseServeArgs,
  async execute(opts, io) {
    let serving: Serving;
    try {
      // Virtual time starts at the wall clock so ages kubectl computes itself (describe) read right.
      serving = await startServe({ ...opts, startTime: Math.floor(io.wallClock() / 1000) * 1000 }, io);
    } catch (err) {
      io.stderr(`error: ${errorText(err)}\n`);
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
});
