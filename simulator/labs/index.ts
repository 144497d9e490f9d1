/**
 * Labs: `labs/<id>/lab.yaml` + markdown steps with machine-checkable checks (see labs/README.md).
 * - `loadLab(files, 'labs/<id>')` / `loadLabs(files)`: parse and validate (schema + loader rules), located errors.
 * - `LabSession.start(lab, files, root)`: the lab's world; `evaluate(step)`, `applySolution(step)`, `status()`.
 * - `buildWorld(spec, files, base)`, `runAction(s)`, `evaluateCheck(s)`: the parts, shared with scenarios.
 * No fs here: files come as a `{ path: text }` map (Node reads the disk, the browser uses import.meta.glob).
 */
export type * from './types.js';
export { ACTION_KINDS, CHECK_KINDS } from './types.js';
export { LAB_SCHEMA, SCENARIO_SCHEMA } from './schema.js';
export { SchemaValidator } from './validate.js';
export type { SchemaError } from './validate.js';
export { loadLab, loadLabs, summarize, stepBody, schemaErrors } from './load.js';
export type { LoadedLab, LoadLabResult, LabSummary } from './load.js';
export { normalizeFiles, cleanPath, joinPath, filesUnder, labRoots } from './files.js';
export type { FileMap } from './files.js';
export { parseYamlDoc, errorAt, formatSegments } from './yamlDoc.js';
export type { YamlDoc } from './yamlDoc.js';
export { checkWorld, checkAction, checkCheck, actionKind } from './rules.js';
export type { RuleContext } from './rules.js';
export { buildWorld, setupWorld, worldStart, applyRef, WorldError, LEARNER } from './world.js';
export type { LabWorld } from './world.js';
export { runAction, runActions, DEFAULT_SETTLE_MS } from './actions/index.js';
export type { ActionResult } from './actions/index.js';
export { evaluateCheck, evaluateChecks } from './checks/index.js';
export { LabSession } from './session.js';
export type { StepStatus } from './session.js';
