/**
 * The JSON schema of lab.yaml and of scenario files (labs/lab.schema.json is this object, written out;
 * a test keeps the two equal). The loader validates with it, then applies the rules a schema cannot say.
 */
import type { JsonObject } from '../cluster/types.js';

const str = { type: 'string', minLength: 1 };
const duration = {
  type: 'string',
  pattern: '^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$|^\\d+(\\.\\d+)?$',
  description: 'A duration: 30s, 5m, 1h30m, 250ms.',
};
const obj = (properties: JsonObject, required: string[] = [], description?: string): JsonObject => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
const ref = (name: string): JsonObject => ({ $ref: `#/definitions/${name}` });
const arr = (items: JsonObject, minItems = 0): JsonObject => ({ type: 'array', items, ...(minItems ? { minItems } : {}) });
const scalar = { type: ['string', 'number', 'boolean', 'null'] };
/** Exactly one of `keys` (with the properties listed in the object itself). */
const oneKey = (keys: readonly string[]): JsonObject[] => keys.map((k) => ({ required: [k] }));

const ACTIONS = ['apply', 'delete', 'commit', 'argocd', 'workflow', 'advance', 'settle'];
const CHECKS = ['object', 'application', 'workflow', 'event', 'sync', 'git', 'rbac', 'count'];

const objectRef = obj({ kind: str, apiVersion: str, namespace: str, name: str }, ['kind', 'name']);
const manifestRef = { oneOf: [{ ...str, description: 'A path relative to the lab (scenario) folder.' }, obj({ yaml: str }, ['yaml'])] };
const eventMatch = { reason: str, kind: str, name: str, messageMatches: { type: 'string', description: 'A regular expression.' } };

const actionProps: JsonObject = {
  apply: ref('manifestRef'),
  delete: objectRef,
  commit: obj(
    {
      repo: str,
      message: str,
      branch: str,
      files: {
        type: 'object',
        description: 'path → new content, { from: solution/file } or null (deletes the file)',
        additionalProperties: { oneOf: [{ type: 'string' }, obj({ from: str }, ['from']), { type: 'null' }] },
      },
    },
    ['repo', 'message', 'files'],
  ),
  argocd: obj(
    {
      action: { enum: ['sync', 'refresh', 'hardRefresh', 'rollback', 'delete', 'terminate'] },
      app: str,
      as: str,
      prune: { type: 'boolean' },
      dryRun: { type: 'boolean' },
      revision: str,
      id: { type: 'integer', minimum: 0 },
      cascade: { type: 'boolean' },
      resources: arr(obj({ group: { type: 'string' }, kind: str, name: str, namespace: str }, ['kind', 'name'])),
    },
    ['action', 'app'],
  ),
  workflow: obj(
    { action: { enum: ['resume', 'suspend', 'stop', 'terminate', 'retry', 'resubmit'] }, name: str, namespace: str, nodeFieldSelector: str },
    ['action', 'name'],
  ),
  advance: duration,
  settle: obj({ maxVirtual: duration }),
  expectError: { type: 'string', description: 'The action must fail with an error matching this regular expression (e.g. an RBAC denial).' },
};

const fieldExpectation = {
  anyOf: [
    scalar,
    obj({ exists: { type: 'boolean' } }, ['exists']),
    obj({ matches: str }, ['matches']),
    obj({ in: { type: 'array' } }, ['in']),
    obj({ gte: { type: 'number' } }, ['gte']),
    obj({ lte: { type: 'number' } }, ['lte']),
  ],
};

const checkProps: JsonObject = {
  name: str,
  object: obj(
    {
      kind: str,
      apiVersion: str,
      namespace: str,
      name: str,
      fields: { type: 'object', additionalProperties: ref('fieldExpectation') },
      expr: str,
      absent: { type: 'boolean' },
    },
    ['kind', 'name'],
  ),
  application: obj({ name: str, namespace: str, sync: str, health: str, operationPhase: str, revision: str }, ['name']),
  workflow: obj({
    name: str,
    namePrefix: str,
    namespace: str,
    phase: str,
    node: obj({ name: str, phase: str, outputs: { type: 'object', additionalProperties: scalar }, message: str }, ['name']),
  }),
  event: obj({ ...eventMatch, before: obj(eventMatch, ['reason']) }, ['reason']),
  sync: obj(
    {
      app: str,
      namespace: str,
      order: arr(obj({ hookType: str, kind: str, name: str, syncWave: { type: 'integer' }, syncPhase: str }), 1),
    },
    ['app', 'order'],
  ),
  git: obj({ repo: str, branch: str, commit: obj({ changedPath: str, contains: str, messageMatches: str }) }, ['repo', 'commit']),
  rbac: obj({ as: str, resource: str, action: str, object: str, allowed: { type: 'boolean' } }, ['as', 'resource', 'action', 'object', 'allowed']),
  count: obj(
    { kind: str, apiVersion: str, namespace: str, selector: str, min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 0 }, equals: { type: 'integer', minimum: 0 } },
    ['kind'],
  ),
};

const world = obj(
  {
    seed: { type: 'integer', minimum: 0 },
    startTime: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
    repos: arr(
      obj(
        {
          url: str,
          dir: { ...str, description: 'Every file under this folder (relative to the lab folder) is in the first commit.' },
          files: { type: 'object', additionalProperties: { type: 'string' }, description: 'Inline files: path → content.' },
          branch: str,
          credentials: obj({ username: str, password: str }, ['username', 'password']),
        },
        ['url'],
      ),
    ),
    apply: arr(ref('manifestRef')),
  },
  [],
  'The initial world: git repositories on Argo CD\'s git host, then manifests applied at time zero.',
);

const definitions: JsonObject = {
  duration,
  manifestRef,
  world,
  fieldExpectation,
  action: { type: 'object', properties: actionProps, additionalProperties: false, oneOf: oneKey(ACTIONS) },
  check: { type: 'object', properties: checkProps, required: ['name'], additionalProperties: false, oneOf: oneKey(CHECKS) },
  step: obj(
    {
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
      title: str,
      body: str,
      checks: arr(ref('check'), 1),
      hints: arr(str),
      solution: arr(ref('action')),
      resets: { type: 'boolean' },
    },
    ['id', 'title', 'body', 'checks'],
  ),
  scriptEntry: {
    type: 'object',
    properties: { at: duration, callout: str, ...actionProps },
    required: ['at'],
    additionalProperties: false,
  },
};

export const LAB_SCHEMA: JsonObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://argo-sandbox.local/labs/lab.schema.json',
  title: 'Argo Sandbox lab (labs/<id>/lab.yaml)',
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Must equal the folder name.' },
    title: str,
    chapter: { type: 'integer', minimum: 1 },
    objectives: arr(str, 1),
    estimatedMinutes: { type: 'integer', minimum: 1 },
    description: str,
    scenario: ref('world'),
    steps: arr(ref('step'), 1),
  },
  required: ['id', 'title', 'chapter', 'objectives', 'estimatedMinutes', 'scenario', 'steps'],
  additionalProperties: false,
  definitions,
};

/** A scenario file (`kind: Scenario`); checked against LAB_SCHEMA's definitions. */
export const SCENARIO_SCHEMA: JsonObject = {
  type: 'object',
  properties: {
    kind: { const: 'Scenario' },
    title: str,
    description: str,
    world: ref('world'),
    script: arr(ref('scriptEntry')),
  },
  required: ['kind', 'title'],
  additionalProperties: false,
  definitions,
};
