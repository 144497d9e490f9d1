/**
 * `argo-sandbox scenario list` and `scenario play NAME [--until T]`: play an instructor scenario headless,
 * printing its callouts, actions and the event log in virtual time. Exit 1 when a scripted action fails,
 * 2 on an invalid scenario or arguments.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDuration } from '../../core/clock.js';
import { formatLocated } from '../../core/errors.js';
import type { SimEvent } from '../../core/eventLog.js';
import { cleanPath, WorldError } from '../../labs/index.js';
import { parseScenario, ScenarioPlayer, scenarioFiles } from '../../scenario/index.js';
import type { CueOutcome } from '../../scenario/index.js';
import { commandWithOptions } from '../command.js';
import type { CliIO } from '../command.js';
import { errorText, parseFlags } from '../flags.js';
import type { Parsed } from '../flags.js';
import { readRepoDir } from '../repoDir.js';

const USAGE = `Usage: argo-sandbox scenario list [--dir DIR]
       argo-sandbox scenario play NAME [--until T] [--no-events|--all-events] [--dir DIR]

list   the scenarios under DIR (default: scenarios).
play   build the scenario's world, run its script (actions and callouts at their virtual times), then let
       the world settle; print callouts, actions and events. NAME is a file under DIR without .yaml, or a path.

Options:
  --until T     stop at virtual time T after the start (e.g. 90s, 8h): later cues do not run
  --no-events   print only callouts and actions
  --all-events  also print the kubelet's and the scheduler's Normal events (pulls, container starts)
  --dir DIR     the scenarios folder (default: scenarios)
`;

interface ScenarioOptions {
  verb: 'list' | 'play';
  name: string;
  untilMs?: number;
  events: boolean;
  allEvents: boolean;
  dir: string;
}

function parse(args: string[]): Parsed<ScenarioOptions> {
  const flags = parseFlags(args, { until: { type: 'string' }, 'no-events': { type: 'boolean' }, 'all-events': { type: 'boolean' }, dir: { type: 'string' } });
  if (!flags.ok) return flags;
  const [verb, name, ...rest] = flags.positionals;
  if (verb !== 'list' && verb !== 'play') return { ok: false, error: `unknown scenario command "${verb ?? ''}": list or play` };
  if (verb === 'play' && !name) return { ok: false, error: 'scenario play needs a scenario name or file' };
  if (rest.length > 0 || (verb === 'list' && name)) return { ok: false, error: `unexpected argument "${verb === 'list' ? name : rest[0]}"` };
  let untilMs: number | undefined;
  if (flags.values.until !== undefined) {
    try {
      untilMs = parseDuration(flags.values.until);
    } catch (err) {
      return { ok: false, error: `invalid --until: ${errorText(err)}` };
    }
  }
  return {
    ok: true,
    options: { verb, name: name ?? '', events: !(flags.values['no-events'] ?? false), allEvents: flags.values['all-events'] ?? false, dir: flags.values.dir ?? 'scenarios', ...(untilMs !== undefined ? { untilMs } : {}) },
  };
}

/** `+1h2m3.5s` for a virtual offset. */
export function offset(ms: number): string {
  if (ms <= 0) return '+0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `+${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${Number(s.toFixed(3))}s` : ''}`;
}

/** Per-pod mechanics that drown a demo's story; `--all-events` shows them. */
const NOISY = new Set(['kubelet', 'default-scheduler']);

function readFolder(dir: string): Record<string, string> {
  const root = cleanPath(dir);
  const out: Record<string, string> = {};
  if (existsSync(dir) && statSync(dir).isDirectory()) for (const [p, text] of Object.entries(readRepoDir(dir))) out[`${root}/${p}`] = text;
  return out;
}

/** NAME → the scenario file, and the files it may reference (the scenarios folder). */
function locateScenario(o: ScenarioOptions): { file: string; files: Record<string, string> } | undefined {
  const direct = existsSync(o.name) && statSync(o.name).isFile() ? o.name : undefined;
  const named = ['.yaml', '.yml'].map((ext) => join(o.dir, `${o.name}${ext}`)).find((p) => existsSync(p));
  const file = direct ?? named;
  if (!file) return undefined;
  const files = readFolder(dirname(file));
  files[cleanPath(file)] = readFileSync(file, 'utf8');
  return { file: cleanPath(file), files };
}

