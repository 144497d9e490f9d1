import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../operator/helpers.js';

type Ctr = { name: string; command?: string[]; env?: { name: string; value?: string }[]; volumeMounts?: { name: string; mountPath: string }[]; mirrorVolumeMounts?: boolean };

describe('sidecars', () => {
  it('are user containers of the pod (emissary-wrapped, mirrored mounts) and are stopped once main is done', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: sc}
spec:
  entrypoint: main
  volumes: [{name: work, emptyDir: {}}]
  templates:
  - name: main
    container: {image: alpine:3.20, command: [sh, -c], args: ["echo main done"], volumeMounts: [{name: work, mountPath: /work}]}
    sidecars:
    - {name: server, image: alpine:3.20, command: [sh, -c], args: ["sleep 3600"], mirrorVolumeMounts: true}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('sc').phase).toBe('Succeeded');
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })[0]!;
    const ctrs = (pod.spec as { containers: Ctr[] }).containers;
    expect(ctrs.map((c) => c.name)).toEqual(['wait', 'main', 'server']);
    const server = ctrs[2]!;
    expect(server.mirrorVolumeMounts).toBeUndefined();
    expect(server.command).toEqual(['/var/run/argo/argoexec', 'emissary', '--loglevel', 'info', '--log-format', 'text', '--', 'sh', '-c']);
    expect(server.volumeMounts?.map((m) => m.mountPath)).toEqual(['/work', '/var/run/argo']);
    expect(server.env?.find((e) => e.name === 'ARGO_CONTAINER_NAME')?.value).toBe('server');
    // The sidecar did not run its hour: it was stopped when main finished.
    const st = (pod.status as { containerStatuses: { name: string; state: { terminated?: { exitCode: number } } }[] }).containerStatuses;
    expect(st.find((c) => c.name === 'server')?.state.terminated).toBeDefined();
    expect(Date.parse(status.finishedAt!) - Date.parse(status.startedAt!)).toBeLessThan(600_000);
  });
});
