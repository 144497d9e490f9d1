/**
 * What lab.yaml and scenario files must satisfy beyond their schema: referenced files exist, regular
 * expressions and expr-lang expressions compile, repositories named by actions and checks are declared.
 */
import type { LocatedError } from '../core/errors.js';
import { compile } from '../expr/index.js';
import type { PathSegment } from '../manifest/index.js';
import { normalizeRepoURL } from '../git/index.js';
import { ACTION_KINDS } from './types.js';
import type { ActionItem, Check, WorldSpec } from './types.js';
import { filesUnder, joinPath } from './files.js';
import type { FileMap } from './files.js';
import { errorAt } from './yamlDoc.js';
import type { YamlDoc } from './yamlDoc.js';

export interface RuleContext {
  doc: YamlDoc;
  files: FileMap;
  /** The folder relative paths are resolved against (labs/<id>, scenarios/<name>). */
  base: string;
  errors: LocatedError[];
  /** Normalised URLs of the world's repositories. */
  repos: Set<string>;
}

export function fileExists(ctx: RuleContext, rel: string, at: PathSegment[], what: string): void {
  if (ctx.files[joinPath(ctx.base, rel)] === undefined) ctx.errors.push(errorAt(ctx.doc, at, `${what} ${joinPath(ctx.base, rel)} does not exist`));
}

export function regexCompiles(ctx: RuleContext, source: string | undefined, at: PathSegment[]): void {
  if (source === undefined) return;
  try {
    new RegExp(source);
  } catch (err) {
    ctx.errors.push(errorAt(ctx.doc, at, `invalid regular expression: ${(err as Error).message}`));
  }
}

function repoDeclared(ctx: RuleContext, url: string, at: PathSegment[]): void {
  if (!ctx.repos.has(normalizeRepoURL(url))) ctx.errors.push(errorAt(ctx.doc, at, `repository ${url} is not one of the world's repos`));
}

export function checkWorld(ctx: RuleContext, world: WorldSpec, at: PathSegment[]): void {
  (world.repos ?? []).forEach((r, i) => {
    const key = normalizeRepoURL(r.url);
    if (ctx.repos.has(key)) ctx.errors.push(errorAt(ctx.doc, [...at, 'repos', i, 'url'], `repository ${r.url} is declared twice`));
    ctx.repos.add(key);
    if (r.dir === undefined && r.files === undefined) ctx.errors.push(errorAt(ctx.doc, [...at, 'repos', i], 'a repo needs "dir" or "files"'));
    if (r.dir !== undefined && Object.keys(filesUnder(ctx.files, joinPath(ctx.base, r.dir))).length === 0) {
      ctx.errors.push(errorAt(ctx.doc, [...at, 'repos', i, 'dir'], `folder ${joinPath(ctx.base, r.dir)} has no files`));
    }
  });
  (world.apply ?? []).forEach((m, i) => {
    if (typeof m === 'string') fileExists(ctx, m, [...at, 'apply', i], 'manifest');
  });
}

/** The one action key of an item (undefined when it has none; the schema reports two). */
export function actionKind(item: object): (typeof ACTION_KINDS)[number] | undefined {
  return ACTION_KINDS.find((k) => Object.hasOwn(item, k));
}

export function checkAction(ctx: RuleContext, item: ActionItem, at: PathSegment[]): void {
  regexCompiles(ctx, item.expectError, [...at, 'expectError']);
  if ('apply' in item && typeof item.apply === 'string') fileExists(ctx, item.apply, [...at, 'apply'], 'manifest');
  if ('commit' in item) {
    repoDeclared(ctx, item.commit.repo, [...at, 'commit', 'repo']);
    for (const [path, change] of Object.entries(item.commit.files)) {
      if (change !== null && typeof change === 'object') fileExists(ctx, change.from, [...at, 'commit', 'files', path, 'from'], 'file');
    }
  }
}

export function checkCheck(ctx: RuleContext, check: Check, at: PathSegment[]): void {
  if ('object' in check) {
    for (const [path, want] of Object.entries(check.object.fields ?? {})) {
      if (want !== null && typeof want === 'object' && !Array.isArray(want) && 'matches' in want) regexCompiles(ctx, String(want.matches), [...at, 'object', 'fields', path, 'matches']);
    }
    if (check.object.expr !== undefined) {
      try {
        compile(check.object.expr);
      } catch (err) {
        ctx.errors.push(errorAt(ctx.doc, [...at, 'object', 'expr'], `invalid expression: ${(err as Error).message}`));
      }
    }
  } else if ('workflow' in check) {
    const w = check.workflow;
    if ((w.name === undefined) === (w.namePrefix === undefined)) ctx.errors.push(errorAt(ctx.doc, [...at, 'workflow'], 'a workflow check needs exactly one of name, namePrefix'));
    regexCompiles(ctx, w.node?.message, [...at, 'workflow', 'node', 'message']);
  } else if ('event' in check) {
    regexCompiles(ctx, check.event.messageMatches, [...at, 'event', 'messageMatches']);
    regexCompiles(ctx, check.event.before?.messageMatches, [...at, 'event', 'before', 'messageMatches']);
  } else if ('git' in check) {
    repoDeclared(ctx, check.git.repo, [...at, 'git', 'repo']);
    regexCompiles(ctx, check.git.commit.contains, [...at, 'git', 'commit', 'contains']);
    regexCompiles(ctx, check.git.commit.messageMatches, [...at, 'git', 'commit', 'messageMatches']);
  } else if ('count' in check) {
    const c = check.count;
    if (c.min === undefined && c.max === undefined && c.equals === undefined) ctx.errors.push(errorAt(ctx.doc, [...at, 'count'], 'a count check needs min, max or equals'));
  }
}
