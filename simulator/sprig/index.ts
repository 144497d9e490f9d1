/**
 * Sprig (Masterminds/sprig v3) as a plain function table over Go values, plus Helm's encoding additions
 * (toYaml, fromYaml, toJson, fromJson…, Helm's wording). Used by the Go template engine (Helm charts,
 * notifications, ApplicationSet goTemplate) and bound into expression evaluators as `sprig.NAME(...)`.
 * Time and randomness come from `SprigEnv` (virtual clock, seeded Rng).
 */
import type { GoFunc } from '../gotemplate/value.js';
import { collectionFuncs } from './collections.js';
import { helmFromJson, helmFromJsonArray, marshalJson } from './json.js';
import { mathFuncs } from './math.js';
import { miscFuncs, type SprigEnv } from './misc.js';
import { regexFuncs } from './regex.js';
import { stringFuncs } from './strings.js';
import { str } from './convert.js';
import { helmFromYaml, helmFromYamlArray, toYaml } from './yaml.js';

export type { SprigEnv } from './misc.js';
export { FuncError, ArgTypeError, toInt64, toFloat64, strval, empty } from './convert.js';
export { marshalJson, unmarshalJson, jsonFloat } from './json.js';
export { toYaml, parseYaml, helmFromYaml } from './yaml.js';
export { semverCompare, parseSemver, compareSemver } from './semver.js';

/** Encoding functions with Helm's signatures (they replace Sprig's versions in Helm's FuncMap). */
const encodingFuncs: Record<string, GoFunc> = {
  toJson: (v) => {
    try {
      return marshalJson(v);
    } catch {
      return '';
    }
  },
  mustToJson: (v) => marshalJson(v),
  toPrettyJson: (v) => {
    try {
      return marshalJson(v, { indent: '  ' });
    } catch {
      return '';
    }
  },
  mustToPrettyJson: (v) => marshalJson(v, { indent: '  ' }),
  toRawJson: (v) => {
    try {
      return marshalJson(v, { html: false });
    } catch {
      return '';
    }
  },
  mustToRawJson: (v) => marshalJson(v, { html: false }),
  fromJson: (s) => helmFromJson(str(s)),
  fromJsonArray: (s) => helmFromJsonArray(str(s)),
  toYaml: (v) => {
    try {
      return toYaml(v);
    } catch {
      return '';
    }
  },
  mustToYaml: (v) => toYaml(v),
  fromYaml: (s) => helmFromYaml(str(s)),
  fromYamlArray: (s) => helmFromYamlArray(str(s)),
};

/** Sprig's `must*` variants return an error where the plain ones would panic; ours throw in both cases. */
const MUST = ['append', 'prepend', 'first', 'last', 'rest', 'initial', 'reverse', 'uniq', 'without', 'has', 'compact', 'slice', 'chunk', 'push', 'merge', 'mergeOverwrite', 'deepCopy', 'regexFind', 'regexFindAll', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit', 'dateModify', 'toDate'];

/** The whole table, name → function. A fresh table per call: `now`/random functions close over `env`. */
export function sprigFuncs(env: SprigEnv = {}): Record<string, GoFunc> {
  const table: Record<string, GoFunc> = { ...stringFuncs, ...collectionFuncs, ...mathFuncs, ...regexFuncs, ...miscFuncs(env), ...encodingFuncs };
  for (const name of MUST) {
    const fn = table[name];
    if (fn) table[`must${name[0]!.toUpperCase()}${name.slice(1)}`] ??= fn;
  }
  // Deprecated Sprig names charts still use.
  table.trimall = table.trimAll!;
  table.biggest = table.max!;
  return table;
}
