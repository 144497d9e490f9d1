/**
 * The part of expr-lang's type checker that applies without a typed environment: operators whose both
 * operands are literals (`"a" + 1`) fail at compile time with the checker's wording
 * `invalid operation: + (mismatched types string and int)`. Operands from the environment are
 * interface{} to the checker, so their errors come from the runtime (`invalid operation: string + int`).
 */
import type { Node } from './ast.js';
import { ExprError } from './errors.js';

type LitType = 'int' | 'float64' | 'string' | 'bool' | 'nil' | '[]interface {}' | 'map[string]interface {}';

function literalType(n: Node): LitType | undefined {
  switch (n.kind) {
    case 'number':
      return n.float || !Number.isInteger(n.value) ? 'float64' : 'int';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'nil':
      return 'nil';
    case 'array':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    default:
      return undefined;
  }
}

const NUM = new Set<LitType>(['int', 'float64']);

function allowed(op: string, l: LitType, r: LitType): boolean {
  const nums = NUM.has(l) && NUM.has(r);
  switch (op) {
    case '+':
      return nums || (l === 'string' && r === 'string') || (l === '[]interface {}' && r === '[]interface {}');
    case '-':
    case '*':
    case '/':
    case '**':
    case '^':
      return nums;
    case '%':
      return l === 'int' && r === 'int';
    case '<':
    case '>':
    case '<=':
    case '>=':
      return nums || (l === 'string' && r === 'string');
    case 'and':
    case '&&':
    case 'or':
    case '||':
      return l === 'bool' && r === 'bool';
    case 'contains':
    case 'startsWith':
    case 'endsWith':
    case 'matches':
      return l === 'string' && r === 'string';
    case '..':
      return l === 'int' && r === 'int';
    default:
      return true;
  }
}

export function checkLiterals(node: Node, source: string): void {
  const visit = (n: Node): void => {
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) {
        for (const x of v) {
          if (x && typeof x === 'object' && 'kind' in x) visit(x as Node);
          else if (x && typeof x === 'object') for (const y of Object.values(x)) if (y && typeof y === 'object' && 'kind' in y) visit(y as Node);
        }
      } else if (v && typeof v === 'object' && 'kind' in v) visit(v as Node);
    }
    if (n.kind === 'conditional') {
      const t = literalType(n.test);
      if (t && t !== 'bool') throw new ExprError(`non-bool expression (type ${t}) used as condition`, source, n.test.pos);
    }
    if (n.kind !== 'binary') return;
    const l = literalType(n.left);
    const r = literalType(n.right);
    if (l && r && !allowed(n.op, l, r)) {
      const show = (t: LitType): string => (t === 'nil' ? 'nil' : t);
      throw new ExprError(`invalid operation: ${n.op} (mismatched types ${show(l)} and ${show(r)})`, source, n.pos);
    }
  };
  visit(node);
}
