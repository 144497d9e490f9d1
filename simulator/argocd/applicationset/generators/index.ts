/** Generators by their key in `spec.generators[]`; each returns parameter sets. */
import type { Params } from '../template.js';
import { clusterGenerator } from './clusters.js';
import { matrix, merge } from './combine.js';
import { gitGenerator } from './git.js';
import { listGenerator } from './list.js';
import { GeneratorError } from './types.js';
import type { Generator, GeneratorContext, GeneratorSpec } from './types.js';
import { obj } from './types.js';

export { GeneratorError } from './types.js';
export type { GeneratorContext, GeneratorSpec } from './types.js';
export { pathMatch, pathspecMatch } from './git.js';

const SIMPLE: Record<string, Generator> = { list: listGenerator, clusters: clusterGenerator, git: gitGenerator };

/** Generator kinds Argo CD has that the sandbox does not simulate (they report an error). */
const UNSUPPORTED = ['scmProvider', 'pullRequest', 'clusterDecisionResource', 'plugin'];

/** The kind of a generator entry (`list`, `git`…), undefined when it names none. */
export function generatorKind(spec: GeneratorSpec): string | undefined {
  return [...Object.keys(SIMPLE), 'matrix', 'merge', ...UNSUPPORTED].find((k) => spec[k] !== undefined && spec[k] !== null);
}

export function runGenerator(spec: GeneratorSpec, ctx: GeneratorContext): Params[] {
  const kind = generatorKind(spec);
  if (!kind) throw new GeneratorError('ApplicationSet has no generator: expected one of list, clusters, git, matrix, merge');
  const body = obj(spec[kind]);
  if (kind === 'matrix') return matrix(body, ctx, runGenerator);
  if (kind === 'merge') return merge(body, ctx, runGenerator);
  const gen = SIMPLE[kind];
  if (!gen) throw new GeneratorError(`the ${kind} generator is not available in the sandbox`);
  return gen(body, ctx);
}
