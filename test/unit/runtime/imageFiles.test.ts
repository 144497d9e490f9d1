import { describe, expect, it } from 'vitest';
import { imageFiles } from '../../../simulator/runtime/imageFiles.js';
import { runWorkflow } from '../workflows/operator/helpers.js';

describe("an image's own files", () => {
  it('/etc/os-release follows the distribution and tag; busybox has none; unknown images have no files', () => {
    expect(imageFiles('debian:9.1')['/etc/os-release']).toContain('PRETTY_NAME="Debian GNU/Linux 9 (stretch)"');
    expect(imageFiles('docker.io/library/ubuntu:17.10')['/etc/os-release']).toContain('VERSION_CODENAME="artful"');
    expect(imageFiles('alpine:3.6')['/etc/os-release']).toContain('VERSION_ID=3.6.0');
    expect(imageFiles('python:alpine3.19')['/etc/os-release']).toContain('ID=alpine');
    expect(Object.keys(imageFiles('busybox'))).toEqual(['/etc/group', '/etc/passwd']);
    expect(imageFiles('ghcr.io/acme/app:1.0')).toEqual({});
  });

  it('a container reads them, and /etc can be saved as an output artifact and passed on', async () => {
    const { status, sb, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: etc}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: release, template: release}
    - - name: list
        template: list
        arguments: {artifacts: [{name: etc, from: "{{steps.release.outputs.artifacts.etc}}"}]}
  - name: release
    container: {image: "debian:9.1", command: [cat], args: [/etc/os-release]}
    outputs:
      artifacts: [{name: etc, path: /etc, archive: {none: {}}}]
  - name: list
    inputs: {artifacts: [{name: etc, path: /tmp/etc}]}
    container: {image: busybox, command: [sh, -c], args: ["grep PRETTY /tmp/etc/os-release"]}
`);
    expect(status.phase).toBe('Succeeded');
    const logsOf = (display: string) => {
      const node = byName(`etc[${display === 'release' ? 0 : 1}].${display}`);
      const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-id'] === node.id || p.metadata.annotations?.['workflows.argoproj.io/node-name'] === node.name);
      return sb.podLogs.read('default', pod!.metadata.name, 'main').map((l) => l.text);
    };
    expect(logsOf('release')).toContain('PRETTY_NAME="Debian GNU/Linux 9 (stretch)"');
    expect(logsOf('list')).toEqual(['PRETTY_NAME="Debian GNU/Linux 9 (stretch)"']);
  });
});
