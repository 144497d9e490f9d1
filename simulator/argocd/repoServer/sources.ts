/**
 * Multi-source Applications (`spec.sources`): each source rendered on its own and the objects concatenated
 * in source order; a source with `ref` and no path/chart only lends its files to `$ref/...` Helm value files.
 */
import type { KubeObject } from '../../cluster/types.js';
import type { GitHost } from '../../git/index.js';
import { RepoServerError } from './errors.js';
import { checkout, generateManifests, type ApplicationSource, type GenerateOptions, type SourceType } from './generate.js';

export interface MultiSourceResponse {
  /** One commit SHA per source, in `spec.sources` order (what `status.sync.revisions` holds). */
  revisions: string[];
  manifests: KubeObject[];
  /** Per source; `undefined` for a ref-only source (not rendered). */
  sourceTypes: (SourceType | undefined)[];
}

/** ApplicationSource.IsRef: a `ref` with nothing to render. */
export function isRefOnly(s: ApplicationSource): boolean {
  return !!s.ref && !s.path && !s.chart;
}

export function generateManifestsForSources(host: GitHost, sources: readonly ApplicationSource[], opts: GenerateOptions): MultiSourceResponse {
  const refSources: Record<string, ApplicationSource> = {};
  for (const s of sources) if (s.ref) refSources[s.ref] = s;
  const out: MultiSourceResponse = { revisions: [], manifests: [], sourceTypes: [] };
  sources.forEach((source, i) => {
    try {
      if (isRefOnly(source)) {
        out.revisions.push(checkout(host, source, opts.credentialsFor?.(source.repoURL) ?? opts.credentials)[0]);
        out.sourceTypes.push(undefined);
        return;
      }
      const res = generateManifests(host, source, { ...opts, refSources, credentials: opts.credentialsFor?.(source.repoURL) ?? opts.credentials });
      out.revisions.push(res.revision);
      out.sourceTypes.push(res.sourceType);
      out.manifests.push(...res.manifests);
    } catch (e) {
      const err = e instanceof RepoServerError ? e : new RepoServerError('Unknown', e instanceof Error ? e.message : String(e));
      err.source = { index: i + 1, count: sources.length };
      throw err;
    }
  });
  return out;
}
