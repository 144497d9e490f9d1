/** Resource URLs → kind, namespace, name and subresource. */
import type { KindInfo, KindRegistry } from '../cluster/kinds.js';
import { ApiError } from '../core/errors.js';

export interface ResourceRoute {
  info: KindInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * `/api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]]` and `/apis/GROUP/VERSION/...`. Returns undefined for
 * paths that are not resource paths (discovery is handled elsewhere).
 */
export function parseResourcePath(path: string, kinds: KindRegistry): ResourceRoute | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  // `namespaces/NS/RESOURCE…` is namespaced; `namespaces/NS[/status|finalize]` is the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  if (!plural || extra.length > 0) return undefined;
  const info = kinds.byPlural(group, version, plural);
  if (!info) {
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  return { info, namespace: info.namespaced ? namespace : undefined, name, subresource };
}
