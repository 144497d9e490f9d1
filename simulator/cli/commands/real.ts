/**
 * `argo-sandbox real up|down|status`: the optional real cluster (kind in Docker, k3s as the fallback)
 * with Argo CD and Argo Workflows installed, and the local bridge the UI's "Real cluster" tab uses.
 * The bridge code (bridge/kind) is loaded only when this command runs: every other command stays free
 * of Docker's client libraries.
 */
import type { CliCommand, CliIO } from '../command.js';
import { errorText, parseFlags } from '../flags.js';

const USAGE = `Usage: argo-sandbox real <up|down|status|apply> [options]

Run the same YAML against a real cluster and compare it with the simulation (needs Docker).

  up       start a kind cluster (kindest/node, pinned; k3s if kind cannot start), install Argo CD and
           Argo Workflows from their pinned release manifests, wait until they are ready, and start
           the local bridge (127.0.0.1 only, with a session token) for the UI. Runs until Ctrl-C.
  down     stop what \`real up\` started and remove the cluster
  status   show the running cluster, its kubeconfig and the bridge
  apply FILE|DIR...
           server-side apply the same manifests the sandbox takes to the running real cluster

Options for up:
  --provider P       kind | k3s | auto (default auto: kind, then k3s)
  --kubeconfig FILE  where to write the cluster's kubeconfig (default ~/.argo-sandbox/real-kubeconfig.yaml)
  --port N           bridge port (default: a free one)
  --ui URL           the sandbox UI's address, for the connect link (default http://localhost:5173/)
  --no-argo          do not install Argo CD and Argo Workflows
`;

type KindModule = typeof import('../../../bridge/kind/index.js');

/** The bridge modules, loaded on demand (tests may hand in their own). */
export interface RealDeps {
  load(): Promise<KindModule>;
  /** Resolves when the user asks `up` to stop (Ctrl-C / SIGTERM). */
  untilStopped(): Promise<void>;
}

const DEFAULT_DEPS: RealDeps = {
  load: () => import('../../../bridge/kind/index.js'),
  untilStopped: () =>
    new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
};

async function up(args: string[], io: CliIO, deps: RealDeps): Promise<number> {
  const flags = parseFlags(args, { provider: { type: 'string' }, kubeconfig: { type: 'string' }, port: { type: 'string' }, ui: { type: 'string' }, 'no-argo': { type: 'boolean' } });
  if (!flags.ok) return usageError(io, flags.error);
  const { values } = flags;
  const provider = values.provider ?? 'auto';
  if (provider !== 'kind' && provider !== 'k3s' && provider !== 'auto') return usageError(io, `invalid --provider "${provider}": expected kind, k3s or auto`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) return usageError(io, `invalid --port "${values.port}": expected 1-65535`);
  const kind = await deps.load();
  const docker = await kind.checkDocker();
  if (!docker.ok) {
    io.stderr(`error: ${kind.DOCKER_HELP}`);
    return 2;
  }
  let session: Awaited<ReturnType<KindModule['realUp']>>;
  try {
    session = await kind.realUp({
      provider,
      kubeconfigPath: values.kubeconfig,
      port,
      argo: !values['no-argo'],
      log: (line) => io.stdout(line + '\n'),
    });
  } catch (err) {
    if (err instanceof kind.DockerUnavailableError) {
      io.stderr(`error: ${kind.DOCKER_HELP}`);
      return 2;
    }
    io.stderr(`error: ${errorText(err)}\n`);
    return 1;
  }
  const { cluster, bridge, kubeconfigPath } = session;
  io.stdout(`\nCluster (${cluster.provider}) is up: ${cluster.endpoint}\n`);
  io.stdout(`Kubeconfig: ${kubeconfigPath}\n  KUBECONFIG=${kubeconfigPath} kubectl get pods -A\n`);
  if (!values['no-argo']) io.stdout(`Argo CD ${kind.ARGOCD_VERSION} (namespace argocd) and Argo Workflows ${kind.ARGO_WORKFLOWS_VERSION} (namespace argo) are ready.\n`);
  io.stdout(`Bridge: ${bridge.url} (WebSocket ${bridge.wsUrl}, token ${bridge.token})\n`);
  io.stdout(`Open the sandbox's "Real cluster" tab with:\n  ${bridge.connectUrl(values.ui ?? 'http://localhost:5173/')}\n`);
  io.stdout('Press Ctrl-C to stop and remove the cluster (or run `argo-sandbox real down`).\n');
  await deps.untilStopped();
  await session.close();
  io.stdout('Stopped; the cluster is removed.\n');
  return 0;
}

