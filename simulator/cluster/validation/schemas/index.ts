/** Kind → object schema table. */
import { obj } from '../schema.js';
import type { ObjSchema } from '../schema.js';
import { ObjectMeta } from './meta.js';
import { OPEN_KINDS, OTHER_FIELDS } from './other.js';
import { WORKLOAD_FIELDS } from './workloads.js';

const TABLE = new Map<string, ObjSchema>();
for (const [id, fields] of Object.entries({ ...OTHER_FIELDS, ...WORKLOAD_FIELDS })) {
  const kind = id.slice(id.indexOf('/') + 1);
  TABLE.set(id, obj(kind, { apiVersion: 'string', kind: 'string', metadata: ObjectMeta, ...fields }));
}
for (const id of OPEN_KINDS) {
  const kind = id.slice(id.indexOf('/') + 1);
  TABLE.set(id, { t: 'obj', go: kind, open: true, fields: { apiVersion: 'string', kind: 'string', metadata: ObjectMeta } });
}

/** The schema of a built-in kind (`group/Kind`, core group empty), or undefined for kinds we do not know. */
export function schemaFor(group: string, kind: string): ObjSchema | undefined {
  return TABLE.get(`${group}/${kind}`);
}

export { ObjectMeta };
export { PodSpec, PodTemplateSpec, Container } from './pod.js';
