/**
 * Trigger evaluation like notifications-engine `triggers.Run`: every condition of the trigger is run with
 * expr on `{app, context, time, strings}`; a non-bool or failing `when` is "not triggered" (the error is
 * reported); `oncePer` is evaluated only when triggered. Each condition has a stable key
 * `[i].<base64url(sha1(when))>` that the notified-state annotation remembers; oncePer values are `%v`.
 */
import { compile, goString, run } from '../../expr/index.js';
import type { ExprMap, Program } from '../../expr/index.js';
import { sha1Hex } from '../../git/sha1.js';
import type { TriggerCondition } from './config.js';

export interface ConditionResult {
  key: string;
  condition: TriggerCondition;
  triggered: boolean;
  /** `%v` of the oncePer expression when triggered and set. */
  oncePer: string;
  /** Why it did not evaluate (expr error text), if it failed. */
  error?: string;
}

const programs = new Map<string, Program>();

function program(src: string): Program {
  let p = programs.get(src);
  if (!p) {
    p = compile(src);
    if (programs.size > 500) programs.clear();
    programs.set(src, p);
  }
  return p;
}

function base64url(hex: string): string {
  let bin = '';
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function conditionKey(index: number, when: string): string {
  return `[${index}].${base64url(sha1Hex(new TextEncoder().encode(when)))}`;
}


export function runTrigger(conditions: TriggerCondition[], vars: ExprMap, now: number): ConditionResult[] {
  return conditions.map((condition, i) => {
    const result: ConditionResult = { key: conditionKey(i, condition.when), condition, triggered: false, oncePer: '' };
    try {
      const v = run(program(condition.when || 'false'), vars, { now, allowUndefined: true });
      result.triggered = v === true;
    } catch (e) {
      result.error = `failed to execute when condition: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (result.triggered && condition.oncePer) {
      try {
        result.oncePer = goString(run(program(condition.oncePer), vars, { now, allowUndefined: true }));
      } catch (e) {
        result.error = `failed to execute oncePer condition: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    return result;
  });
}
