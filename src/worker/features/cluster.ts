/** Cluster-wide reads: one live object as YAML-ready data, and the event log for one object. */
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';
import type { JsonValue } from '../../../simulator/cluster/index.js';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export const clusterFeature = defineFeature({
  queries: {
    /** The stored object (plain JSON), or null when it does not exist. */
    get(host: FeatureHost, ref: ObjectRef): JsonValue | null {
      const obj = host.world.store.get(ref);
      return obj ? (JSON.parse(JSON.stringify(obj)) as JsonValue) : null;
    },
  },
  actions: {
    /** Delete one object like `kubectl delete` (Background propagation). */
    delete(host: FeatureHost, ref: ObjectRef): void {
      host.world.store.delete(ref);
      host.changed();
    },
  },
});
