/**
 * `argo-sandbox lint FILE|DIR...`: like `argo lint` (offline): every Workflow, WorkflowTemplate,
 * ClusterWorkflowTemplate and CronWorkflow in the files, checked with Argo's validation rules; templateRefs
 * resolve against the templates in the same files. Exit 0 when clean, 2 with the errors otherwise.
 */
import { formatLocated } from '../../core/errors.js';
import { lintManifests, LINTED_KINDS } from '../../workflows/lint/index.js';
import { commandWithOptions } from '../command.js';
import { parseFlags } from '../flags.js';
import type { Parsed } from '../flags.js';
import { loadManifests } from '../manifestFiles.js';

const USAGE = `Usage: argo-sandbox lint FILE|DIR... [--strict=false]

Validate Argo Workflows manifests (multi-document YAML or JSON; directories recursively) the way
\`argo lint\` does, with the line of each problem.
`;

interface LintCmdOptions {
  paths: string[];
}

function parse(args: string[]): Parsed<LintCmdOptions> {
  const flags = parseFlags(args, { strict: { type: 'string' } });
  if (!flags.ok) return flags;
  if (flags.positionals.length === 0) return { ok: false, error: 'no files given: pass one or more manifest files or directories' };
  return { ok: true, options: { paths: flags.positionals } };
}

export const lintCommand = commandWithOptions<LintCmdOptions>({
  name: 'lint',
  summary: 'validate Argo Workflows manifests like `argo lint`',
  usage: USAGE,
  parse,
  async execute(options, io) {
    const loaded = loadManifests(options.paths);
    for (const e of loaded.errors) io.stderr(`${formatLocated(e)}\n`);
    const linted = loaded.manifests.filter((m) => LINTED_KINDS.has(m.object.kind));
    if (linted.length === 0 && loaded.errors.length === 0) {
      io.stderr('✖ found nothing to lint in the specified paths, failing...\n');
      return 2;
    }
    const errors = lintManifests(loaded.manifests);
    const byFile = new Map<string, string[]>();
    for (const e of errors) {
      const owner = [...linted].reverse().find((x) => x.file === e.file && e.line !== undefined && x.line <= e.line);
      const name = owner ? owner.object.metadata.name || owner.object.metadata.generateName || 'object' : 'object';
      const where = e.line !== undefined ? ` (line ${e.line}${e.path ? `, ${e.path}` : ''})` : '';
      const lines = byFile.get(e.file ?? '') ?? [];
      lines.push(`   ✖ in "${name}" (${owner?.object.kind ?? ''}): ${e.message}${where}`);
      byFile.set(e.file ?? '', lines);
    }
    for (const [file, lines] of byFile) io.stderr(`${file}:\n${lines.join('\n')}\n\n`);
    const total = errors.length + loaded.errors.length;
    if (total === 0) {
      io.stdout('✔ no linting errors found!\n');
      return 0;
    }
    io.stderr(`✖ ${total} linting errors found!\n`);
    return 2;
  },
});
