import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import type { StoredObject } from '../../../../simulator/cluster/types.js';
import { runWorkflow } from '../operator/helpers.js';

type PodSpec = { volumes: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: object }[] };

describe('workflow volumes', () => {
  it('volumeClaimTemplates: one PVC <wf>-<claim> owned by the workflow, mounted into every pod that uses it', async () => {
    const sandbox = createSandbox({ seed: 7 });
    const created: StoredObject[] = [];
    sandbox.store.watch((e) => void (e.type === 'ADDED' && created.push(e.object)), { group: '', kind: 'PersistentVolumeClaim' });
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: vpvc}
spec:
  entrypoint: main
  volumeClaimTemplates:
  - metadata: {name: workdir}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  templates:
  - name: main
    steps:
    - - {name: write, template: write}
    - - {name: read, template: read}
  - name: write
    container: {image: busybox, command: [sh, -c], args: ["echo hello > /mnt/vol/f.txt"], volumeMounts: [{name: workdir, mountPath: /mnt/vol}]}
  - name: read
    container: {image: alpine:3.20, command: [sh, -c], args: ["cat /mnt/vol/f.txt"], volumeMounts: [{name: workdir, mountPath: /mnt/vol}]}
`, { sandbox });
    expect(status.phase).toBe('Succeeded');
    expect(byName('vpvc[1].read').phase).toBe('Succeeded');
    const wf = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'vpvc' })!;
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      const vol = (p.spec as PodSpec).volumes.find((v) => v.name === 'workdir');
      expect(vol?.persistentVolumeClaim?.claimName).toBe('vpvc-workdir');
    }
    const logs = sb.podLogs.read('default', pods.find((p) => p.metadata.name.includes('read'))!.metadata.name, 'main');
    expect(logs.map((l) => l.text)).toContain('hello');
    // Created once, with the workflow as controller owner.
    expect(created.map((p) => p.metadata.name)).toEqual(['vpvc-workdir']);
    expect(created[0]!.metadata.labels?.['workflows.argoproj.io/workflow']).toBe('vpvc');
    expect(created[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Workflow', name: 'vpvc', uid: wf.metadata.uid, controller: true });
    // volumeClaimGC OnWorkflowCompletion (default): gone once the workflow completed, and off the status.
    expect(sb.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'vpvc-workdir' })).toBeUndefined();
    expect(status.persistentVolumeClaims).toBeUndefined();
  });

  it('volumeClaimGC OnWorkflowSuccess keeps the claim of a failed workflow (listed in status) for a retry', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: vkeep}
spec:
  entrypoint: main
  volumeClaimGC: {strategy: OnWorkflowSuccess}
  volumeClaimTemplates: [{metadata: {name: w}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
  templates:
  - name: main
    container: {image: busybox, command: [sh, -c], args: ["exit 1"], volumeMounts: [{name: w, mountPath: /w}]}
`);
    expect(status.phase).toBe('Failed');
    expect(status.persistentVolumeClaims).toEqual([{ name: 'w', persistentVolumeClaim: { claimName: 'vkeep-w' } }]);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'vkeep-w' })).toBeDefined();
  });

  it('a pod gets the template volumes and only the workflow volumes its containers mount', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: vsel}
spec:
  entrypoint: main
  volumes:
  - {name: used, emptyDir: {}}
  - {name: unused, emptyDir: {}}
  templates:
  - name: main
    volumes: [{name: own, emptyDir: {}}]
    container: {image: busybox, command: [sh, -c], args: ["echo ok > /a/x"], volumeMounts: [{name: used, mountPath: /a}]}
`);
    expect(status.phase).toBe('Succeeded');
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })[0]!;
    expect((pod.spec as PodSpec).volumes.map((v) => v.name)).toEqual(['var-run-argo', 'tmp-dir-argo', 'own', 'used']);
  });

  it('a mount of an unknown volume errors the node like addVolumeReferences', async () => {
    const { byName, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: vbad}
spec:
  entrypoint: main
  templates:
  - name: main
    container: {image: busybox, command: [echo, hi], volumeMounts: [{name: nope, mountPath: /a}]}
`);
    expect(status.phase).toBe('Error');
    expect(byName('vbad').message).toBe("volume 'nope' not found in workflow spec");
  });
});

describe('volumeClaimTemplates in a containerSet pod', () => {
  it('the claim exists before the first pod whatever its template type', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: vcs}
spec:
  entrypoint: main
  volumeClaimTemplates: [{metadata: {name: w}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
  templates:
  - name: main
    containerSet:
      volumeMounts: [{name: w, mountPath: /w}]
      containers:
      - {name: main, image: alpine:3.20, command: [sh, -c], args: ["echo x > /w/f"]}
`);
    expect(status.phase).toBe('Succeeded');
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })[0]!;
    expect((pod.spec as PodSpec).volumes.find((v) => v.name === 'w')?.persistentVolumeClaim?.claimName).toBe('vcs-w');
  });
});
