/** Live objects of some kinds in the real cluster: one bridge watch per kind (current objects arrive as ADDED). */
import { useEffect, useState } from 'react';
import type { KubeObject } from '../../../bridge/server/protocol';
import type { BridgeClient } from '../bridgeClient';
import { kindKey } from './rows';

export interface KindRef {
  apiVersion: string;
  kind: string;
}

export interface RealObjects {
  /** kindKey(apiVersion, kind) → objects. */
  objects: Map<string, KubeObject[]>;
  /** A kind the cluster does not serve (Argo not installed…) is left out, with the reason. */
  errors: string[];
}

const objKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export function useRealObjects(client: BridgeClient | undefined, kinds: readonly KindRef[]): RealObjects {
  const [state, setState] = useState<RealObjects>({ objects: new Map(), errors: [] });
  const kindsKey = kinds.map((k) => kindKey(k.apiVersion, k.kind)).join('|');
  useEffect(() => {
    if (!client) return;
    let live = true;
    const stops: Array<() => void> = [];
    const byKind = new Map<string, Map<string, KubeObject>>();
    const errors = new Map<string, string>();
    // Watch events come in bursts (a list of current objects, a rollout): render once per frame.
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (!live) return;
      const objects = new Map<string, KubeObject[]>();
      for (const [k, m] of byKind) objects.set(k, [...m.values()]);
      setState({ objects, errors: [...errors.values()] });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };
    for (const k of kinds) {
      const key = kindKey(k.apiVersion, k.kind);
      byKind.set(key, new Map());
      client
        .watch(
          { apiVersion: k.apiVersion, kind: k.kind },
          (e) => {
            const m = byKind.get(key)!;
            if (e.type === 'DELETED') m.delete(objKey(e.object));
            else if (e.type === 'ADDED' || e.type === 'MODIFIED') m.set(objKey(e.object), e.object);
            schedule();
          },
          (s) => {
            errors.set(key, `${k.kind}: ${s.message}`);
            schedule();
          },
        )
        .then((stop) => (live ? stops.push(stop) : stop()))
        .catch((err: unknown) => {
          errors.set(key, `${k.kind}: ${err instanceof Error ? err.message : String(err)}`);
          schedule();
        });
    }
    return () => {
      live = false;
      if (frame) cancelAnimationFrame(frame);
      for (const stop of stops) stop();
      setState({ objects: new Map(), errors: [] });
    };
    // kindsKey stands for kinds (a new array each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, kindsKey]);
  return state;
}
