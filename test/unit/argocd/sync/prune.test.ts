import { describe, expect, it } from 'vitest';
import {
  buildSyncTasks, describeSyncPlan, groupByPhaseAndWave, parseSyncOptionList, resourceSyncOptions, stepExecutionOrder,
} from '../../../../simulator/argocd/sync/index.js';
import type { SyncTask } from '../../../../simulator/argocd/sync/index.js';
import { obj } from './helpers.js';

const cm = (name: string, ann?: Record<string, string>) => obj('v1', 'ConfigMap', name, ann);
const wave = (w: string) => ({ 'argocd.argoproj.io/sync-wave': w });
const show = (ts: SyncTask[]) => ts.map((t) => `${t.wave}:${t.name}${t.isPrune ? '(prune)' : ''}`);

describe('prune tasks', () => {
  it('are created for live objects without a target, in the live object\'s wave, mirrored across prune waves', () => {
    const lives = [cm('p0', wave('0')), cm('p1', wave('1')), cm('p3', wave('3'))];
    const tasks = buildSyncTasks({ targets: [cm('keep', wave('2'))], lives, prune: true });
    // prune waves {0,1,3} reverse to {3,1,0}: what was created last is deleted first
    expect(show(tasks)).toEqual(['0:p3(prune)', '1:p1(prune)', '2:keep', '3:p0(prune)']);
    expect(tasks.find((t) => t.name === 'p0')).toMatchObject({ annotatedWave: 0, waveReason: 'prune-reversed', liveObj: lives[0] });
    expect(tasks.find((t) => t.name === 'p1')?.waveReason).toBeUndefined();
  });

  it('run before the applies of their step', () => {
    const tasks = buildSyncTasks({ targets: [cm('a')], lives: [cm('z')], prune: true });
    const [step] = groupByPhaseAndWave(tasks);
    expect(step.tasks.map((t) => t.name)).toEqual(['a', 'z']);
    const order = stepExecutionOrder(step);
    expect(order.prune.map((t) => t.name)).toEqual(['z']);
    expect(order.applyGroups.map((g) => g.map((t) => t.name))).toEqual([['a']]);
    expect(describeSyncPlan([step])).toEqual(['Sync wave 0: ConfigMap/z (prune), ConfigMap/a']);
  });

  it('PruneLast (app-wide) moves all prunes one wave after the last Sync wave', () => {
    const tasks = buildSyncTasks({ targets: [cm('a', wave('5')), cm('b')], lives: [cm('old', wave('3')), cm('older', wave('-1'))], prune: true, pruneLast: true });
    expect(show(tasks)).toEqual(['0:b', '5:a', '6:old(prune)', '6:older(prune)']);
    // upstream counts the (mirrored) prune waves too when finding the last wave
    const far = buildSyncTasks({ targets: [cm('a', wave('5'))], lives: [cm('old', wave('9')), cm('older', wave('-1'))], prune: true, pruneLast: true });
    expect(show(far)).toEqual(['5:a', '10:old(prune)', '10:older(prune)']);
    expect(tasks[2].waveReason).toBe('prune-last');
  });

  it('PruneLast=true on one live object, and the last wave is at least 1', () => {
    const tasks = buildSyncTasks({ targets: [cm('a', wave('-3'))], lives: [cm('late', { 'argocd.argoproj.io/sync-options': 'PruneLast=true' }), cm('now')], prune: true });
    expect(show(tasks)).toEqual(['-3:a', '0:now(prune)', '1:late(prune)']);
  });

  it('PruneLast counts prune waves after mirroring', () => {
    const tasks = buildSyncTasks({ targets: [], lives: [cm('x', wave('-2')), cm('y', { ...wave('4'), 'argocd.argoproj.io/sync-options': 'PruneLast=true' })], prune: true });
    // mirrored: x → 4, y → -2; last Sync wave is then 4, so y (PruneLast) goes to 5
    expect(show(tasks)).toEqual(['4:x(prune)', '5:y(prune)']);
  });

  it('without prune, or with Prune=false, the task stays but is PruneSkipped', () => {
    const noPrune = buildSyncTasks({ targets: [], lives: [cm('x')] });
    expect(noPrune[0].pruneSkipped).toBe('ignored (requires pruning)');
    const kept = buildSyncTasks({ targets: [], lives: [cm('x', { 'argocd.argoproj.io/sync-options': 'Prune=false' })], prune: true });
    expect(kept[0].pruneSkipped).toBe('ignored (no prune)');
    expect(describeSyncPlan(groupByPhaseAndWave(kept))).toEqual(['Sync wave 0: ConfigMap/x (prune ignored (no prune))']);
    expect(buildSyncTasks({ targets: [], lives: [cm('x')], prune: true })[0].pruneSkipped).toBeUndefined();
  });
});

