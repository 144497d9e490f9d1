/** argoexec, the executor of Argo Workflows pods: `init`, `wait` and the `emissary` wrapper of `main`. */
export { planArgoexecInit } from './init.js';
export { planArgoexecWait, completeArgoexecWait, WAIT_EXIT_DELAY_MS, MAX_RESULT_BYTES } from './wait.js';
export type { WaitView } from './wait.js';
export { SCRIPT_PATH, parseTemplate } from './template.js';
export type { ArgoTemplate, ArgoArtifact, ArgoParameter } from './template.js';

/** `/var/run/argo/argoexec emissary -- cmd…` → `cmd…`; undefined when argv is not the emissary. */
export function emissaryArgv(argv: readonly string[]): string[] | undefined {
  const i = argv.findIndex((a) => a.endsWith('argoexec'));
  if (i < 0 || argv[i + 1] !== 'emissary') return undefined;
  const dd = argv.indexOf('--', i + 2);
  return dd < 0 ? argv.slice(i + 2) : argv.slice(dd + 1);
}

/** `argoexec init|wait` (as command or args of the argoexec image). */
export function argoexecCommand(image: string, argv: readonly string[]): 'init' | 'wait' | undefined {
  const i = argv.findIndex((a) => a.endsWith('argoexec'));
  const sub = i >= 0 ? argv[i + 1] : /argoexec/.test(image) ? argv[0] : undefined;
  return sub === 'init' || sub === 'wait' ? sub : undefined;
}
