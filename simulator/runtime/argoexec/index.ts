/** argoexec, the executor of Argo Workflows pods: `init`, `wait` and the `emissary` wrapper of `main`. */
export { planArgoexecInit } from './init.js';
export { planArgoexecWait, completeArgoexecWait, WAIT_EXIT_DELAY_MS, MAX_RESULT_BYTES } from './wait.js';
export type { WaitView } from './wait.js';
export { SCRIPT_PATH, parseTemplate } from './template.js';
export { containerSetBackoff, parseGoDuration, withSetRetry } from './retry.js';
export type { SetBackoff } from './retry.js';
import { parseTemplate } from './template.js';
export type { ArgoTemplate, ArgoArtifact, ArgoParameter } from './template.js';

/** `/var/run/argo/argoexec emissary -- cmd…` → `cmd…`; undefined when argv is not the emissary. */
export function emissaryArgv(argv: readonly string[]): string[] | undefined {
  const i = argv.findIndex((a) => a.endsWith('argoexec'));
  if (i < 0 || argv[i + 1] !== 'emissary') return undefined;
  const dd = argv.indexOf('--', i + 2);
  return dd < 0 ? argv.slice(i + 2) : argv.slice(dd + 1);
}

/**
 * The containerSet members an emissary-wrapped container waits for before it runs its command (its
 * `dependencies`, from ARGO_TEMPLATE, for the member named ARGO_CONTAINER_NAME). Upstream the emissary polls
 * `/var/run/argo/ctr/<dep>/exitcode`; the kubelet holds the process the same way.
 */
export function emissaryDependencies(argv: readonly string[], env: readonly { name: string; value?: string }[] | undefined): string[] {
  if (!env || emissaryArgv(argv) === undefined) return [];
  const name = env.find((e) => e.name === 'ARGO_CONTAINER_NAME')?.value;
  const raw = env.find((e) => e.name === 'ARGO_TEMPLATE')?.value;
  if (!name || !raw || !raw.includes('"dependencies"')) return [];
  const set = (parseTemplate(raw).template as { containerSet?: { containers?: { name?: string; dependencies?: unknown }[] } }).containerSet;
  const deps = set?.containers?.find((c) => c.name === name)?.dependencies;
  return Array.isArray(deps) ? deps.filter((d): d is string => typeof d === 'string') : [];
}

/** `argoexec init|wait` (as command or args of the argoexec image). */
export function argoexecCommand(image: string, argv: readonly string[]): 'init' | 'wait' | undefined {
  const i = argv.findIndex((a) => a.endsWith('argoexec'));
  const sub = i >= 0 ? argv[i + 1] : /argoexec/.test(image) ? argv[0] : undefined;
  return sub === 'init' || sub === 'wait' ? sub : undefined;
}
