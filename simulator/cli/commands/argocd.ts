/**
 * `argo-sandbox argocd app list|get|sync|rollback|delete|terminate-op ... --as USER FILE...`: builds a world
 * from the manifests (and `--repo DIR` as the git repository for every repoURL), lets the controllers
 * settle, performs the `argocd` CLI action through the API server as USER (RBAC-checked), settles again and
 * prints the result. API errors print like the argocd CLI and exit 20 (its ErrorGeneric).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatLocated } from '../../core/errors.js';
import { argoCD } from '../../argocd/index.js';
import { ArgoApiError, ArgoCDServer } from '../../argocd/server/index.js';
import type { ArgoCDSession } from '../../argocd/server/index.js';
import type { StoredObject } from '../../cluster/types.js';
import { getPath } from '../../cluster/types.js';
import { createSandbox } from '../../index.js';
import type { Sandbox } from '../../sandbox.js';
import { commandWithOptions } from '../command.js';
import type { CliIO } from '../command.js';
import { errorText, parseFlags, parseSeed } from '../flags.js';
import type { Parsed } from '../flags.js';
import { applyFiles } from '../manifestFiles.js';

const USAGE = `Usage: argo-sandbox argocd app VERB [NAME] [ID] FILE|DIR... [options]

Verbs: list, get NAME, sync NAME, rollback NAME ID, delete NAME, terminate-op NAME.
The manifests (Applications, AppProjects, argocd-cm / argocd-rbac-cm, Secrets…) are applied to a fresh
sandbox with Argo CD, which runs until settled; then the action runs through the Argo CD API server as
--as USER (RBAC applies), the world settles again and the result is printed.

Options:
  --as USER           the user (default admin; local accounts come from argocd-cm accounts.<name>)
  --repo DIR          serve DIR as the git repository for every Application repoURL
  --project P         name the project (Argo then answers NotFound instead of permission denied)
  --revision REV      sync: sync to this revision
  --prune             sync/rollback: prune
  --dry-run           sync/rollback: dry run
  --cascade BOOL      delete: delete the app's resources too (default true)
  --seed N            random seed (default 1)
  -o, --output FORMAT json or text (default text; list prints a table)
`;

const VERBS = new Set(['list', 'get', 'sync', 'rollback', 'delete', 'terminate-op']);

interface ArgocdOptions {
  verb: string;
  name: string;
  id: number;
  files: string[];
  as: string;
  repo?: string;
  project?: string;
  revision?: string;
  prune: boolean;
  dryRun: boolean;
  cascade: boolean;
  seed: number;
  output: 'json' | 'text';
}

function parse(args: string[]): Parsed<ArgocdOptions> {
  const flags = parseFlags(args, {
    as: { type: 'string' },
    repo: { type: 'string' },
    project: { type: 'string' },
    revision: { type: 'string' },
    prune: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    cascade: { type: 'string' },
    seed: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (!flags.ok) return flags;
  const [group, verb, ...rest] = flags.positionals;
  if (group !== 'app') return { ok: false, error: `unknown command "${group ?? ''}": only "app" is supported` };
  if (!verb || !VERBS.has(verb)) return { ok: false, error: `unknown app verb "${verb ?? ''}": expected one of ${[...VERBS].join(', ')}` };
  const needsName = verb !== 'list';
  const name = needsName ? rest.shift() : '';
  if (needsName && !name) return { ok: false, error: `app ${verb} needs an application name` };
  let id = 0;
  if (verb === 'rollback') {
    const raw = rest.shift();
    id = Number(raw);
    if (!Number.isInteger(id) || id < 0) return { ok: false, error: `app rollback needs a history ID, got "${raw ?? ''}"` };
  }
  if (rest.length === 0) return { ok: false, error: 'no files given: pass one or more manifest files or directories' };
  const seed = parseSeed(flags.values.seed);
  if (!seed.ok) return seed;
  const output = flags.values.output ?? 'text';
  if (output !== 'json' && output !== 'text') return { ok: false, error: `unknown output format "${output}": json or text` };
  const cascade = flags.values.cascade ?? 'true';
  if (cascade !== 'true' && cascade !== 'false') return { ok: false, error: `invalid --cascade "${cascade}": true or false` };
  const v = flags.values;
  return {
    ok: true,
    options: {
      verb,
      name: name ?? '',
      id,
      files: rest,
      as: v.as ?? 'admin',
      ...(v.repo !== undefined ? { repo: v.repo } : {}),
      ...(v.project !== undefined ? { project: v.project } : {}),
      ...(v.revision !== undefined ? { revision: v.revision } : {}),
      prune: v.prune ?? false,
      dryRun: v['dry-run'] ?? false,
      cascade: cascade === 'true',
      seed: seed.seed,
      output,
    },
  };
}

const REPO_URL = 'https://git.sandbox.local/repo.git';

function readDir(dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) readDir(p, root, out);
    else if (e.isFile()) out[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

async function settle(sb: Sandbox): Promise<void> {
  await sb.runUntilSettledAsync({ maxVirtualMs: 3_600_000 });
}

function str(obj: unknown, path: string[]): string {
  const v = getPath(obj, path);
  return typeof v === 'string' ? v : '';
}

/** `argocd app list` columns. */
function table(apps: StoredObject[]): string {
  const rows = [['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY', 'CONDITIONS', 'REPO', 'PATH', 'TARGET']];
  for (const a of apps) {
    const conditions = getPath(a, ['status', 'conditions']);
    rows.push([
      `${a.metadata.namespace}/${a.metadata.name}`,
      str(a, ['spec', 'destination', 'server']) || str(a, ['spec', 'destination', 'name']),
      str(a, ['spec', 'destination', 'namespace']),
      str(a, ['spec', 'project']) || 'default',
      str(a, ['status', 'sync', 'status']) || 'Unknown',
      str(a, ['status', 'health', 'status']) || 'Unknown',
      getPath(a, ['spec', 'syncPolicy', 'automated']) !== undefined ? 'Auto' : 'Manual',
      Array.isArray(conditions) && conditions.length > 0 ? conditions.map((c) => str(c, ['type'])).join(',') : '<none>',
      str(a, ['spec', 'source', 'repoURL']),
      str(a, ['spec', 'source', 'path']),
      str(a, ['spec', 'source', 'targetRevision']),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('').trimEnd()).join('\n') + '\n';
}

/** A short `argocd app get` summary. */
function summary(a: StoredObject): string {
  const lines = [
    ['Name:', `${a.metadata.namespace}/${a.metadata.name}`],
    ['Project:', str(a, ['spec', 'project']) || 'default'],
    ['Server:', str(a, ['spec', 'destination', 'server']) || str(a, ['spec', 'destination', 'name'])],
    ['Namespace:', str(a, ['spec', 'destination', 'namespace'])],
    ['Repo:', str(a, ['spec', 'source', 'repoURL'])],
    ['Target:', str(a, ['spec', 'source', 'targetRevision'])],
    ['Path:', str(a, ['spec', 'source', 'path'])],
    ['Sync Policy:', getPath(a, ['spec', 'syncPolicy', 'automated']) !== undefined ? 'Automated' : 'Manual'],
    ['Sync Status:', `${str(a, ['status', 'sync', 'status']) || 'Unknown'}${str(a, ['status', 'sync', 'revision']) ? ` (${str(a, ['status', 'sync', 'revision']).slice(0, 7)})` : ''}`],
    ['Health Status:', str(a, ['status', 'health', 'status']) || 'Unknown'],
  ];
  const phase = str(a, ['status', 'operationState', 'phase']);
  if (phase) lines.push(['Operation:', `Sync ${phase}`], ['Message:', str(a, ['status', 'operationState', 'message'])]);
  return lines.map(([k, v]) => `${k!.padEnd(20)}${v}`).join('\n') + '\n';
}

function act(session: ArgoCDSession, o: ArgocdOptions): void {
  const project = o.project ? { project: o.project } : {};
  if (o.verb === 'sync') session.sync(o.name, { ...project, ...(o.revision ? { revision: o.revision } : {}), prune: o.prune, dryRun: o.dryRun });
  else if (o.verb === 'rollback') session.rollback(o.name, o.id, { ...project, prune: o.prune, dryRun: o.dryRun });
  else if (o.verb === 'delete') session.deleteApplication(o.name, { ...project, cascade: o.cascade });
  else if (o.verb === 'terminate-op') session.terminateOperation(o.name, project);
}

async function execute(o: ArgocdOptions, io: CliIO): Promise<number> {
  const sb = createSandbox({ seed: o.seed });
  if (o.repo) {
    try {
      const files = readDir(o.repo);
      await argoCD(sb).git.createRepo(REPO_URL, files, { author: { name: 'argo-sandbox', email: 'sandbox@argo.local', timestamp: Math.floor(sb.clock.now() / 1000) } });
      argoCD(sb).git.serveForAnyURL(REPO_URL);
    } catch (err) {
      io.stderr(`error: --repo ${o.repo}: ${errorText(err)}\n`);
      return 2;
    }
  }
  const { errors } = applyFiles(sb, o.files);
  for (const e of errors) io.stderr(formatLocated(e) + '\n');
  if (errors.length > 0) return 2;
  await settle(sb);
  const server = new ArgoCDServer(sb);
  try {
    const session = server.as(o.as);
    act(session, o);
    if (o.verb !== 'list' && o.verb !== 'get') await settle(sb);
    if (o.verb === 'delete') return 0;
    if (o.verb === 'list') {
      const apps = session.listApplications(o.project ? { projects: [o.project] } : {});
      io.stdout(o.output === 'json' ? JSON.stringify(apps, null, 2) + '\n' : table(apps));
      return 0;
    }
    const app = session.getApplication(o.name, o.project ? { project: o.project } : {});
    io.stdout(o.output === 'json' ? JSON.stringify(app, null, 2) + '\n' : summary(app));
    return 0;
  } catch (err) {
    if (!(err instanceof ArgoApiError)) throw err;
    io.stderr(`FATA[0000] ${err.toString()}\n`);
    if (err.why && err.why !== err.message) io.stderr(`why: ${err.why}\n`);
    return 20;
  }
}

export const argocdCommand = commandWithOptions<ArgocdOptions>({
  name: 'argocd',
  summary: 'run an argocd CLI action (app list/get/sync/rollback/delete) as a user',
  usage: USAGE,
  parse,
  execute,
});
