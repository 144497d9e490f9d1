/** `argocd app list | get | sync | rollback | diff` through the sandbox's Argo CD API server, as the terminal's user. */
import { ArgoCDServer } from '../../../../simulator/argocd/server/index.js';
import type { SyncRequest } from '../../../../simulator/argocd/server/index.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import { appDiffs } from '../apps/diff.js';
import { summarize } from '../apps/summary.js';
import type { Command } from './parse.js';
import { table } from './parse.js';

const HELP = `Usage: argocd app list | get APPNAME | diff APPNAME | sync APPNAME [--prune] [--dry-run] [--force] [--revision REV] [--resource GROUP:KIND:NAME] | rollback APPNAME ID`;
const short = (sha: string) => (/^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha);

export function argocd(world: Sandbox, c: Command, user: string): string {
  if (c.args[0] !== 'app' && c.args[0] !== 'apps' && c.args[0] !== 'application') return HELP;
  const s = new ArgoCDServer(world).as(user);
  const verb = c.args[1] ?? '';
  const name = c.args[2] ?? '';
  const need = () => {
    if (!name) throw new Error(`${HELP}\nerror: APPNAME is required`);
    return name;
  };
  switch (verb) {
    case 'list': {
      const rows = s.listApplications().map((o) => {
        const a = summarize(o);
        const [server = '', namespace = ''] = a.destination.split(' / ');
        return [`${a.namespace}/${a.name}`, server, namespace, a.project, a.sync, a.health.status, a.automated ? 'Auto' : 'Manual', a.conditionCount ? `${a.conditionCount}` : '<none>', a.repoURL, a.path, a.targetRevision];
      });
      return table(['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY', 'CONDITIONS', 'REPO', 'PATH', 'TARGET'], rows);
    }
    case 'get': {
      const o = s.getApplication(need());
      const a = summarize(o);
      const status = (o.status ?? {}) as { resources?: { group: string; kind: string; namespace: string; name: string; status?: string; health?: { status: string; message?: string }; hook?: boolean }[] };
      const [server = '', namespace = ''] = a.destination.split(' / ');
      const lines = [
        `Name:               ${a.namespace}/${a.name}`,
        `Project:            ${a.project}`,
        `Server:             ${server}`,
        `Namespace:          ${namespace}`,
        `Repo:               ${a.repoURL}`,
        `Target:             ${a.targetRevision}`,
        `Path:               ${a.path}`,
        `Sync Policy:        ${a.automated ? 'Automated' : 'Manual'}`,
        `Sync Status:        ${a.sync} to ${a.targetRevision}${a.revision ? ` (${short(a.revision)})` : ''}`,
        `Health Status:      ${a.health.status}`,
      ];
      if (a.operationPhase) lines.push('', `Operation:          Sync`, `Phase:              ${a.operationPhase}`, `Message:            ${a.operationMessage ?? ''}`);
      const rows = (status.resources ?? []).map((r) => [r.group, r.kind, r.namespace, r.name, r.hook ? '' : (r.status ?? ''), r.health?.status ?? '', r.hook ? 'hook' : '', r.health?.message ?? '']);
      lines.push('', table(['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE'], rows));
      return lines.join('\n');
    }
    case 'diff': {
      const diffs = appDiffs(world, s.getApplication(need())).filter((d) => d.modified);
      return diffs.map((d) => `===== ${d.group}/${d.kind} ${d.namespace}/${d.name} ======\n${d.diffText}`).join('\n');
    }
    case 'sync': {
      const req: SyncRequest = {};
      if (c.flags.prune === true) req.prune = true;
      if (c.flags['dry-run'] === true) req.dryRun = true;
      if (c.flags.force === true) req.strategy = { hook: { force: true } };
      if (typeof c.flags.revision === 'string') req.revision = c.flags.revision;
      if (typeof c.flags.resource === 'string') {
        const [group = '', kind = '', rname = ''] = c.flags.resource.split(':');
        req.resources = [{ ...(group ? { group } : {}), kind, name: rname }];
      }
      const app = s.sync(need(), req);
      return `Operation started on ${app.metadata.namespace}/${app.metadata.name}: watch it in the Applications tab (Sync timeline), or run: argocd app get ${app.metadata.name}`;
    }
    case 'rollback': {
      const id = Number(c.args[3]);
      if (!Number.isInteger(id)) throw new Error('Usage: argocd app rollback APPNAME ID (see the history: argocd app get / the Applications tab)');
      s.rollback(need(), id);
      return `Rollback to ${id} started on ${name}`;
    }
    default:
      return HELP;
  }
}
