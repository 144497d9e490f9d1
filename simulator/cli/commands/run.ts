/**
 * `argo-sandbox run FILE|DIR...`: apply manifests to a fresh simulated cluster, run it in virtual time,
 * print what resulted. Exit 0 when it ran, 2 on invalid input (the valid objects still run).
 */
import { parseDuration } from '../../core/clock.js';
import { formatLocated } from '../../core/errors.js';
import type { LocatedError } from '../../core/errors.js';
import { createSandbox } from '../../index.js';
import type { Sandbox } from '../../sandbox.js';
import { commandWithOptions } from '../command.js';
import { errorText, parseFlags, parseSeed } from '../flags.js';
import type { Parsed } from '../flags.js';
import { applyFiles } from '../manifestFiles.js';
import { formatEvents, formatObjects, selectObjects } from '../output.js';
import { serveRepoDir } from '../repoDir.js';
import type { OutputFormat } from '../output.js';

const USAGE = `Usage: argo-sandbox run FILE|DIR... [options]

Apply the manifests (multi-document YAML or JSON; directories recursively) to a fresh simulated
cluster, run it in virtual time and print the resulting objects.

Options:
  --seed N               random seed (default 1): same seed and input, same result
  --until-settled        run until no work is pending (at most --max-virtual, default 1h)
  --max-virtual DURATION virtual time to run, e.g. 90s, 5m, 1h (default 10m without --until-settled)
  -o, --output FORMAT    json (a v1 List, the default), yaml or table
  --events               print the event log as JSON lines instead of the objects
  --all                  also show system namespaces, all cluster-scoped objects and Events
  --repo DIR             serve DIR (a plain directory) as the git repository of every Application
                         repoURL in the input: its files are the repository's first commit
`;

export const DEFAULT_SETTLE_MAX_MS = 3_600_000;
export const DEFAULT_ADVANCE_MS = 600_000;

export interface RunOptions {
  paths: string[];
  seed: number;
  untilSettled: boolean;
  maxVirtualMs?: number;
  output: OutputFormat;
  events: boolean;
  all: boolean;
  /** A directory served as the git repository for every Application repoURL. */
  repo?: string;
}

export type ParsedRunArgs = Parsed<RunOptions>;

export function parseRunArgs(args: string[]): ParsedRunArgs {
  const flags = parseFlags(args, {
    seed: { type: 'string' },
    'until-settled': { type: 'boolean' },
    'max-virtual': { type: 'string' },
    output: { type: 'string', short: 'o' },
    events: { type: 'boolean' },
    all: { type: 'boolean' },
    repo: { type: 'string' },
  });
  if (!flags.ok) return flags;
  const { values, positionals } = flags;
  if (positionals.length === 0) return { ok: false, error: 'no files given: pass one or more manifest files or directories' };
  const seed = parseSeed(values.seed);
  if (!seed.ok) return seed;
  let maxVirtualMs: number | undefined;
  if (values['max-virtual'] !== undefined) {
    try {
      maxVirtualMs = parseDuration(values['max-virtual']);
    } catch (err) {
      return { ok: false, error: `invalid --max-virtual: ${errorText(err)}` };
    }
  }
  const output = values.output ?? 'json';
  if (output !== 'json' && output !== 'yaml' && output !== 'table') {
    return { ok: false, error: `unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml,table` };
  }
  return {
    ok: true,
    options: {
      paths: positionals,
      seed: seed.seed,
      untilSettled: values['until-settled'] ?? false,
      ...(maxVirtualMs !== undefined ? { maxVirtualMs } : {}),
      output,
      events: values.events ?? false,
      all: values.all ?? false,
      ...(values.repo !== undefined ? { repo: values.repo } : {}),
    },
  };
}

function humanMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

export interface RunOutcome {
  sandbox: Sandbox;
  errors: LocatedError[];
  settled: boolean;
  /** uids of the objects the input created or changed. */
  applied: Set<string>;
  /** Explanation printed on stderr when work was still pending at the limit. */
  note?: string;
}

/** The whole run, minus printing: load, apply, run (async: containers may run a real shell or CPython). */
export async function runWorld(opts: RunOptions): Promise<RunOutcome> {
  const sandbox = createSandbox({ seed: opts.seed });
  if (opts.repo !== undefined) {
    try {
      await serveRepoDir(sandbox, opts.repo);
    } catch (err) {
      return { sandbox, errors: [{ message: errorText(err) }], applied: new Set(), settled: false };
    }
  }
  const { applied, errors, objects } = applyFiles(sandbox, opts.paths);
  // Like kubectl: input with no objects at all (empty files, only comments) is an error.
  if (objects === 0 && errors.length === 0) errors.push({ message: 'no objects passed to apply' });
  const base = { sandbox, errors, applied: new Set(applied.map((o) => o.metadata.uid)) };
  if (opts.untilSettled) {
    const limit = opts.maxVirtualMs ?? DEFAULT_SETTLE_MAX_MS;
    const r = await sandbox.runUntilSettledAsync({ maxVirtualMs: limit });
    if (!r.settled) {
      const why = r.reason === 'max-steps' ? `after ${r.steps} steps (a controller may be looping)` : `after ${humanMs(limit)} of virtual time`;
      return { ...base, settled: false, note: `not settled: stopped ${why} with work still pending; results show the world at that moment` };
    }
    return { ...base, settled: true };
  }
  const ms = opts.maxVirtualMs ?? DEFAULT_ADVANCE_MS;
  await sandbox.advanceAsync(ms);
  if (sandbox.scheduler.hasForegroundWork()) {
    return {
      ...base,
      settled: false,
      note: `not settled: ran ${humanMs(ms)} of virtual time and work is still pending; use --until-settled or a longer --max-virtual`,
    };
  }
  return { ...base, settled: true };
}

export const runCommand = commandWithOptions({
  name: 'run',
  summary: 'apply manifests to a simulated cluster, run it, print the result',
  usage: USAGE,
  parse: parseRunArgs,
  async execute(opts, io) {
    const outcome = await runWorld(opts);
    for (const e of outcome.errors) io.stderr(formatLocated(e) + '\n');
    if (outcome.note) io.stderr(`note: ${outcome.note}\n`);
    const { sandbox } = outcome;
    if (opts.events) {
      io.stdout(formatEvents(sandbox.log.all()));
    } else {
      const objects = selectObjects(sandbox, { all: opts.all, applied: outcome.applied });
      const text = formatObjects(sandbox, objects, opts.output);
      if (opts.output === 'table' && text === '') io.stderr('No resources found\n');
      else io.stdout(text);
    }
    return outcome.errors.length > 0 ? 2 : 0;
  },
});