function list(o: ScenarioOptions, io: CliIO): number {
  const files = readFolder(o.dir);
  let bad = false;
  const rows = [['NAME', 'CUES', 'TITLE']];
  for (const f of scenarioFiles(files, cleanPath(o.dir))) {
    const r = parseScenario(files, f);
    if (!r.ok) {
      bad = true;
      for (const e of r.errors) io.stderr(formatLocated(e) + '\n');
      continue;
    }
    rows.push([r.scenario.name, String(r.scenario.script.length), r.scenario.title]);
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  io.stdout(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]! + 3))).join('')).join('\n') + '\n');
  return bad ? 2 : 0;
}

async function play(o: ScenarioOptions, io: CliIO): Promise<number> {
  const found = locateScenario(o);
  if (!found) {
    io.stderr(`error: scenario "${o.name}" not found (looked for ${o.name} and ${join(o.dir, `${basename(o.name)}.yaml`)})\n`);
    return 2;
  }
  const parsed = parseScenario(found.files, found.file);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(formatLocated(e) + '\n');
    return 2;
  }
  const sc = parsed.scenario;
  let player: ScenarioPlayer;
  try {
    player = await ScenarioPlayer.start(sc, found.files);
  } catch (err) {
    io.stderr(err instanceof WorldError ? `${err.errors.map(formatLocated).join('\n')}\n` : `error: ${errorText(err)}\n`);
    return 2;
  }
  io.stdout(`Scenario ${sc.name}: ${sc.title}\n`);
  if (sc.description) io.stdout(`${sc.description.trim()}\n`);
  io.stdout('\n');
  const log = player.sandbox.log;
  let printed = log.length; // the world's installation events are not the demo's
  const flush = (): void => {
    const fresh: readonly SimEvent[] = log.since(printed);
    printed = log.length;
    if (!o.events) return;
    for (const e of fresh) if (o.allEvents || e.type === 'Warning' || !NOISY.has(e.source)) io.stdout(`${offset(e.t - player.start).padEnd(10)}  ${e.type.padEnd(7)} ${e.reason} ${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}\n`);
  };
  let failed = 0;
  const show = (c: CueOutcome): void => {
    const at = offset(c.t).padEnd(10);
    if (c.cue.callout) io.stdout(`${at}  ▶ ${c.cue.callout}\n`);
    if (c.result) {
      io.stdout(`${at}  ${c.result.ok ? '$' : '!'} ${c.result.action}${c.result.note ? `  (${c.result.note})` : ''}\n`);
      if (!c.result.ok) {
        failed++;
        io.stdout(`${' '.repeat(12)}error: ${c.result.error ?? 'failed'}\n`);
      }
    }
  };
  for (let cue = player.peek(); cue && (o.untilMs === undefined || cue.at <= o.untilMs); cue = player.peek()) {
    const wait = cue.at - player.elapsed();
    if (wait > 0) await player.sandbox.advanceAsync(wait);
    flush();
    show((await player.next())!);
  }
  if (o.untilMs !== undefined) {
    const rest = o.untilMs - player.elapsed();
    if (rest > 0) await player.sandbox.advanceAsync(rest);
  } else await player.sandbox.runUntilSettledAsync({ maxVirtualMs: 3_600_000 });
  flush();
  const left = sc.script.length - player.position;
  io.stdout(`\n${offset(player.elapsed())}  end: ${player.position}/${sc.script.length} cues played${left ? ` (${left} after --until)` : ''}${failed ? `, ${failed} action(s) failed` : ''}\n`);
  return failed > 0 ? 1 : 0;
}

export const scenarioCommand = commandWithOptions<ScenarioOptions>({
  name: 'scenario',
  summary: 'list or play an instructor scenario (script of actions and callouts) headless',
  usage: USAGE,
  parse,
  execute: (o, io) => (o.verb === 'list' ? Promise.resolve(list(o, io)) : play(o, io)),
});
