import { describe, expect, it } from 'vitest';
import { runVerifyPy } from './verifyPy.js';
import { causeOf } from './harness.js';

const status = {
  phase: 'Succeeded',
  progress: '2/2',
  nodes: {
    'w-1': { displayName: 'a', phase: 'Succeeded', outputs: { parameters: [{ name: 'p', value: 'hello' }] } },
    'w-2': { displayName: 'b', phase: 'Skipped', message: "when 'false' evaluated false" },
  },
};

describe('verify.py interpreter', () => {
  it('runs the assertions upstream examples use', () => {
    expect(runVerifyPy('assert status["phase"] == "Succeeded"\n', status)).toBeUndefined();
    expect(
      runVerifyPy(
        `# node checks
assert status["progress"] == "2/2"
assert len(status["nodes"]) == 2
assert status["nodes"]["w-1"]["outputs"]["parameters"][0]["value"] == 'hello'
assert "evaluated false" in status["nodes"]["w-2"]["message"] and not status.get("message")
assert status.get("missing", "x") == "x", "default"`,
        status,
      ),
    ).toBeUndefined();
  });

  it('reports the first failing assertion with its message', () => {
    expect(runVerifyPy('assert status["phase"] == "Failed"', status)).toBe('AssertionError: assert status["phase"] == "Failed"');
    expect(runVerifyPy('assert len(status["nodes"]) > 5, "too few nodes"', status)).toBe('AssertionError: too few nodes');
  });

  it('rejects what it cannot run instead of passing it', () => {
    expect(() => runVerifyPy('import json', status)).toThrow('unsupported verify.py statement: import json');
    expect(() => runVerifyPy('assert workflow["x"]', status)).toThrow("NameError: name 'workflow' is not defined");
    expect(() => runVerifyPy('assert status["nope"]', status)).toThrow("KeyError: 'nope'");
  });

  it('groups failures by cause', () => {
    expect(causeOf('Failed', 'phase Failed: invalid spec: templates.main x')).toBe('lint/validation rejects the spec');
    expect(causeOf('Running', 'phase Running')).toBe('did not finish in the virtual time limit');
    expect(causeOf('Failed', 'phase Failed [main: Error (exit code 1)]')).toBe('container exited non-zero (runtime)');
  });
});
