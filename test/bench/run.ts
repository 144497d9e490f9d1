/**
 * `npm run bench`: the speed figures from the foundation issue, as a table (or `--json`).
 * Options: `--json`, `--scale F` (multiply every size, e.g. 0.1 for a quick look), `--only NAME[,NAME]`
 * (memory, list, pods, writes, events, workflows, argocd, world, editor, session, ui), `--repeat N` (pod, workflow and Argo CD runs; the best counts, default 3).
 * Exit status 1 when a target is missed.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { benchArgoSync, benchEvents, benchMemory, benchPods, benchStoreList, benchWorkflowDag, benchWorkflowSteps, benchWorld, benchWrites } from './benchmarks.js';
import type { Figure, WorkflowRunResult } from './benchmarks.js';
import { benchUi } from './ui.js';
import { benchEditorValidation } from './editorValidation.js';
import { benchSessionRestore } from './sessionRestore.js';

// The memory figure needs a real GC before and after; expose it when tsx was started without --expose-gc.
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  v8.setFlagsFromString('--expose-gc');
  (globalThis as { gc?: unknown }).gc = vm.runInNewContext('gc');
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const scaleAt = args.indexOf('--scale');
const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(args[repeatAt + 1])) : 3;
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : undefined;
const size = (n: number): number => Math.max(1, Math.round(n * scale));
const want = (name: string): boolean => !only || only.has(name);

const figures: Figure[] = [];
const notes: string[] = [];

// Memory first, on a quiet heap.
if (want('memory')) {
  const m = benchMemory(size(100_000));
  figures.push({ benchmark: `memory: ${m.objects} small objects (heap delta)`, figure: m.heapDeltaMB, unit: 'MB', target: 300 });
  figures.push({ benchmark: 'memory: bytes per object', figure: m.bytesPerObject, unit: 'B' });
  if (!m.gcExposed) notes.push('memory measured without GC: figure includes garbage');
}

if (want('list')) {
  const l = benchStoreList(size(100_000));
  figures.push({ benchmark: `store: list ${l.objects} objects by label (app=app-7, ${l.listEqMatched} match)`, figure: l.listEqMs, unit: 'ms', target: 20 });
  figures.push({ benchmark: `store: list by set selector (${l.listSetMatched} match)`, figure: l.listSetMs, unit: 'ms', target: 20 });
  figures.push({ benchmark: 'store: list whole kind', figure: l.listAllMs, unit: 'ms' });
  figures.push({ benchmark: 'store: creates/s while filling', figure: l.objects / (l.createMs / 1000), unit: '/s' });
}

if (want('pods')) {
  // Best of `repeat` runs: the machine is shared, and the fastest run is the one least disturbed.
  const runs = Array.from({ length: repeat }, () => benchPods(size(10_000)));
  const p = runs.reduce((best, r) => (r.wallMs < best.wallMs ? r : best));
  figures.push({ benchmark: `pods: ${p.pods} created and run (${p.succeeded} Succeeded${p.settled ? '' : ', NOT settled'}; best of ${repeat})`, figure: p.wallMs, unit: 'ms', target: 1000, valid: p.succeeded === p.pods && p.settled });
  figures.push({ benchmark: 'pods: CPU time of that run (GC threads included)', figure: p.cpuMs, unit: 'ms' });
  figures.push({ benchmark: 'pods: wall time, every run', figure: runs.reduce((a, r) => a + r.wallMs, 0) / runs.length, unit: 'ms avg' });
  figures.push({ benchmark: 'pods: create phase', figure: p.createMs, unit: 'ms' });
  figures.push({ benchmark: 'pods: run phase', figure: p.runMs, unit: 'ms' });
  figures.push({ benchmark: 'pods: virtual time to settle', figure: p.virtualMs / 1000, unit: 's' });
  figures.push({ benchmark: 'pods: store writes/s (wall)', figure: p.writes / (p.wallMs / 1000), unit: '/s' });
  figures.push({ benchmark: 'pods: log events/s (wall)', figure: p.logEvents / (p.wallMs / 1000), unit: '/s' });
  figures.push({ benchmark: 'pods: scheduler steps/s', figure: p.steps / Math.max(p.runMs / 1000, 1e-9), unit: '/s' });
  figures.push({ benchmark: `pods: writes per pod (${p.kubeEvents} Events stored)`, figure: p.writes / p.pods, unit: '' });
  if (p.succeeded < p.pods) notes.push(`pods: only ${p.succeeded}/${p.pods} reached Succeeded (is the kubelet installed?)`);
}

if (want('writes')) {
  const w = benchWrites(size(50_000));
  figures.push({ benchmark: `writes: create (${w.writes} pods)`, figure: w.createPerSec, unit: '/s' });
  figures.push({ benchmark: 'writes: status update', figure: w.updatePerSec, unit: '/s' });
  figures.push({ benchmark: 'writes: no-op update', figure: w.noopPerSec, unit: '/s' });
}

if (want('events')) {
  const e = benchEvents(size(50_000));
  figures.push({ benchmark: `events: record() with Event aggregation (${e.distinct} distinct → ${e.kubeEvents} Events)`, figure: e.eventsPerSec, unit: '/s' });
}

if (want('workflows')) {
  // Best of `repeat` runs, as for pods: the fastest run is the one the shared machine disturbed least.
  const best = (runs: WorkflowRunResult[]): WorkflowRunResult => runs.reduce((b, r) => (r.wallMs < b.wallMs ? r : b));
  const d = best(Array.from({ length: repeat }, () => benchWorkflowDag(size(10_000))));
  figures.push({ benchmark: `workflows: ${d.tasks}-task DAG fan-out/fan-in (${d.phase}, ${d.progress}; best of ${repeat})`, figure: d.wallMs, unit: 'ms', target: 1000, valid: d.phase === 'Succeeded' && d.settled });
  figures.push({ benchmark: 'workflows: DAG CPU time (GC threads included)', figure: d.cpuMs, unit: 'ms' });
  figures.push({ benchmark: 'workflows: DAG memory the finished world keeps (heap after GC)', figure: d.retainedMB, unit: 'MB', target: 500 });
  figures.push({ benchmark: 'workflows: DAG heap growth without GC (garbage included)', figure: d.heapMB, unit: 'MB' });
  figures.push({ benchmark: `workflows: DAG store writes per task (${d.kubeEvents} Events stored)`, figure: d.writes / d.tasks, unit: '' });
  figures.push({ benchmark: 'workflows: DAG scheduler steps per task', figure: d.steps / d.tasks, unit: '' });
  const s = best(Array.from({ length: repeat }, () => benchWorkflowSteps(size(1000))));
  figures.push({ benchmark: `workflows: ${s.tasks}-step steps workflow (${s.phase}, ${s.progress}; best of ${repeat})`, figure: s.wallMs, unit: 'ms', target: 200, valid: s.phase === 'Succeeded' && s.settled });
  figures.push({ benchmark: 'workflows: steps CPU time (GC threads included)', figure: s.cpuMs, unit: 'ms' });
  figures.push({ benchmark: 'workflows: steps store writes per step', figure: s.writes / s.tasks, unit: '' });
  figures.push({ benchmark: 'workflows: steps scheduler steps per step', figure: s.steps / s.tasks, unit: '' });
}

if (want('argocd')) {
  const runs: Awaited<ReturnType<typeof benchArgoSync>>[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await benchArgoSync(size(1000), 5));
  const a = runs.reduce((best, r) => (r.wallMs < best.wallMs ? r : best));
  const ok = a.sync === 'Synced' && a.health === 'Healthy' && a.phase === 'Succeeded' && a.settled;
  figures.push({ benchmark: `argocd: ${a.resources} resources in ${a.waves} waves + 2 hooks synced (${a.sync}/${a.health}, ${a.results} results; best of ${repeat})`, figure: a.wallMs, unit: 'ms', target: 300, valid: ok });
  const refresh = Math.min(...runs.map((r) => r.refreshMs));
  figures.push({ benchmark: `argocd: refresh/compare of ${a.resources} resources (${a.refreshSync})`, figure: refresh, unit: 'ms', target: 50, valid: a.refreshSync === 'Synced' });
  figures.push({ benchmark: 'argocd: CPU time of that sync (GC threads included)', figure: a.cpuMs, unit: 'ms' });
  figures.push({ benchmark: 'argocd: virtual time of that sync', figure: a.virtualMs / 1000, unit: 's' });
  figures.push({ benchmark: 'argocd: creating it (repo server render of every file + first compare)', figure: Math.min(...runs.map((r) => r.createMs)), unit: 'ms' });
  const w = await benchArgoSync(size(1000), size(1000));
  figures.push({ benchmark: `argocd: ${w.resources} resources in ${w.waves} waves (${w.sync}, ${w.phase})`, figure: w.wallMs, unit: 'ms', valid: w.phase === 'Succeeded' });
}

if (want('world')) {
  const w = benchWorld();
  figures.push({ benchmark: `world: 2 h of pods, rollout, Jobs, CronJob (${w.events} events, ${w.writes} writes)`, figure: w.wallMs, unit: 'ms' });
  figures.push({ benchmark: 'world: virtual time per wall time', figure: w.virtualMs / w.wallMs, unit: '×' });
}

// The editor's engine diagnostics (worker side of edit → markers) and restoring a saved workspace.
if (want('editor')) figures.push(...benchEditorValidation());
if (want('session')) figures.push(...(await benchSessionRestore()));

if (want('ui')) {
  // A production build served on loopback, driven by Debian's Chromium (skipped with a note when it is missing).
  try {
    const u = await benchUi();
    figures.push({ benchmark: `ui: initial JS without lazy chunks (${u.initialFiles} files, gzip)`, figure: u.initialGzipKB, unit: 'kB', target: 300 });
    figures.push({ benchmark: 'ui: all JS chunks incl. lazy (gzip)', figure: u.allJsGzipKB, unit: 'kB' });
    figures.push({ benchmark: `ui: largest chunk ${u.largestChunk.file} (gzip)`, figure: u.largestChunk.gzipKB, unit: 'kB' });
    figures.push({ benchmark: 'ui: first render with the default scenario on screen', figure: u.firstRenderMs, unit: 'ms', target: 1500 });
    figures.push({ benchmark: 'ui: first contentful paint', figure: u.firstContentfulPaintMs, unit: 'ms' });
    figures.push({ benchmark: `ui: main-thread frames/s while 1,000 pods start at 100× (${u.podsSeen} pod rows shown)`, figure: u.fps, unit: 'fps', target: 50, higherIsBetter: true });
    for (const t of u.tabs.slice(1)) figures.push({ benchmark: `ui: frames/s on the ${t.tab} tab, 1,000 pods at 100×`, figure: t.fps, unit: 'fps', target: 50, higherIsBetter: true });
    figures.push({ benchmark: 'ui: longest main-thread task meanwhile', figure: u.longestTaskMs, unit: 'ms' });
  } catch (err) {
    notes.push(`ui: not measured (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}

// Targets are for the full sizes: a scaled run reports figures only.
const pass = (f: Figure): boolean | undefined =>
  f.target === undefined || scale !== 1 ? undefined : (f.higherIsBetter ? f.figure >= f.target : f.figure < f.target) && f.valid !== false;
const failed = figures.filter((f) => pass(f) === false);

if (json) {
  process.stdout.write(
    JSON.stringify({ scale, figures: figures.map((f) => ({ ...f, pass: pass(f) ?? null })), notes, failed: failed.length }, null, 2) + '\n',
  );
} else {
  const fmt = (f: Figure): string => {
    const v = f.figure >= 100 ? Math.round(f.figure).toLocaleString('en-US') : f.figure.toFixed(2);
    return f.unit === '/s' ? `${v}/s` : `${v}${f.unit ? ' ' + f.unit : ''}`;
  };
  const rows = figures.map((f) => [
    f.benchmark,
    fmt(f),
    f.target === undefined ? '' : `${f.higherIsBetter ? '≥' : '<'} ${f.target} ${f.unit}`,
    pass(f) === undefined ? '' : pass(f) ? 'pass' : 'FAIL',
  ]);
  const head = ['benchmark', 'figure', 'target', 'pass/fail'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line), ...notes.map((n) => `note: ${n}`)];
  process.stdout.write(out.join('\n') + '\n');
}
process.exitCode = failed.length > 0 ? 1 : 0;
