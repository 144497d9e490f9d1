import { describe, expect, it } from 'vitest';
import { cowsay, preparePlan } from '../../../simulator/runtime/index.js';
import type { ContainerInput, ProcessPlan } from '../../../simulator/runtime/index.js';

const T0 = Date.UTC(2025, 0, 1);

function plan(input: Partial<ContainerInput> & { image: string }): ProcessPlan {
  const r = preparePlan({ startTime: T0, ...input });
  if (!('plan' in r)) throw new Error('expected a synchronous plan');
  return r.plan;
}

const say = (args: string[], files: Record<string, string> = {}, image = 'argoproj/argosay:v2') => plan({ image, args, files });
const text = (p: ProcessPlan) => p.lines.map((l) => l.text);

describe('argoproj/argosay', () => {
  it('echo: no args says hello argo; one arg prints it; two args write the file', () => {
    expect(text(say([]))).toEqual(['hello argo']);
    expect(text(say(['echo', 'hi there']))).toEqual(['hi there']);
    const w = say(['echo', 'value', '/tmp/out/param.txt']);
    expect(w.lines).toEqual([]);
    expect(w.effects?.files).toEqual([{ path: '/tmp/out/param.txt', content: 'value' }]);
    // Go's println goes to stderr: nothing for outputs.result.
    expect(say(['echo', 'x']).stdout).toBe('');
  });

  it('cat prints files to stdout; a missing file panics with exit 2', () => {
    const ok = say(['cat', '/a', '/b'], { '/a': 'one\n', '/b': 'two' });
    expect(ok.stdout).toBe('one\ntwo');
    expect(ok.exitCode).toBe(0);
    const missing = say(['cat', '/nope']);
    expect(missing.exitCode).toBe(2);
    expect(text(missing)[0]).toBe('panic: open /nope: no such file or directory');
  });

  it('sleep takes Go durations; exit N exits N; assert_contains compares file content', () => {
    expect(say(['sleep', '1m30s']).durationMs).toBe(90_000);
    expect(say(['sleep', '250ms']).durationMs).toBe(250);
    expect(text(say(['sleep', 'soon']))[0]).toBe('panic: time: invalid duration "soon"');
    expect(say(['exit', '3']).exitCode).toBe(3);
    expect(say(['exit', '0']).exitCode).toBe(0);
    expect(say(['assert_contains', '/f', 'needle'], { '/f': 'haystack with needle' }).exitCode).toBe(0);
    const miss = say(['assert_contains', '/f', 'pin'], { '/f': 'hay' });
    expect(miss.exitCode).toBe(2);
    expect(text(miss)[0]).toBe('panic: expected "/f" to contain "pin", but was "hay"');
  });

  it('v1 knows only cat, echo and sleep', () => {
    const p = say(['exit', '1'], {}, 'argoproj/argosay:v1');
    expect(p.exitCode).toBe(2);
    expect(text(p)[0]).toBe('panic: usage: argosay [cat [file...]|echo [string] [file]|sleep duration]');
  });
});

describe('docker/whalesay cowsay', () => {
  it('draws the balloon and the whale', () => {
    const p = plan({ image: 'docker/whalesay', command: ['cowsay'], args: ['hello world'] });
    expect(text(p).slice(0, 6)).toEqual([' _____________ ', '< hello world >', ' ------------- ', '    \\', '     \\', '      \\     ']);
    expect(text(p)).toHaveLength(14);
    expect(text(p).at(-1)).toBe('          \\____\\______/   ');
    expect(p.stdout).toBe(text(p).join('\n') + '\n');
  });

  it('wraps long messages at 40 columns with / | \\ borders', () => {
    const lines = cowsay('the quick brown fox jumps over the lazy dog and keeps on running far away');
    expect(lines.slice(0, 4)).toEqual([
      ' _________________________________________ ',
      '/ the quick brown fox jumps over the lazy \\',
      '\\ dog and keeps on running far away       /',
      ' ----------------------------------------- ',
    ]);
    expect(cowsay('one\ntwo\nthree').slice(1, 4)).toEqual(['/ one   \\', '| two   |', '\\ three /']);
  });
});
