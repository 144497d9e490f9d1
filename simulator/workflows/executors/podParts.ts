/**
 * What every workflow pod holds alike (argo's own containers' commands, resources and mounts, its emptyDir
 * volumes, the env entries that do not name the pod), built once and frozen. The store keeps the frozen
 * subtrees of a new object as they are, so pods share these instead of each building, copying and freezing
 * its own. Admission never writes inside them: it defaults fields of a pod's own container and volume objects.
 */
import type { JsonObject, JsonValue } from '../../cluster/types.js';

export const ARGOEXEC_IMAGE = 'quay.io/argoproj/argoexec:v3.6.5';
export const LOG_OPTS: readonly string[] = Object.freeze(['--loglevel', 'info', '--log-format', 'text']);

/** Deep-frozen (typed as plain JSON: a pod's fields are, and nobody writes into stored data). */
type Frozen = JsonObject;

function frozen<T extends JsonValue>(o: T): T {
  if (typeof o !== 'object' || o === null) return o;
  for (const k in o) frozen((o as JsonObject)[k] as JsonValue);
  return Object.freeze(o);
}

export const VAR_RUN_ARGO_MOUNT = frozen({ name: 'var-run-argo', mountPath: '/var/run/argo' });
export const STAGING_MOUNT = frozen({ name: 'argo-staging', mountPath: '/argo/staging' });

export const VAR_RUN_ARGO_VOLUME = frozen({ name: 'var-run-argo', emptyDir: {} });
export const TMP_DIR_ARGO_VOLUME = frozen({ name: 'tmp-dir-argo', emptyDir: {} });
export const STAGING_VOLUME = frozen({ name: 'argo-staging', emptyDir: {} });

/** argoexec init / wait: command, requests and mounts. */
export const INIT_COMMAND = frozen(['argoexec', 'init', ...LOG_OPTS]);
export const WAIT_COMMAND = frozen(['argoexec', 'wait', ...LOG_OPTS]);
export const EXECUTOR_RESOURCES = frozen({ requests: { cpu: '10m', memory: '64Mi' } });
export const INIT_MOUNTS = frozen([VAR_RUN_ARGO_MOUNT]);
export const INIT_MOUNTS_SCRIPT = frozen([VAR_RUN_ARGO_MOUNT, STAGING_MOUNT]);
export const WAIT_MOUNTS = frozen([{ name: 'tmp-dir-argo', mountPath: '/tmp', subPath: '0' }, VAR_RUN_ARGO_MOUNT]);

export const POD_UID_ENV = frozen({ name: 'ARGO_POD_UID', value: '' });
export const GODEBUG_ENV = frozen({ name: 'GODEBUG', value: 'x509ignoreCN=0' });

const CONTAINER_NAME_ENV: Readonly<Record<string, Frozen>> = {
  init: frozen({ name: 'ARGO_CONTAINER_NAME', value: 'init' }),
  wait: frozen({ name: 'ARGO_CONTAINER_NAME', value: 'wait' }),
  main: frozen({ name: 'ARGO_CONTAINER_NAME', value: 'main' }),
};

/** ARGO_CONTAINER_NAME: shared for argo's own container names, a new entry for a sidecar's. */
export function containerNameEnv(name: string): JsonObject {
  const shared = name === 'init' || name === 'wait' || name === 'main' ? CONTAINER_NAME_ENV[name] : undefined;
  return shared ?? { name: 'ARGO_CONTAINER_NAME', value: name };
}

/** The last entry made per env name: one workflow's pods (its name, uid, deadline) share it while the value stays. */
const LAST = new Map<string, Frozen>();

/** A frozen `{ name, value }` env entry, the last one made for `name` when it has the same value (not a string: a new one). */
export function sharedEnv(name: string, value: string | undefined): JsonObject {
  // (An undefined value is dropped by admission's decoding: it must be the pod's own, mutable entry.)
  if (typeof value !== 'string') return { name, value };
  const last = LAST.get(name);
  if (last !== undefined && last.value === value) return last;
  const entry = frozen({ name, value });
  LAST.set(name, entry);
  return entry;
}
