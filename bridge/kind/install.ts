/**
 * Installs Argo CD and Argo Workflows from their pinned release manifests the way their docs say
 * (`kubectl create namespace X; kubectl apply -n X -f install.yaml`, server-side here because Argo CD's
 * CRDs are too large for the last-applied annotation), then waits until their Deployments are Available.
 */
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../backend.js';
import type { RealClusterBackend } from '../realCluster/index.js';
import { COMPONENTS, executorRbac } from './versions.js';
import type { Component } from './versions.js';

export interface InstallOptions {
  components?: Component[];
  /** Reads a manifest URL (default: fetch). Tests serve their own manifests. */
  fetchText?: (url: string) => Promise<string>;
  log?: (line: string) => void;
  /** Wall-clock ms to wait for CRDs and Deployments (default 10 minutes). */
  timeoutMs?: number;
  pollMs?: number;
  /** Namespaces (besides each component's) where workflows may run: the executor gets its RBAC there. */
  workflowNamespaces?: string[];
}

async function defaultFetch(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`downloading ${url}: HTTP ${res.status}`);
  return res.text();
}

export function parseManifest(text: string): KubeObject[] {
  const docs = loadAll(text) as unknown[];
  const out: KubeObject[] = [];
  for (const d of docs) {
    if (!d || typeof d !== 'object') continue;
    const o = d as KubeObject & { items?: KubeObject[] };
    if (o.kind === 'List' && Array.isArray(o.items)) out.push(...o.items);
    else if (o.kind && o.apiVersion) out.push(o);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function condition(obj: KubeObject | undefined, type: string): string | undefined {
  const conds = (obj?.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conds.find((c) => c.type === type)?.status;
}

async function waitFor(what: string, check: () => Promise<boolean>, opts: { timeoutMs: number; pollMs: number }): Promise<void> {
  const end = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${Math.round(opts.timeoutMs / 1000)}s waiting for ${what}`);
    await sleep(opts.pollMs);
  }
}

export async function installComponent(backend: RealClusterBackend, c: Component, opts: InstallOptions = {}): Promise<void> {
  const log = opts.log ?? (() => undefined);
  const wait = { timeoutMs: opts.timeoutMs ?? 600_000, pollMs: opts.pollMs ?? 2_000 };
  log(`Installing ${c.name} ${c.version} into namespace ${c.namespace} (${c.url})…`);
  const objects = parseManifest(await (opts.fetchText ?? defaultFetch)(c.url));
  await backend.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: c.namespace } });
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
  for (const crd of crds) await backend.apply(crd, { force: true });
  await waitFor(`${c.name}'s CustomResourceDefinitions to be Established`, async () => {
    for (const crd of crds) {
      const live = await backend.get({ apiVersion: crd.apiVersion, kind: crd.kind, name: crd.metadata.name ?? '' });
      if (condition(live, 'Established') !== 'True') return false;
    }
    return true;
  }, wait);
  for (const o of objects) {
    if (o.kind === 'CustomResourceDefinition') continue;
    if (!o.metadata.namespace && (await backend.isNamespaced(o.apiVersion, o.kind))) o.metadata.namespace = c.namespace;
    await backend.apply(o, { force: true });
  }
  log(`Waiting for ${c.name}'s Deployments to be Available…`);
  await waitFor(`${c.name}'s Deployments (${c.deployments.join(', ')}) to be Available`, async () => {
    const { items } = await backend.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: c.namespace });
    return c.deployments.every((name) => condition(items.find((d) => d.metadata.name === name), 'Available') === 'True');
  }, wait);
  log(`${c.name} is ready.`);
}

/** Argo CD, then Argo Workflows (plus the executor's RBAC where workflows run). */
export async function installArgo(backend: RealClusterBackend, opts: InstallOptions = {}): Promise<void> {
  const components = opts.components ?? COMPONENTS;
  for (const c of components) await installComponent(backend, c, opts);
  const wfNamespaces = new Set([...(opts.workflowNamespaces ?? ['default']), ...components.filter((c) => /workflows/i.test(c.name)).map((c) => c.namespace)]);
  for (const ns of wfNamespaces) for (const o of executorRbac(ns)) await backend.apply(o as KubeObject, { force: true });
}
