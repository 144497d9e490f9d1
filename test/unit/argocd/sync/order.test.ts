import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  KIND_ORDER_LIST, buildSyncTasks, describeSyncPlan, groupByPhaseAndWave, isMultiStep, kindOrder, sortSyncTasks,
} from '../../../../simulator/argocd/sync/index.js';
import type { SyncTask } from '../../../../simulator/argocd/sync/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { obj } from './helpers.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const read = (f: string) => readFileSync(`${dir}${f}`, 'utf8');
const ref = (t: SyncTask) => `${t.kind}/${t.name || t.generateName}`;

describe('kind order table', () => {
  it('follows Helm install order with negative values, unknown kinds and CRs last at 0', () => {
    const chain = ['Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'ServiceAccount', 'Secret', 'ConfigMap',
      'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'RoleBinding', 'Service', 'DaemonSet', 'Pod',
      'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService'];
    for (let i = 1; i < chain.length; i++) expect(kindOrder(chain[i - 1])).toBeLessThan(kindOrder(chain[i]));
    expect(KIND_ORDER_LIST).toHaveLength(35);
    expect(kindOrder('Namespace')).toBe(-35);
    expect(kindOrder('APIService')).toBe(-1);
    expect(kindOrder('Widget')).toBe(0);
    expect(kindOrder('Application')).toBe(0);
  });

  it('sorts unknown kinds after known ones, then by name', () => {
    const tasks = buildSyncTasks({
      targets: [obj('example.com/v1', 'Widget', 'a'), obj('v1', 'Service', 'z'), obj('argoproj.io/v1alpha1', 'Application', 'b'), obj('v1', 'Namespace', 'm', undefined, '')],
      lives: [],
    });
    expect(tasks.map(ref)).toEqual(['Namespace/m', 'Service/z', 'Widget/a', 'Application/b']);
  });
});

describe('mixed fixture: phase → wave → kind → name', () => {
  const targets = (loadAll(read('mixed.input.yaml')) as KubeObject[]).filter(Boolean);
  const expected = load(read('mixed.output.yaml')) as { phase: string; wave: number; tasks: string[] }[];
  const before = JSON.stringify(targets);
  const tasks = buildSyncTasks({ targets, lives: [] });

  it('groups into the steps gitops-engine runs', () => {
    const steps = groupByPhaseAndWave(tasks).map((s) => ({ phase: s.phase, wave: s.wave, tasks: s.tasks.map(ref) }));
    expect(steps).toEqual(expected);
    expect(isMultiStep(tasks)).toBe(true);
    expect(JSON.stringify(targets)).toBe(before);
  });

  it('records why a task left its annotated wave', () => {
    const ns = tasks.find((t) => t.kind === 'Namespace');
    expect(ns).toMatchObject({ phase: 'PreSync', wave: -5, annotatedWave: 0, waveReason: 'namespace-dependency', isHook: false });
    const crd = tasks.find((t) => t.kind === 'CustomResourceDefinition');
    expect(crd).toMatchObject({ phase: 'Sync', wave: 0, annotatedWave: 1, waveReason: 'crd-dependency' });
    const seed = tasks.find((t) => t.generateName === 'seed-');
    expect(seed).toMatchObject({ name: '', isHook: true, hookType: 'PreSync', deletePolicies: ['BeforeHookCreation'] });
  });

  it('describes the plan for learners', () => {
    const lines = describeSyncPlan(groupByPhaseAndWave(tasks));
    expect(lines[1]).toBe('PreSync wave -1: Job/db-migrate (hook, delete policy HookSucceeded)');
    expect(lines[2]).toBe('PreSync wave 0: Job/seed-<generated> (hook, delete policy BeforeHookCreation)');
    expect(lines[0]).toContain('Namespace/shop (moved before the resources in this namespace; annotated wave 0)');
    expect(lines[8]).toBe('SyncFail wave 0 (only if the sync fails): Pod/notify (hook, delete policy BeforeHookCreation)');
  });

  it('sorting is independent of input order', () => {
    const reversed = buildSyncTasks({ targets: [...targets].reverse(), lives: [] });
    expect(reversed.map((t) => `${t.phase}/${t.wave}/${ref(t)}`)).toEqual(tasks.map((t) => `${t.phase}/${t.wave}/${ref(t)}`));
    // sortSyncTasks returns copies: adjusting waves of the result leaves the input alone
    const input = [...tasks].reverse();
    const snapshot = JSON.stringify(input);
    sortSyncTasks(input);
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});

describe('plain apps', () => {
  it('a single wave of plain resources is one step and not multi-step', () => {
    const tasks = buildSyncTasks({ targets: [obj('apps/v1', 'Deployment', 'a'), obj('v1', 'ConfigMap', 'b')], lives: [] });
    expect(groupByPhaseAndWave(tasks)).toHaveLength(1);
    expect(isMultiStep(tasks)).toBe(false);
    expect(tasks.map(ref)).toEqual(['ConfigMap/b', 'Deployment/a']);
  });

  it('gives namespaced targets without a namespace the destination namespace, not cluster-scoped ones', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dest' } };
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const tasks = buildSyncTasks({ targets: [cm, ns], lives: [], namespace: 'dest', isClusterScoped: (_g, k) => k === 'Namespace' });
    expect(tasks.map((t) => `${t.kind}:${t.namespace}`)).toEqual(['Namespace:', 'ConfigMap:dest']);
  });
});
