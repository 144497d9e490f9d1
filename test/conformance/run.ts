/**
 * `npm run conformance -- DIR [--filter TEXT] [--json] [--report FILE] [--seed N] [--include-no-test]`: run a directory of Argo
 * Workflows manifests like upstream's examples e2e test and print pass/fail per file and a total. Exits 0
 * whatever the results (it reports; it does not gate).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runConformance } from './harness.js';
import type { CaseResult, ConformanceReport } from './harness.js';

function markdown(report: ConformanceReport, dir: string): string {
  const lines = [`# Conformance: ${dir}`, '', `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (no-test) of ${report.results.length} workflows.`, ''];
  const byCause = new Map<string, CaseResult[]>();
  for (const r of report.results.filter((x) => x.outcome === 'fail')) byCause.set(r.cause ?? 'other', [...(byCause.get(r.cause ?? 'other') ?? []), r]);
  for (const [cause, rs] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`## ${cause} (${rs.length})`, '');
    for (const r of rs) lines.push(`- \`${r.file}\` (${r.name}): ${(r.reason ?? '').replace(/\n/g, ' ').slice(0, 400)}`);
    lines.push('');
  }
  if (report.parseErrors.length) {
    lines.push(`## files the manifest parser rejected (${report.parseErrors.length})`, '');
    for (const e of report.parseErrors) lines.push(`- \`${e.file ?? ''}\`${e.line ? `:${e.line}` : ''}: ${e.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { filter: { type: 'string' }, json: { type: 'boolean' }, 'include-no-test': { type: 'boolean' }, report: { type: 'string' }, seed: { type: 'string' }, 'max-virtual-ms': { type: 'string' } },
  });
  const dir = positionals[0];
  if (!dir) {
    process.stderr.write('usage: npm run conformance -- DIR [--filter TEXT] [--json] [--report FILE] [--seed N]\n');
    return;
  }
  const t0 = Date.now();
  const report = await runConformance(dir, {
    filter: values.filter,
    includeNoTest: values['include-no-test'],
    seed: values.seed ? Number(values.seed) : 1,
    maxVirtualMs: values['max-virtual-ms'] ? Number(values['max-virtual-ms']) : undefined,
    onResult: values.json
      ? undefined
      : (r) => {
          const mark = r.outcome === 'pass' ? 'PASS' : r.outcome === 'skip' ? 'SKIP' : 'FAIL';
          const extra = r.outcome === 'pass' ? '' : ` — ${(r.reason ?? '').replace(/\n/g, ' ').slice(0, 300)}`;
          process.stdout.write(`${mark} ${r.file} (${r.name})${r.wallMs !== undefined ? ` ${Math.round(r.wallMs)}ms` : ''}${extra}\n`);
        },
  });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    for (const e of report.parseErrors) process.stdout.write(`PARSE ${e.file ?? ''}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
    process.stdout.write(`\nTotal: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped of ${report.results.length} workflows (${((Date.now() - t0) / 1000).toFixed(1)}s wall)\n`);
  }
  if (values.report) writeFileSync(values.report, markdown(report, dir));
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (e: unknown) => {
    process.stderr.write(`conformance: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 0;
  },
);
