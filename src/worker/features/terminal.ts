/**
 * The terminal's commands against the sandbox: a kubectl / argocd / argo subset. Read-only lines are queries;
 * lines that change the world (delete, sync, rollback, resume…) are actions, so the journal can replay them.
 * `isMutating` (terminal/parse.ts) tells the UI which one to call.
 */
import { ArgoApiError } from '../../../simulator/argocd/server/index.js';
import type { Sandbox } from '../../../simulator/sandbox.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';
import { argo } from './terminal/argo.js';
import { argocd } from './terminal/argocd.js';
import { kubectlDelete, kubectlDescribe, kubectlGet, kubectlLogs } from './terminal/kubectl.js';
import { isMutating, parseCommand } from './terminal/parse.js';

export const TERMINAL_HELP = [
  'Commands (a subset, against the simulated cluster):',
  '  kubectl get TYPE[/NAME] [NAME…] [-n NS | -A] [-o wide|yaml|json|name] [-l SELECTOR]',
  '  kubectl describe TYPE NAME [-n NS]      kubectl delete TYPE NAME [-n NS]',
  '  kubectl logs POD [-c CONTAINER] [-n NS] [--previous] [--tail N]',
  '  argocd app list | get APP | diff APP | sync APP [--prune] [--dry-run] | rollback APP ID',
  '  argo list [-A] | get WF | logs WF | resume WF | suspend WF | stop WF | terminate WF [-n NS]',
  '  argo node set WF --node-field-selector displayName=NODE [--output-parameter K=V…] [--message M] [--phase Succeeded|Failed]',
  '  whoami (the Argo CD user for argocd commands)    clear    help',
].join('\n');

export interface TerminalResult {
  output: string;
  /** The command failed (printed in red). */
  error?: boolean;
}

function execute(world: Sandbox, line: string, user: string): TerminalResult {
  try {
    const c = parseCommand(line);
    if (c.tool === '') return { output: '' };
    if (c.tool === 'help') return { output: TERMINAL_HELP };
    if (c.tool === 'whoami') return { output: user };
    if (c.tool === 'kubectl' || c.tool === 'k') {
      switch (c.args[0]) {
        case 'get':
          return { output: kubectlGet(world, c) };
        case 'describe':
          return { output: kubectlDescribe(world, c) };
        case 'delete':
          return { output: kubectlDelete(world, c) };
        case 'logs':
          return { output: kubectlLogs(world, c) };
        default:
          return { output: `kubectl: "${c.args[0] ?? ''}" is not available here.\n${TERMINAL_HELP}`, error: true };
      }
    }
    if (c.tool === 'argocd') return { output: argocd(world, c, user) };
    if (c.tool === 'argo') return { output: argo(world, c) };
    return { output: `${c.tool}: command not found\n${TERMINAL_HELP}`, error: true };
  } catch (e) {
    const message = e instanceof ArgoApiError ? `FATA[0000] ${e.toString()}${e.why ? `\nwhy: ${e.why}` : ''}` : e instanceof Error ? e.message : String(e);
    return { output: message, error: true };
  }
}

export const terminalFeature = defineFeature({
  queries: {
    /** A read-only line (the UI checks `isMutating` first); a world-changing one is refused here. */
    exec(host: FeatureHost, line: string, user = 'admin'): TerminalResult {
      if (isMutating(line)) return { output: 'this command changes the world: send it with the terminal feature\'s "run" action', error: true };
      return execute(host.world, line, user);
    },
  },
  actions: {
    run(host: FeatureHost, line: string, user = 'admin'): TerminalResult {
      const out = execute(host.world, line, user);
      host.changed();
      return out;
    },
  },
});
