import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../simulator/manifest/index.js';
import { relaxFlowIndentation } from '../../../simulator/manifest/flowIndent.js';

const multiLineArgs = `apiVersion: v1
kind: Pod
metadata:
  name: build
spec:
  containers:
    - name: main
      image: golang
      args: ["
        cd /go/src/app &&
        go build -v .
      "]
      env: [{name: A, value: "x"}]
`;

describe('flow context indentation (libyaml leniency)', () => {
  it('reads a multi-line quoted scalar in a flow sequence closed at the key indentation, like go-yaml', () => {
    const { manifests, errors } = parseManifests(multiLineArgs, 'pod.yaml');
    expect(errors).toEqual([]);
    const c = (manifests[0]!.object.spec as { containers: { args: string[]; env: unknown[] }[] }).containers[0]!;
    expect(c.args).toEqual([' cd /go/src/app && go build -v . ']);
    expect(c.env).toEqual([{ name: 'A', value: 'x' }]);
  });

  it('only re-indents continuation lines of an open flow context; plain scalars with quotes or brackets are left alone', () => {
    const text = `a: don't [x]\nb: ["\n  one\n"]\nc: 1\n`;
    expect(relaxFlowIndentation(text)).toBe(`a: don't [x]\nb: ["\n  one\n "]\nc: 1\n`);
  });

  it('still reports real indentation errors at their line', () => {
    const { errors } = parseManifests('a:\n  b: 1\n c: 2\n', 'bad.yaml');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(3);
  });
});
