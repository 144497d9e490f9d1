/**
 * Helm's values: user files merged in order (mergeMaps), `--set` on top, then coalesced with the chart's
 * values.yaml (chartutil.CoalesceValues: a user `null` deletes a default key, tables merge deeply).
 */
import { deepCopy, isMap, type GoMap } from '../../../gotemplate/index.js';

/** pkg/cli/values mergeMaps: `b` over `a`, maps merged deeply, anything else replaced. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = isMap(v) && isMap(cur) ? mergeMaps(cur, v) : v;
  }
  return out;
}

/** coalesceTables: `dst` (user) wins; a user null removes the key; defaults fill the rest. */
function coalesceTables(dst: GoMap, src: GoMap): GoMap {
  for (const [k, sv] of Object.entries(src)) {
    if (!(k in dst)) {
      dst[k] = deepCopy(sv);
      continue;
    }
    const dv = dst[k];
    if (dv === null) delete dst[k];
    else if (isMap(dv) && isMap(sv)) coalesceTables(dv, sv);
  }
  return dst;
}

/** The final `.Values` of a chart: user values over chart defaults. */
export function coalesceValues(defaults: GoMap, user: GoMap): GoMap {
  return coalesceTables(deepCopy(user) as GoMap, defaults);
}
