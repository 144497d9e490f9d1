/** Wire CRD support into a sandbox: admission, synchronous kind registration, the CRD controller. */
import type { Sandbox } from '../../sandbox.js';
import type { ObjectStore } from '../store/index.js';
import type { KubeObject, StoredObject } from '../types.js';
import { crdAdmission } from './admission.js';
import type { CrdAdmissionOptions } from './admission.js';
import { crdController } from './controller.js';
import { registerCrd, unregisterCrd } from './registry.js';

import { CRD_GROUP, CRD_KIND } from './registry.js';

/**
 * Kinds are served as soon as the CRD is stored (the watch handler runs synchronously), so a CRD and
 * its objects can be applied back to back, as with a real API server that establishes in milliseconds.
 */
export function installCrdSupport(sandbox: Sandbox, opts: CrdAdmissionOptions = {}): void {
  const store = sandbox.store;
  store.addAdmission(crdAdmission(opts));
  store.watch(
    (event) => {
      try {
        if (event.type === 'DELETED') unregisterCrd(store, event.object.metadata.name);
        else registerCrd(store, event.object);
      } catch {
        // An unusable CRD (admission normally refuses it) serves nothing; the watch goes on.
      }
    },
    { group: CRD_GROUP, kind: CRD_KIND },
  );
  sandbox.addController(crdController);
}

/** Create or update a CRD object and serve its kinds now (for engines installing their own CRDs). */
export function installCrd(store: ObjectStore, crd: KubeObject): StoredObject {
  const stored = store.apply(crd, { fieldManager: 'argo-sandbox', force: true });
  registerCrd(store, stored);
  return stored;
}
