/**
 * Why a request is allowed or denied, for the learner: the same candidates Argo tries (`policy.default`, the
 * subject with its project's role policies, then token groups bound by `g` lines), each with the policy lines
 * that matched. Deny lines that matched explain a refusal even when an allow matched too.
 */
import type { Claims, RbacPolicyEnforcer } from './claims.js';
import { projectPoliciesString, projectRoleFromSubject, scopeValues } from './claims.js';
import type { PolicyRule } from './policy.js';

export interface RbacCandidate {
  /** `policy.default`, the token subject, or a group from the token. */
  as: 'default role' | 'subject' | 'group';
  subject: string;
  matched: PolicyRule[];
  allowed: boolean;
}

export interface RbacDecision {
  allowed: boolean;
  candidates: RbacCandidate[];
  /** One sentence for the UI. */
  why: string;
}

const line = (r: PolicyRule) => `p, ${r.sub}, ${r.res}, ${r.act}, ${r.obj}, ${r.eft}`;

export function explainRbac(rbac: RbacPolicyEnforcer, claims: Claims | undefined, res: string, act: string, obj: string): RbacDecision {
  const candidates: RbacCandidate[] = [];
  const enf = rbac.enf;
  const proj = rbac.projectOf(res, obj);
  const runtime = proj ? projectPoliciesString(proj) : '';
  const casbin = enf.casbin(runtime);
  const add = (as: RbacCandidate['as'], subject: string) => {
    const matched = casbin.matching(subject, res, act, obj);
    candidates.push({ as, subject, matched, allowed: matched.some((m) => m.eft === 'allow') && !matched.some((m) => m.eft === 'deny') });
  };
  if (enf.defaultRole) add('default role', enf.defaultRole);
  const role = claims ? projectRoleFromSubject(claims.sub) : undefined;
  if (claims && !(role && proj && role.project !== proj.metadata.name)) {
    add('subject', claims.sub);
    if (!role) for (const g of scopeValues(claims, rbac.scopes)) if (casbin.hasGroupingFor(g)) add('group', g);
  }
  const allowed = rbac.enforce(claims, res, act, obj);
  const winner = candidates.find((c) => c.allowed);
  const denies = candidates.flatMap((c) => c.matched.filter((m) => m.eft === 'deny'));
  let why: string;
  if (allowed && winner) why = `${winner.as} ${winner.subject} is allowed by "${line(winner.matched.find((m) => m.eft === 'allow')!)}"`;
  else if (denies.length > 0) why = `denied by "${line(denies[0]!)}" (deny wins over allow)`;
  else if (role && proj && role.project !== proj.metadata.name) why = `a token of project ${role.project} cannot act in project ${proj.metadata.name}`;
  else why = `no policy line allows ${act} on ${res} ${obj}`;
  return { allowed, candidates, why };
}
