/** Invalid labs are refused with located errors: file, line, column, field path and what is wrong. */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../simulator/labs/index.js';
import type { LocatedError } from '../../simulator/core/errors.js';

const VALID = `id: demo
title: Demo
chapter: 3
objectives: [Learn]
estimatedMinutes: 5
scenario:
  seed: 1
  repos:
    - url: https://github.com/sandbox/demo.git
      dir: files/repo
steps:
  - id: one
    title: One
    body: steps/01.md
    checks:
      - name: app synced
        application: { name: demo, sync: Synced }
    solution:
      - apply: solution/app.yaml
      - settle: {}
`;

const BASE_FILES = {
  'labs/demo/steps/01.md': '# One',
  'labs/demo/files/repo/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n',
  'labs/demo/solution/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: y }\n',
};

function errorsOf(yaml: string, files: Record<string, string> = {}, root = 'labs/demo'): LocatedError[] {
  const r = loadLab({ ...BASE_FILES, ...files, [`${root}/lab.yaml`]: yaml }, root);
  return r.ok ? [] : r.errors;
}

/** The text with `from` replaced by `to` (which must occur). */
function edit(from: string, to: string, text = VALID): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe('loadLab', () => {
  it('loads a valid lab', () => {
    const r = loadLab({ ...BASE_FILES, 'labs/demo/lab.yaml': VALID }, 'labs/demo');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.lab.steps[0]!.checks[0]).toEqual({ name: 'app synced', application: { name: 'demo', sync: 'Synced' } });
  });

  it('a YAML syntax error is located', () => {
    const [e] = errorsOf(edit('title: Demo', 'title: [Demo'));
    expect(e).toMatchObject({ file: 'labs/demo/lab.yaml' });
    expect(e!.line).toBeGreaterThanOrEqual(2);
    expect(e!.message).toMatch(/invalid YAML/);
  });

  it('an unknown field is reported at its key', () => {
    expect(errorsOf(edit('estimatedMinutes: 5', 'estimatedMinutes: 5\nminutes: 5'))).toEqual([
      expect.objectContaining({ file: 'labs/demo/lab.yaml', line: 6, column: 1, path: 'minutes', message: expect.stringMatching(/^unknown field "minutes"/) }),
    ]);
  });

  it('a missing required field is reported at its parent', () => {
    expect(errorsOf(edit('    title: One\n', ''))).toEqual([
      expect.objectContaining({ line: 12, column: 5, path: 'steps[0]', message: 'missing required field "title"' }),
    ]);
  });

  it('a wrong type names the field and the value', () => {
    expect(errorsOf(edit('chapter: 3', 'chapter: three'))).toEqual([
      expect.objectContaining({ line: 3, column: 1, path: 'chapter', message: 'must be an integer, got "three"' }),
    ]);
  });

  it('a check needs exactly one kind', () => {
    const none = errorsOf(edit('        application: { name: demo, sync: Synced }\n', ''));
    expect(none).toEqual([expect.objectContaining({ line: 16, path: 'steps[0].checks[0]', message: expect.stringMatching(/^needs one of: object, application, workflow/) })]);
    const two = errorsOf(edit('application: { name: demo, sync: Synced }', 'application: { name: demo }\n        count: { kind: Pod, min: 1 }'));
    expect(two).toEqual([expect.objectContaining({ path: 'steps[0].checks[0]', message: expect.stringMatching(/^has application and count: only one of/) })]);
  });

  it('an unknown check field lists the allowed ones', () => {
    const [e] = errorsOf(edit('sync: Synced', 'synced: Synced'));
    expect(e).toMatchObject({ line: 17, path: 'steps[0].checks[0].application.synced' });
    expect(e!.message).toMatch(/^unknown field "synced" \(expected one of: name, namespace, sync, health/);
  });

  it('an unknown action is refused', () => {
    const [e] = errorsOf(edit('- settle: {}', '- wait: 10s'));
    expect(e).toMatchObject({ line: 20, column: 9, path: 'steps[0].solution[1].wait' });
    expect(e!.message).toMatch(/^unknown field "wait" \(expected one of: apply, delete, commit, argocd, workflow, advance, settle, expectError\)/);
  });

  it('an enum value outside the list is named', () => {
    expect(errorsOf(edit('- settle: {}', '- argocd: { action: resync, app: demo }'))).toEqual([
      expect.objectContaining({ line: 20, path: 'steps[0].solution[1].argocd.action', message: expect.stringMatching(/^must be one of "sync", "refresh".*got "resync"$/) }),
    ]);
  });

  it('a bad duration is refused', () => {
    expect(errorsOf(edit('- settle: {}', '- advance: soon'))).toEqual([expect.objectContaining({ path: 'steps[0].solution[1].advance', message: expect.stringMatching(/"soon" is not valid: A duration/) })]);
  });

  it('the id must equal the folder name', () => {
    expect(errorsOf(VALID, {}, 'labs/other')).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'labs/other/lab.yaml', line: 1, path: 'id', message: 'id "demo" must equal the folder name "other"' })]),
    );
  });

  it('a step body and solution files must exist', () => {
    const errs = errorsOf(edit('body: steps/01.md', 'body: steps/02.md', edit('apply: solution/app.yaml', 'apply: solution/nope.yaml')));
    expect(errs).toEqual([
      expect.objectContaining({ line: 14, path: 'steps[0].body', message: 'step body labs/demo/steps/02.md does not exist' }),
      expect.objectContaining({ line: 19, path: 'steps[0].solution[0].apply', message: 'manifest labs/demo/solution/nope.yaml does not exist' }),
    ]);
  });

  it('a repo folder must hold files, a commit must name a declared repo and its from-files must exist', () => {
    const text = edit('dir: files/repo', 'dir: files/empty', edit('- settle: {}', '- commit: { repo: https://github.com/sandbox/other.git, message: m, files: { a.yaml: { from: solution/missing.yaml } } }'));
    const errs = errorsOf(text);
    expect(errs.map((e) => [e.path, e.message])).toEqual([
      ['scenario.repos[0].dir', 'folder labs/demo/files/empty has no files'],
      ['steps[0].solution[1].commit.repo', 'repository https://github.com/sandbox/other.git is not one of the world\'s repos'],
      ['steps[0].solution[1].commit.files.a.yaml.from', 'file labs/demo/solution/missing.yaml does not exist'],
    ]);
  });

  it('regular expressions and expressions must compile', () => {
    const text = edit(
      '        application: { name: demo, sync: Synced }\n',
      '        object: { kind: Pod, name: p, expr: "object.spec ==", fields: { status.phase: { matches: "(" } } }\n',
    );
    const errs = errorsOf(text);
    expect(errs.map((e) => e.path)).toEqual(['steps[0].checks[0].object.fields.status.phase.matches', 'steps[0].checks[0].object.expr']);
    expect(errs[0]!.message).toMatch(/^invalid regular expression/);
    expect(errs[1]!.message).toMatch(/^invalid expression/);
  });

  it('duplicate step ids are refused', () => {
    const step = VALID.slice(VALID.indexOf('  - id: one'));
    expect(errorsOf(VALID + step)).toEqual([expect.objectContaining({ path: 'steps[1].id', message: 'duplicate step id "one"' })]);
  });

  it('a workflow check needs name or namePrefix, a count check a bound', () => {
    const text = edit('        application: { name: demo, sync: Synced }\n', '        workflow: { phase: Succeeded }\n      - name: c\n        count: { kind: Pod }\n');
    expect(errorsOf(text).map((e) => e.message)).toEqual(['a workflow check needs exactly one of name, namePrefix', 'a count check needs min, max or equals']);
  });

  it('a missing lab.yaml is an error, not a throw', () => {
    expect(loadLab({}, 'labs/none')).toEqual({ ok: false, errors: [{ file: 'labs/none/lab.yaml', message: 'labs/none/lab.yaml does not exist' }] });
  });
});
