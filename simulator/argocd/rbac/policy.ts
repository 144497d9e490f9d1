/**
 * Casbin policy text as Argo CD loads it (util/rbac argocdAdapter.LoadPolicy): one line per rule, read with a
 * CSV reader that trims leading spaces and honours quotes; `#` comments and blank lines are skipped;
 * `p` lines have 5 fields (sub, res, act, obj, eft), `g` lines 2 (member, role). Anything else is an
 * "invalid RBAC policy" error.
 */
export interface PolicyRule {
  sub: string;
  res: string;
  act: string;
  obj: string;
  /** `allow` or `deny`; any other effect neither allows nor denies (casbin's Indeterminate). */
  eft: string;
}

export interface GroupingRule {
  member: string;
  role: string;
}

export interface Policy {
  p: PolicyRule[];
  g: GroupingRule[];
}

/** Go's encoding/csv for one record with TrimLeadingSpace (quotes may wrap a field containing commas). */
export function readCsvRecord(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new Error('extraneous or missing " in quoted-field');
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') throw new Error('extraneous or missing " in quoted-field');
    } else {
      const end = line.indexOf(',', i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      if (field.includes('"')) throw new Error('bare " in non-quoted-field');
      i = end < 0 ? line.length : end;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++; // the comma
  }
}

export class PolicyError extends Error {}

/** Parse policy text; throws PolicyError naming the first bad line like Argo does. */
export function parsePolicy(text: string, into: Policy = { p: [], g: [] }): Policy {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let tokens: string[];
    try {
      tokens = readCsvRecord(line);
    } catch (e) {
      throw new PolicyError(`error parsing policy line "${line}": ${(e as Error).message}`);
    }
    const kind = tokens[0];
    if (kind === 'p' && tokens.length === 6) {
      const [, sub, res, act, obj, eft] = tokens as [string, string, string, string, string, string];
      into.p.push({ sub, res, act, obj, eft });
    } else if (kind === 'g' && tokens.length === 3) {
      into.g.push({ member: tokens[1]!, role: tokens[2]! });
    } else {
      throw new PolicyError(`invalid RBAC policy: ${line}`);
    }
  }
  return into;
}

/** argocd-rbac-cm `policy.csv` followed by every `policy.<overlay>.csv` in key order (rbac.PolicyCSV). */
export function policyCSV(data: Record<string, string>): string {
  let out = data['policy.csv'] ?? '';
  for (const key of Object.keys(data).sort()) {
    if (key.startsWith('policy.') && key.endsWith('.csv') && key !== 'policy.csv') out += `\n${data[key]}`;
  }
  return out;
}