describe('selective sync', () => {
  const targets = [cm('a'), cm('b'), obj('apps/v1', 'Deployment', 'a'), obj('batch/v1', 'Job', 'h', { 'argocd.argoproj.io/hook': 'PreSync' })];
  const lives = [cm('gone')];

  it('keeps only the selected resources and skips all hooks', () => {
    const tasks = buildSyncTasks({ targets, lives, prune: true, selectedResources: [{ group: 'apps', kind: 'Deployment', name: 'a' }, { group: '', kind: 'ConfigMap', name: 'gone', namespace: 'default' }] });
    expect(show(tasks)).toEqual(['0:gone(prune)', '0:a']);
    expect(tasks.map((t) => t.kind)).toEqual(['ConfigMap', 'Deployment']);
  });

  it('matches group, kind, name and (when given) namespace exactly', () => {
    expect(buildSyncTasks({ targets, lives, selectedResources: [{ group: 'apps', kind: 'ConfigMap', name: 'a' }] })).toEqual([]);
    expect(buildSyncTasks({ targets, lives, selectedResources: [{ group: '', kind: 'ConfigMap', name: 'a', namespace: 'other' }] })).toEqual([]);
    expect(buildSyncTasks({ targets, lives, selectedResources: [{ group: '', kind: 'ConfigMap', name: 'b' }] }).map((t) => t.name)).toEqual(['b']);
  });
});

describe('sync options', () => {
  it('parses the annotation as exact Key=value strings', () => {
    const o = resourceSyncOptions(cm('x', { 'argocd.argoproj.io/sync-options': 'Prune=false,Replace=true, ServerSideApply=true,PruneLast=true,Validate=false,SkipDryRunOnMissingResource=true,Delete=false,prune=false' }));
    expect(o).toEqual({ prune: false, replace: true, serverSideApply: true, pruneLast: true, validate: false, skipDryRunOnMissingResource: true, delete: false, unknown: ['prune=false'] });
  });

  it('parses Application syncOptions lists; later entries win; confirm variants', () => {
    expect(parseSyncOptionList(['CreateNamespace=true', 'ApplyOutOfSyncOnly=true', 'RespectIgnoreDifferences=true', 'Prune=confirm', 'Delete=confirm', 'Force=true']))
      .toEqual({ createNamespace: true, applyOutOfSyncOnly: true, respectIgnoreDifferences: true, prune: 'confirm', delete: 'confirm', force: true });
    expect(parseSyncOptionList(['ServerSideApply=true', 'ServerSideApply=false', ''])).toEqual({ serverSideApply: false });
    expect(resourceSyncOptions(cm('x'))).toEqual({});
  });

  it('SkipDryRunOnMissingResource and a CRD in the same sync skip the dry run for unknown kinds only', () => {
    const crd = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', undefined, '');
    crd.spec = { group: 'example.com', names: { kind: 'Widget' } };
    const widget = obj('example.com/v1', 'Widget', 'w');
    const gadget = obj('example.com/v1', 'Gadget', 'g', { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    const other = obj('example.com/v1', 'Thing', 't');
    const known = (g: string) => g !== 'example.com';
    const tasks = buildSyncTasks({ targets: [crd, widget, gadget, other], lives: [], isKnownKind: known });
    expect(tasks.filter((t) => t.skipDryRun).map((t) => t.kind).sort()).toEqual(['Gadget', 'Widget']);
    expect(buildSyncTasks({ targets: [crd, widget, gadget], lives: [] }).some((t) => t.skipDryRun)).toBe(false);
  });
});
