/** Kubernetes `$(VAR)` expansion in command and args (k8s.io/kubernetes/third_party/forked/golang/expansion). */

/**
 * `$(VAR)` becomes the variable's value when it is defined and stays as written when not;
 * `$$` escapes a `$`, so `$$(VAR)` yields the literal `$(VAR)`.
 */
export function expandKubeVars(input: string, env: ReadonlyMap<string, string>): string {
  // Most words have no `$`: returned as they are, without rebuilding them a character at a time.
  if (input.indexOf('$') < 0) return input;
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const value = env.get(name);
      out += value !== undefined ? value : `$(${name})`;
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}