async function down(io: CliIO, deps: RealDeps): Promise<number> {
  const kind = await deps.load();
  const r = await kind.realDown();
  if (!r.stopped) {
    io.stdout(`${r.reason}\n`);
    return 0;
  }
  io.stdout(`Stopped the ${r.state.provider} cluster (${r.state.endpoint}) and its bridge.\n`);
  return 0;
}

async function apply(paths: string[], io: CliIO, deps: RealDeps): Promise<number> {
  if (paths.length === 0) return usageError(io, 'apply needs at least one FILE or DIR');
  const { loadManifests } = await import('../manifestFiles.js');
  const { formatLocated } = await import('../../core/errors.js');
  const kind = await deps.load();
  const running = kind.runningCluster();
  if (!running.ok) {
    io.stderr(`error: ${running.reason}\n`);
    return 1;
  }
  const { manifests, errors } = loadManifests(paths);
  for (const e of errors) io.stderr(formatLocated(e) + '\n');
  let failed = errors.length > 0;
  for (const r of await kind.applyAll(running.backend, manifests.map((m) => m.object))) {
    const name = `${r.object.kind.toLowerCase()}${r.object.apiVersion.includes('/') ? `.${r.object.apiVersion.split('/')[0]}` : ''}/${r.object.metadata.name ?? ''}`;
    if (r.error) {
      failed = true;
      io.stderr(`Error from server (${r.error.reason}): ${r.error.message}\n`);
    } else io.stdout(`${name} serverside-applied\n`);
  }
  await running.backend.close();
  return failed ? 1 : 0;
}

async function status(io: CliIO, deps: RealDeps): Promise<number> {
  const kind = await deps.load();
  const s = await kind.realStatus();
  if (!s.running) {
    io.stdout(`${s.reason}\n`);
    return 1;
  }
  const st = s.state;
  io.stdout(`Provider:   ${st.provider}\nAPI server: ${st.endpoint} (${s.reachable ? `reachable, nodes: ${s.nodes.join(', ')}` : 'not reachable'})\n`);
  io.stdout(`Kubeconfig: ${st.kubeconfigPath}\nBridge:     ${st.bridgeUrl} (token in ${kind.statePath()})\nSince:      ${st.startedAt}\n`);
  return s.reachable ? 0 : 1;
}

function usageError(io: CliIO, message: string): number {
  io.stderr(`error: ${message}\n\n${USAGE}`);
  return 2;
}

export function realCommandWith(deps: RealDeps): CliCommand {
  return {
    name: 'real',
    summary: 'a real kind cluster with Argo installed, and the bridge to it (needs Docker)',
    usage: USAGE,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (!sub) return usageError(io, 'missing subcommand: up, down, status or apply');
      if (sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
        io.stdout(USAGE);
        return 0;
      }
      if (sub === 'up') return up(rest, io, deps);
      if (sub === 'apply') return apply(rest, io, deps);
      if (rest.length > 0) return usageError(io, `unexpected arguments: ${rest.join(' ')}`);
      if (sub === 'down') return down(io, deps);
      if (sub === 'status') return status(io, deps);
      return usageError(io, `unknown subcommand "${sub}": expected up, down, status or apply`);
    },
  };
}

export const realCommand = realCommandWith(DEFAULT_DEPS);
