/** The kinds the API server serves: group/version/kind ⇄ resource (plural), scope, short names. */
import { ApiError } from '../core/errors.js';
import { groupOf, versionOf } from './types.js';

export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  /** Resource name used in URLs: `deployments`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Whether `metadata.generation` tracks spec changes (true for kinds with a spec). */
  generation: boolean;
  /** Whether writes to `status` go through the status subresource only. */
  statusSubresource: boolean;
  /** Name rule: most kinds use an RFC 1123 subdomain; Namespace and Service use an RFC 1123 label. */
  nameRule: 'subdomain' | 'label' | 'path-segment';
  /** Registered from a CustomResourceDefinition (carries its schema elsewhere). */
  fromCrd?: boolean;
}

export function apiVersionOf(info: Pick<KindInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `deployments.apps`, `pods`: how the API server names a resource in messages. */
export function qualifiedResource(info: Pick<KindInfo, 'group' | 'plural'>): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export class KindRegistry {
  private byGvk = new Map<string, KindInfo>();
  private byResource = new Map<string, KindInfo>();
  private listeners = new Set<(info: KindInfo, change: 'added' | 'removed') => void>();

  register(info: KindInfo): void {
    this.byGvk.set(`${info.group}/${info.version}/${info.kind}`, info);
    this.byResource.set(`${info.group}/${info.version}/${info.plural}`, info);
    for (const l of this.listeners) l(info, 'added');
  }

  unregister(info: KindInfo): void {
    this.byGvk.delete(`${info.group}/${info.version}/${info.kind}`);
    this.byResource.delete(`${info.group}/${info.version}/${info.plural}`);
    for (const l of this.listeners) l(info, 'removed');
  }

  onChange(listener: (info: KindInfo, change: 'added' | 'removed') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  find(apiVersion: string, kind: string): KindInfo | undefined {
    return this.byGvk.get(`${groupOf(apiVersion)}/${versionOf(apiVersion)}/${kind}`);
  }

  /** Like `find`, but throws the API server's "no matches for kind" error. */
  resolve(apiVersion: string, kind: string): KindInfo {
    const info = this.find(apiVersion, kind);
    if (!info) throw new ApiError('NotFound', `no matches for kind "${kind}" in version "${apiVersion}"`, { kind });
    return info;
  }

  /** Find by kind name alone within a group, any version (used where only group+kind are known). */
  findByGroupKind(group: string, kind: string): KindInfo | undefined {
    for (const info of this.byGvk.values()) if (info.group === group && info.kind === kind) return info;
    return undefined;
  }

  byPlural(group: string, version: string, plural: string): KindInfo | undefined {
    return this.byResource.get(`${group}/${version}/${plural}`);
  }

  /** Resolve what a user typed (`po`, `pods`, `deploy`, `deployment.apps`, `Deployment`) like kubectl does. */
  lookupResource(name: string): KindInfo | undefined {
    const lower = name.toLowerCase();
    const dot = lower.indexOf('.');
    const base = dot < 0 ? lower : lower.slice(0, dot);
    const group = dot < 0 ? undefined : lower.slice(dot + 1);
    for (const info of this.byGvk.values()) {
      if (group !== undefined && info.group !== group) continue;
      if (
        info.plural === base ||
        info.singular === base ||
        info.kind.toLowerCase() === base ||
        (info.shortNames ?? []).includes(base)
      ) {
        return info;
      }
    }
    return undefined;
  }

  all(): KindInfo[] {
    return [...this.byGvk.values()];
  }
}
