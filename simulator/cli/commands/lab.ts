/**
 * `argo-sandbox lab list` and `lab check LAB [--solve] [--step N]`: load labs from disk, build a lab's
 * world, optionally apply its reference solution up to a step, and print every check ✔/✘ with its
 * reason. Exit 0 when every printed check holds, 1 when one fails, 2 on an invalid lab or arguments.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatLocated } from '../../core/errors.js';
import { cleanPath, evaluateChecks, LabSession, loadLab, loadLabs, WorldError } from '../../labs/index.js';
import type { CheckResult } from '../../labs/index.js';
import { commandWithOptions } from '../command.js';
import type { CliIO } from '../command.js';
import { errorText, parseFlags } from '../flags.js';
import type { Parsed } from '../flags.js';
import { readRepoDir } from '../repoDir.js';

const USAGE = `Usage: argo-sandbox lab list [--dir DIR]
       argo-sandbox lab check LAB [--solve] [--step N] [--dir DIR]

list   the labs under DIR (default: labs), with chapter, steps and minutes.
check  build LAB's initial world (LAB is a lab id under DIR, or a folder holding lab.yaml) and print each
       step's checks with ✔/✘ and the reason. Exit 1 when a printed check fails.

Options:
  --solve      apply the reference solution of every step up to the one checked, first (alias --solution)
  --step N     check step N only (1-based; with --solve, the solutions of steps 1..N run first)
  --dir DIR    the labs folder (default: labs)
`;

interface LabOptions {
  verb: 'list' | 'check';
  lab: string;
  solve: boolean;
  step?: number;
  dir: string;
}

function parse(args: string[]): Parsed<LabOptions> {
  const flags = parseFlags(args, { solve: { type: 'boolean' }, solution: { type: 'boolean' }, step: { type: 'string' }, dir: { type: 'string' } });
  if (!flags.ok) return flags;
  const [verb, lab, ...rest] = flags.positionals;
  if (verb !== 'list' && verb !== 'check') return { ok: false, error: `unknown lab command "${verb ?? ''}": list or check` };
  if (verb === 'check' && !lab) return { ok: false, error: 'lab check needs a lab id or folder' };
  if (rest.length > 0 || (verb === 'list' && lab)) return { ok: false, error: `unexpected argument "${verb === 'list' ? lab : rest[0]}"` };
  let step: number | undefined;
  if (flags.values.step !== undefined) {
    step = Number(flags.values.step);
    if (!Number.isInteger(step) || step < 1) return { ok: false, error: `invalid --step "${flags.values.step}": expected a step number from 1` };
  }
  return { ok: true, options: { verb, lab: lab ?? '', solve: (flags.values.solve ?? false) || (flags.values.solution ?? false), dir: flags.values.dir ?? 'labs', ...(step !== undefined ? { step } : {}) } };
}

/** A folder's files keyed as `<folder>/<path>` (the engine's file map). */
function readFolder(dir: string): Record<string, string> {
  const root = cleanPath(dir);
  const out: Record<string, string> = {};
  for (const [p, text] of Object.entries(readRepoDir(dir))) out[`${root}/${p}`] = text;
  return out;
}

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

function list(o: LabOptions, io: CliIO): number {
  if (!isDir(o.dir)) {
    io.stderr(`error: ${o.dir}: not a directory\n`);
    return 2;
  }
  const { labs, errors } = loadLabs(readFolder(o.dir), cleanPath(o.dir));
  for (const e of errors) io.stderr(formatLocated(e) + '\n');
  const rows = [['ID', 'CHAPTER', 'STEPS', 'MINUTES', 'TITLE'], ...labs.map(({ lab }) => [lab.id, String(lab.chapter), String(lab.steps.length), String(lab.estimatedMinutes), lab.title])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  io.stdout(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')).join('\n') + '\n');
  return errors.length > 0 ? 2 : 0;
}

const mark = (r: CheckResult): string => `  ${r.ok ? '✔' : '✘'} ${r.name}\n      ${r.reason}\n`;

async function check(o: LabOptions, io: CliIO): Promise<number> {
  const root = isDir(o.lab) && existsSync(join(o.lab, 'lab.yaml')) ? o.lab : join(o.dir, o.lab);
  if (!isDir(root)) {
    io.stderr(`error: lab "${o.lab}" not found (no folder ${root})\n`);
    return 2;
  }
  const files = readFolder(root);
  const loaded = loadLab(files, cleanPath(root));
  if (!loaded.ok) {
    for (const e of loaded.errors) io.stderr(formatLocated(e) + '\n');
    return 2;
  }
  const { lab } = loaded;
  if (o.step !== undefined && o.step > lab.steps.length) {
    io.stderr(`error: lab ${lab.id} has ${lab.steps.length} steps, there is no step ${o.step}\n`);
    return 2;
  }
  let session: LabSession;
  try {
    session = await LabSession.start(lab, files, loaded.root);
  } catch (err) {
    io.stderr(err instanceof WorldError ? `${err.errors.map(formatLocated).join('\n')}\n` : `error: ${errorText(err)}\n`);
    return 2;
  }
  io.stdout(`Lab ${lab.id}: ${lab.title} (chapter ${lab.chapter}, ${lab.steps.length} steps)\n`);
  const steps = o.step !== undefined ? [o.step - 1] : lab.steps.map((_, i) => i);
  let failed = 0;
  let actionFailed = false;
  for (const i of steps) {
    const step = lab.steps[i]!;
    io.stdout(`\nStep ${i + 1}/${lab.steps.length} ${step.id}: ${step.title}\n`);
    if (o.solve) {
      // With --step N, the solutions of steps 1..N-1 run first, so step N starts from a solved world.
      const from = o.step !== undefined && i === steps[0] ? 0 : i;
      for (let j = from; j <= i && !actionFailed; j++) {
        for (const r of await session.applySolution(j)) {
          io.stdout(`  ${r.ok ? '$' : '!'} ${r.action}${r.note ? `  (${r.note})` : ''}\n`);
          if (!r.ok) {
            io.stdout(`      ${r.error ?? 'failed'}\n`);
            actionFailed = true;
          }
        }
      }
    }
    const results = evaluateChecks(session.world, step.checks);
    for (const r of results) io.stdout(mark(r));
    failed += results.filter((r) => !r.ok).length;
  }
  const total = steps.reduce((n, i) => n + lab.steps[i]!.checks.length, 0);
  io.stdout(`\n${total - failed}/${total} checks hold${actionFailed ? '; a solution action failed' : ''}\n`);
  return failed > 0 || actionFailed ? 1 : 0;
}

export const labCommand = commandWithOptions<LabOptions>({
  name: 'lab',
  summary: 'list labs, or check a lab (optionally applying its reference solution)',
  usage: USAGE,
  parse,
  execute: (o, io) => (o.verb === 'list' ? Promise.resolve(list(o, io)) : check(o, io)),
});
