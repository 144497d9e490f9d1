import { describe, expect, it } from 'vitest';
import {
  buildSyncTasks, deletePolicies, hookTypes, isHook, isPostDeleteHook, isSkip, syncPhases, syncWave,
} from '../../../../simulator/argocd/sync/index.js';
import { obj } from './helpers.js';

const job = (ann?: Record<string, string>) => obj('batch/v1', 'Job', 'j', ann);

describe('hook annotations', () => {
  it('reads comma lists with spaces, ignores unknown and duplicate values', () => {
    expect(hookTypes(job({ 'argocd.argoproj.io/hook': ' PreSync ,PostSync,Bogus,PreSync' }))).toEqual(['PreSync', 'PostSync']);
    expect(syncPhases(job({ 'argocd.argoproj.io/hook': 'PreSync,PostSync' }))).toEqual(['PreSync', 'PostSync']);
    const tasks = buildSyncTasks({ targets: [job({ 'argocd.argoproj.io/hook': 'PreSync,Sync,PostSync,SyncFail' })], lives: [] });
    expect(tasks.map((t) => `${t.phase}:${t.hookType}`)).toEqual(['PreSync:PreSync', 'Sync:Sync', 'PostSync:PostSync', 'SyncFail:SyncFail']);
  });

  it('Skip alone drops the object; Skip with another type is still that hook', () => {
    const skip = job({ 'argocd.argoproj.io/hook': 'Skip' });
    expect(isSkip(skip)).toBe(true);
    expect(isHook(skip)).toBe(false);
    expect(syncPhases(skip)).toEqual([]);
    const both = job({ 'argocd.argoproj.io/hook': 'PreSync,Skip' });
    expect(isSkip(both)).toBe(false);
    expect(syncPhases(both)).toEqual(['PreSync']);
    expect(buildSyncTasks({ targets: [skip], lives: [skip] })).toEqual([]);
  });

  it('an annotation with no valid type is a hook in no phase (never applied as a resource)', () => {
    const odd = job({ 'argocd.argoproj.io/hook': 'Nope' });
    expect(isHook(odd)).toBe(true);
    expect(buildSyncTasks({ targets: [odd], lives: [] })).toEqual([]);
  });

  it('PostDelete hooks are not sync tasks', () => {
    const pd = job({ 'argocd.argoproj.io/hook': 'PostDelete' });
    expect(isPostDeleteHook(pd)).toBe(true);
    expect(isHook(pd)).toBe(true);
    expect(buildSyncTasks({ targets: [pd], lives: [] })).toEqual([]);
  });

  it('maps Helm hooks: pre-install/pre-upgrade → PreSync, post-* → PostSync, others ignored, crd-install is no hook', () => {
    expect(hookTypes(job({ 'helm.sh/hook': 'pre-install, pre-upgrade' }))).toEqual(['PreSync']);
    expect(hookTypes(job({ 'helm.sh/hook': 'post-install,post-upgrade' }))).toEqual(['PostSync']);
    expect(hookTypes(job({ 'helm.sh/hook': 'test' }))).toEqual([]);
    expect(isHook(job({ 'helm.sh/hook': 'crd-install' }))).toBe(false);
    expect(buildSyncTasks({ targets: [job({ 'helm.sh/hook': 'crd-install' })], lives: [] }).map((t) => t.phase)).toEqual(['Sync']);
    // the Argo CD annotation wins when it names a valid type
    expect(hookTypes(job({ 'argocd.argoproj.io/hook': 'Sync', 'helm.sh/hook': 'pre-install' }))).toEqual(['Sync']);
    expect(syncWave(job({ 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '-3' }))).toBe(-3);
  });
});

describe('hook delete policies', () => {
  it('defaults to BeforeHookCreation and combines Argo CD and Helm policies', () => {
    expect(deletePolicies(job({ 'argocd.argoproj.io/hook': 'PreSync' }))).toEqual(['BeforeHookCreation']);
    expect(deletePolicies(job({ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }))).toEqual(['HookSucceeded', 'HookFailed']);
    expect(deletePolicies(job({ 'argocd.argoproj.io/hook-delete-policy': 'Whenever' }))).toEqual(['BeforeHookCreation']);
    expect(deletePolicies(job({ 'helm.sh/hook-delete-policy': 'hook-failed,before-hook-creation' }))).toEqual(['HookFailed', 'BeforeHookCreation']);
  });

  it('only hooks carry delete policies in their task', () => {
    const tasks = buildSyncTasks({ targets: [job(), { ...job({ 'argocd.argoproj.io/hook': 'Sync' }), metadata: { name: 'h', namespace: 'default', annotations: { 'argocd.argoproj.io/hook': 'Sync' } } }], lives: [] });
    expect(tasks.map((t) => `${t.name}:${t.isHook}:${t.deletePolicies.join('|')}`)).toEqual(['h:true:BeforeHookCreation', 'j:false:']);
  });
});

describe('sync waves', () => {
  it('parses integers like Go strconv.Atoi; anything else is wave 0 (or the Helm weight)', () => {
    const w = (v: string) => syncWave(job({ 'argocd.argoproj.io/sync-wave': v }));
    expect(w('-1')).toBe(-1);
    expect(w('+3')).toBe(3);
    expect(w('10')).toBe(10);
    expect(w('1.5')).toBe(0);
    expect(w(' 2')).toBe(0);
    expect(w('abc')).toBe(0);
    expect(syncWave(job())).toBe(0);
    expect(syncWave(job({ 'argocd.argoproj.io/sync-wave': 'x', 'helm.sh/hook-weight': '4' }))).toBe(4);
    expect(syncWave(job({ 'argocd.argoproj.io/sync-wave': '1', 'helm.sh/hook-weight': '4' }))).toBe(1);
  });
});

describe('hooks come from targets only', () => {
  it('a live hook without a target is neither pruned nor run; a live copy is attached for BeforeHookCreation', () => {
    const hook = job({ 'argocd.argoproj.io/hook': 'PreSync' });
    const oldHook = obj('batch/v1', 'Job', 'old', { 'argocd.argoproj.io/hook': 'PostSync' });
    const tasks = buildSyncTasks({ targets: [hook], lives: [hook, oldHook], prune: true });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ name: 'j', phase: 'PreSync', isPrune: false, isHook: true });
    expect(tasks[0].liveObj).toBe(hook);
  });

  it('a target that is no longer a hook syncs as a resource even if its live copy was one', () => {
    const live = obj('v1', 'ConfigMap', 'c', { 'argocd.argoproj.io/hook': 'PreSync' });
    const tasks = buildSyncTasks({ targets: [obj('v1', 'ConfigMap', 'c')], lives: [live] });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ phase: 'Sync', isHook: false, isPrune: false, liveObj: live });
  });

  it('skipHooks (apply strategy) drops every hook', () => {
    const tasks = buildSyncTasks({ targets: [job({ 'argocd.argoproj.io/hook': 'PreSync' }), obj('v1', 'ConfigMap', 'c')], lives: [], skipHooks: true });
    expect(tasks.map((t) => t.kind)).toEqual(['ConfigMap']);
  });
});
