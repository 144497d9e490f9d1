/**
 * gitops-engine `HideSecretData`: Secret `data` values are replaced by runs of "+" so a diff still shows
 * *that* a value changed (different lengths) without showing the value. Equal values share one mask.
 */
import { clone, groupOf, isObj } from '../../cluster/types.js';
import type { KubeObject } from '../../cluster/types.js';

const isSecret = (o: KubeObject | undefined): o is KubeObject => !!o && groupOf(o.apiVersion) === '' && o.kind === 'Secret';

export function hideSecretData(...given: (KubeObject | undefined)[]): (KubeObject | undefined)[] {
  if (!given.some(isSecret)) return given;
  const objs = given.map((o) => (o ? clone(o) : undefined));
  const keys = new Set<string>();
  for (const o of objs) if (o && isObj(o.data)) for (const k of Object.keys(o.data)) keys.add(k);
  for (const k of [...keys].sort()) {
    let next = '++++++++';
    const byValue = new Map<string, string>();
    for (const o of objs) {
      if (!o || !isObj(o.data) || !(k in o.data)) continue;
      const v = String(o.data[k]);
      let mask = byValue.get(v);
      if (!mask) {
        mask = next;
        next += '++++';
        byValue.set(v, mask);
      }
      o.data[k] = mask;
    }
  }
  return objs;
}
