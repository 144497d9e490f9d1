/**
 * argoproj/argosay (the image Argo's own tests and examples use), as its Go source behaves:
 * `echo [string] [file]`, `cat [file...]`, `sleep duration`, and in v2 also `assert_contains file string`
 * and `exit [code]`. Go's `println` writes to stderr, so `echo` without a file prints to stderr; errors
 * panic (exit 2), `exit N` exits N.
 */
import { normalizePath } from './podFiles.js';
import { finishedPlan, textLines } from './plan.js';
import type { ContainerInput, FileWrite, PlannedLine, ProcessPlan } from './plan.js';

/** Go's time.ParseDuration for the units argosay users write. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) return undefined;
    total += parseFloat(m[1]!) * unit[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? Math.round(total) : undefined;
}

function panicLines(message: string): string[] {
  return [`panic: ${message}`, '', 'goroutine 1 [running]:', 'main.main()', '\t/go/src/github.com/argoproj/argosay/main.go:20 +0x1d0'];
}

export function planArgosay(argv: string[], input: ContainerInput, version: 1 | 2): ProcessPlan {
  const args = argv.slice(1);
  if (args.length === 0) args.push('echo');
  const files = input.files ?? {};
  const writes: FileWrite[] = [];
  const lines: PlannedLine[] = [];
  let stdout = '';
  let elapsed = 0;
  const fail = (message: string, code = 2): ProcessPlan => {
    for (const l of panicLines(message)) lines.push({ offsetMs: elapsed, text: l });
    return finishedPlan(argv, lines, elapsed, code, { stdout, effects: { files: writes } });
  };
  const cwd = input.workingDir || '/';
  const read = (p: string): string | undefined => files[normalizePath(p, cwd)];
  const [cmd, ...rest] = args;
  switch (cmd) {
    case 'echo':
      if (rest.length === 0) lines.push({ offsetMs: 0, text: 'hello argo' });
      else if (rest.length === 1) lines.push(...textLines(rest[0]!, 0));
      else if (rest.length === 2) writes.push({ path: normalizePath(rest[1]!, cwd), content: rest[0]! });
      else return fail('usage: argosay echo [string] [file]');
      break;
    case 'cat':
      for (const f of rest) {
        const content = read(f);
        if (content === undefined) {
          lines.push(...textLines(stdout, 0));
          return fail(`open ${f}: no such file or directory`);
        }
        stdout += content;
      }
      // One stream: a file without a final newline runs into the next one's first line.
      lines.push(...textLines(stdout, 0));
      break;
    case 'sleep': {
      const ms = rest.length === 1 ? parseGoDuration(rest[0]!) : undefined;
      if (rest.length !== 1) return fail('usage: argosay sleep duration');
      if (ms === undefined) return fail(`time: invalid duration "${rest[0]}"`);
      elapsed += ms;
      break;
    }
    case 'assert_contains': {
      if (version < 2) return fail(usage(version));
      if (rest.length !== 2) return fail('usage: assert_contains data string');
      const content = read(rest[0]!);
      if (content === undefined) return fail(`open ${rest[0]}: no such file or directory`);
      if (!content.includes(rest[1]!)) return fail(`expected "${rest[0]}" to contain "${rest[1]}", but was "${content}"`);
      break;
    }
    case 'exit': {
      if (version < 2) return fail(usage(version));
      if (rest.length === 1) {
        const code = /^[+-]?\d+$/.test(rest[0]!) ? parseInt(rest[0]!, 10) : NaN;
        if (Number.isNaN(code)) return fail(`strconv.Atoi: parsing "${rest[0]}": invalid syntax`);
        // os.Exit(code): the kernel keeps the low 8 bits.
        if (code !== 0) return finishedPlan(argv, lines, elapsed, ((code % 256) + 256) % 256, { stdout, effects: { files: writes } });
      }
      break;
    }
    default:
      return fail(usage(version));
  }
  return finishedPlan(argv, lines, elapsed, 0, { stdout, effects: { files: writes } });
}

function usage(version: 1 | 2): string {
  return version === 1
    ? 'usage: argosay [cat [file...]|echo [string] [file]|sleep duration]'
    : 'usage: argosay [assert_contains file string|cat [file...]|echo [string] [file]|sleep duration|exit [code]]';
}
