/**
 * ApplicationSet (Argo CD applicationset-controller): generators `list`, `clusters`, `git` (directories,
 * files), `matrix`, `merge`; fasttemplate or `goTemplate` rendering; owned Applications created, updated
 * and deleted per `syncPolicy.applicationsSync`; Argo's status conditions and messages.
 *
 * Install: add `applicationSetController` to the sandbox and `configureApplicationSet(sandbox, {git})`
 * (the Argo CD install does both via `installApplicationSet(sandbox, git)`).
 */
import type { Sandbox } from '../../sandbox.js';
import type { GitHost } from '../../git/index.js';
import { applicationSetController, configureApplicationSet } from './controller.js';

export {
  applicationSetController,
  configureApplicationSet,
  APPSET_NAME_LABEL,
  APPSET_REFRESH_ANNOTATION,
  PRESERVED_ANNOTATIONS,
  GIT_REQUEUE_MS,
} from './controller.js';
export { runGenerator, generatorKind, GeneratorError, pathMatch, pathspecMatch } from './generators/index.js';
export type { GeneratorContext, GeneratorSpec } from './generators/index.js';
export { renderTemplate, sanitizeName, mergeTemplate, appSetFuncs, RenderError } from './template.js';
export type { Params, RenderOptions } from './template.js';
export { conditionsFor, UP_TO_DATE_MESSAGE, PARAMS_MESSAGE } from './status.js';
export type { AppSetCondition, AppSetReason, AppSetResourceStatus } from './status.js';

/** Register the controller with the sandbox's git server. */
export function installApplicationSet(sandbox: Sandbox, git: GitHost): void {
  configureApplicationSet(sandbox, { git });
  sandbox.addController(applicationSetController);
}
