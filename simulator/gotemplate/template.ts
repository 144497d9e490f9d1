/**
 * A set of named templates sharing functions and options, like a Go `*template.Template` with its
 * associated templates: files are parsed into it (each file's `define`s join the set), then any name runs.
 */
import { BUILTIN_NAMES } from './builtins.js';
import { Executor, MAX_EXEC_DEPTH, type ExecEnv, type MissingKey } from './exec.js';
import { parseTemplate, type ParsedTree } from './parser.js';
import type { GoFunc, GoValue } from './value.js';

export interface TemplateOptions {
  /** Functions templates may call (Sprig, Helm's include/tpl…); checked at parse time like Go's FuncMap. */
  funcs?: Record<string, GoFunc>;
  /** Go's `missingkey` option: default/invalid print "<no value>", zero gives nil, error fails. */
  missingKey?: MissingKey;
  /** The set's own name, for "no template associated with" errors (Helm's is "gotpl"). */
  name?: string;
}

/** Parsed trees by function names + template name + text: parse trees are immutable, and Helm re-parses every chart on each render. */
const PARSE_CACHE = new Map<string, ParsedTree[]>();
const PARSE_CACHE_MAX = 2000;
/** Function-name sets → small ids, so cache keys do not repeat a few kilobytes of names. */
const FUNC_SIG_IDS = new Map<string, number>();

/** A tree with nothing but whitespace (a file of only `define`s) does not replace a real one. */
function isEmptyTree(tree: ParsedTree): boolean {
  return tree.root.nodes.every((n) => n.kind === 'text' && n.text.trim() === '');
}

export class TemplateSet {
  private readonly trees = new Map<string, ParsedTree>();
  private readonly funcs: Record<string, GoFunc>;
  readonly missingKey: MissingKey;
  readonly name: string;
  /** Nesting of executions started through `execute` from inside a running template (include). */
  private depth = 0;
  private funcSig: string | undefined;

  constructor(opts: TemplateOptions = {}) {
    this.funcs = { ...(opts.funcs ?? {}) };
    this.missingKey = opts.missingKey ?? 'default';
    this.name = opts.name ?? 'template';
  }

  /** Adds or replaces functions (before parsing templates that call them). */
  addFuncs(funcs: Record<string, GoFunc>): this {
    Object.assign(this.funcs, funcs);
    this.funcSig = undefined;
    return this;
  }

  /** Parses `text` as template `name`; its `define`/`block`s join the set. Throws TemplateParseError. */
  parse(name: string, text: string): this {
    if (this.funcSig === undefined) {
      const names = Object.keys(this.funcs).sort().join(',');
      let id = FUNC_SIG_IDS.get(names);
      if (id === undefined) FUNC_SIG_IDS.set(names, (id = FUNC_SIG_IDS.size));
      this.funcSig = String(id);
    }
    const key = `${this.funcSig}\0${name}\0${text}`;
    let trees = PARSE_CACHE.get(key);
    if (!trees) {
      trees = parseTemplate(name, text, (fn) => fn in this.funcs || BUILTIN_NAMES.has(fn));
      if (PARSE_CACHE.size >= PARSE_CACHE_MAX) PARSE_CACHE.clear();
      PARSE_CACHE.set(key, trees);
    }
    for (const tree of trees) {
      const existing = this.trees.get(tree.name);
      if (existing && isEmptyTree(tree) && !isEmptyTree(existing)) continue;
      this.trees.set(tree.name, tree);
    }
    return this;
  }

  lookup(name: string): ParsedTree | undefined {
    return this.trees.get(name);
  }

  names(): string[] {
    return [...this.trees.keys()].sort();
  }

  /** A copy sharing the parsed trees and functions, so parsing into it leaves this set unchanged (Helm's `tpl`). */
  clone(): TemplateSet {
    const copy = new TemplateSet({ funcs: this.funcs, missingKey: this.missingKey, name: this.name });
    for (const [k, v] of this.trees) copy.trees.set(k, v);
    copy.depth = this.depth;
    return copy;
  }

  /** Runs template `name` with `data` as dot and `$`. Throws TemplateExecError, or Go's "no template" error. */
  execute(name: string, data: GoValue, extraFuncs?: Record<string, GoFunc>): string {
    const tree = this.trees.get(name);
    if (!tree) throw new Error(`template: no template "${name}" associated with template "${this.name}"`);
    if (this.depth >= MAX_EXEC_DEPTH) throw new Error(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const env: ExecEnv = {
      lookup: (n) => this.trees.get(n),
      funcs: extraFuncs ? { ...this.funcs, ...extraFuncs } : this.funcs,
      missingKey: this.missingKey,
    };
    this.depth++;
    try {
      return Executor.nested(env, tree, data, this.depth);
    } catch (e) {
      // Deep recursion through functions (include → include …) can exhaust the JS stack first.
      if (e instanceof RangeError && this.depth === 1) throw new Error(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      throw e;
    } finally {
      this.depth--;
    }
  }
}

/** Parses every file (name → text) into one set, in the given order. */
export function parseTemplates(files: Record<string, string>, opts: TemplateOptions = {}): TemplateSet {
  const set = new TemplateSet(opts);
  for (const [name, text] of Object.entries(files)) set.parse(name, text);
  return set;
}

/** One-shot: parse `text` and run it. */
export function renderTemplate(text: string, data: GoValue, opts: TemplateOptions = {}): string {
  return new TemplateSet(opts).parse(opts.name ?? 'template', text).execute(opts.name ?? 'template', data);
}
