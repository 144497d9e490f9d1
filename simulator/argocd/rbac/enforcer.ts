/**
 * A casbin evaluator for Argo CD's one model (assets/model.conf):
 *   m = g(r.sub, p.sub) && globOrRegexMatch(r.res, p.res) && globOrRegexMatch(r.act, p.act) && globOrRegexMatch(r.obj, p.obj)
 *   e = some(where (p.eft == allow)) && !some(where (p.eft == deny))
 * `g` is casbin's default role manager: a subject has a role when it is the role or reaches it through
 * `g` lines (at most 10 levels). Written here rather than using the `casbin` npm package because that
 * package builds enforcers asynchronously (Promise-based model and adapter loading) while the engine's
 * API-server actions are synchronous and re-read argocd-rbac-cm on every call; the model is fixed, so the
 * evaluator is small. `Enforcer` mirrors util/rbac.Enforcer: built-in + user policy (+ a project's runtime
 * policy), `policy.default`, and `policy.matchMode`.
 */
import { globMatch, regexMatch } from './glob.js';
import { BUILTIN_POLICY } from './builtin.js';
import { PolicyError, parsePolicy } from './policy.js';
import type { Policy, PolicyRule } from './policy.js';


export type MatchMode = 'glob' | 'regex';

const MAX_HIERARCHY = 10;

type Matcher = (value: string) => boolean;

interface CompiledRule {
  rule: PolicyRule;
  res: Matcher;
  act: Matcher;
  obj: Matcher;
}

/** One loaded casbin enforcer (model + policy lines), patterns compiled once. */
export class CasbinEnforcer {
  private readonly roles = new Map<string, string[]>();
  private readonly bySubject = new Map<string, CompiledRule[]>();
  private readonly closure = new Map<string, Set<string>>();

  constructor(
    readonly policy: Policy,
    matchMode: MatchMode = 'glob',
  ) {
    for (const { member, role } of policy.g) {
      const list = this.roles.get(member) ?? [];
      if (!list.includes(role)) list.push(role);
      this.roles.set(member, list);
    }
    const compile = (pattern: string): Matcher => (matchMode === 'regex' ? (v) => regexMatch(pattern, v) : pattern === '*' ? () => true : (v) => globMatch(pattern, v));
    for (const rule of policy.p) {
      const list = this.bySubject.get(rule.sub) ?? [];
      list.push({ rule, res: compile(rule.res), act: compile(rule.act), obj: compile(rule.obj) });
      this.bySubject.set(rule.sub, list);
    }
  }

  /** The subject and every role it reaches through `g` lines (at most 10 levels). */
  private rolesOf(name: string): Set<string> {
    let set = this.closure.get(name);
    if (set) return set;
    set = new Set([name]);
    let frontier = [name];
    for (let level = 0; level < MAX_HIERARCHY && frontier.length > 0; level++) {
      const next: string[] = [];
      for (const n of frontier) {
        for (const r of this.roles.get(n) ?? []) {
          if (!set.has(r)) {
            set.add(r);
            next.push(r);
          }
        }
      }
      frontier = next;
    }
    this.closure.set(name, set);
    return set;
  }

  /** casbin `g(name, role)`: name is role, or has it through `g` lines. */
  hasRole(name: string, role: string): boolean {
    return this.rolesOf(name).has(role);
  }

  /** Every `p` rule the request matches (both effects), in policy order. */
  matching(sub: string, res: string, act: string, obj: string): PolicyRule[] {
    const out: { i: number; rule: PolicyRule }[] = [];
    for (const role of this.rolesOf(sub)) {
      for (const c of this.bySubject.get(role) ?? []) {
        if (c.res(res) && c.act(act) && c.obj(obj)) out.push({ i: this.policy.p.indexOf(c.rule), rule: c.rule });
      }
    }
    return out.sort((a, b) => a.i - b.i).map((x) => x.rule);
  }

  enforce(sub: string, res: string, act: string, obj: string): boolean {
    let allow = false;
    for (const role of this.rolesOf(sub)) {
      for (const c of this.bySubject.get(role) ?? []) {
        if (!c.res(res) || !c.act(act) || !c.obj(obj)) continue;
        if (c.rule.eft === 'deny') return false;
        if (c.rule.eft === 'allow') allow = true;
      }
    }
    return allow;
  }

  /** `g` lines whose member is `name` (Argo only tries a token group that appears as such a member). */
  hasGroupingFor(name: string): boolean {
    return this.roles.has(name);
  }
}

export interface EnforcerOptions {
  /** Built-in policy text; defaults to Argo's builtin-policy.csv. */
  builtinPolicy?: string;
  /** argocd-rbac-cm policy text (policy.csv and overlays). */
  userPolicy?: string;
  /** `policy.default`, e.g. `role:readonly`. */
  defaultRole?: string;
  matchMode?: MatchMode;
}

/** util/rbac.Enforcer: caches one casbin enforcer per (project, runtime policy). */
export class Enforcer {
  readonly builtinPolicy: string;
  readonly userPolicy: string;
  readonly defaultRole: string;
  readonly matchMode: MatchMode;
  /** A user policy casbin would refuse: Argo keeps serving without it (and logs the error). */
  readonly policyError?: string;
  private readonly base: Policy;
  private readonly cache = new Map<string, CasbinEnforcer>();

  constructor(opts: EnforcerOptions = {}) {
    this.builtinPolicy = opts.builtinPolicy ?? BUILTIN_POLICY;
    this.userPolicy = opts.userPolicy ?? '';
    this.defaultRole = opts.defaultRole ?? '';
    this.matchMode = opts.matchMode ?? 'glob';
    const base = parsePolicy(this.builtinPolicy);
    try {
      this.base = parsePolicy(this.userPolicy, { p: [...base.p], g: [...base.g] });
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      this.policyError = e.message;
      this.base = base;
    }
  }

  /** The casbin enforcer for built-in + user policy, plus a project's runtime policy when given. */
  casbin(runtimePolicy = ''): CasbinEnforcer {
    let enf = this.cache.get(runtimePolicy);
    if (!enf) {
      let policy: Policy = this.base;
      if (runtimePolicy) {
        try {
          policy = parsePolicy(runtimePolicy, { p: [...this.base.p], g: [...this.base.g] });
        } catch (e) {
          // Argo falls back to the default policy when a project's policy is invalid.
          if (!(e instanceof PolicyError)) throw e;
        }
      }
      enf = new CasbinEnforcer(policy, this.matchMode);
      this.cache.set(runtimePolicy, enf);
    }
    return enf;
  }

  /** rbac.enforce for a plain subject: the default role first, then the subject itself. */
  enforceWith(enf: CasbinEnforcer, sub: string, res: string, act: string, obj: string): boolean {
    if (this.defaultRole && enf.enforce(this.defaultRole, res, act, obj)) return true;
    return enf.enforce(sub, res, act, obj);
  }

  enforce(sub: string, res: string, act: string, obj: string): boolean {
    return this.enforceWith(this.casbin(), sub, res, act, obj);
  }
}
