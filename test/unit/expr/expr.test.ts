/** expr-lang subset: values, operators, builtins, closures, pipes, errors with location, limits. */
import { describe, expect, it } from 'vitest';
import { ExprDuration, ExprError, compile, evaluate, run } from '../../../simulator/expr/index.js';

const ENV = {
  n: 7,
  f: 2.5,
  s: 'Hello',
  list: [3, 1, 2],
  users: [
    { name: 'ada', age: 36 },
    { name: 'bob', age: 17 },
  ],
  m: { a: 1, 'with-dash': 'x', nested: { deep: true } },
  none: null,
};

const CASES: [string, unknown][] = [
  ['1 + 2 * 3', 7],
  ['(1 + 2) * 3', 9],
  ['7 / 2', 3.5],
  ['n % 4', 3],
  ['-n + 1', -6],
  ['2 ** 3 ** 2', 512],
  ['2 ^ 3', 8],
  ['f * 2', 5],
  ["'a' + \"b\"", 'ab'],
  ['`raw\\n`', 'raw\\n'],
  ['"tab\\tnew"', 'tab\tnew'],
  ['0x1F + 1_000', 1031],
  ['1e3', 1000],
  ['nil == none', true],
  ['1 == 1.0', true],
  ['[1, [2]] == [1, [2]]', true],
  ['{"a": 1} != {"a": 2}', true],
  ['"abc" < "abd"', true],
  ['n >= 7 and n <= 7', true],
  ['n > 10 || s == "Hello"', true],
  ['not true', false],
  ['!false && true', true],
  ['2 in list', true],
  ['"a" in m', true],
  ['5 not in list', true],
  ['s contains "ell"', true],
  ['s startsWith "He"', true],
  ['s endsWith "lo"', true],
  ['s matches "^h"', false],
  ['s matches "(?i)^h"', true],
  ['s not matches "^x"', true],
  ['n > 5 ? "big" : "small"', 'big'],
  ['1..4', [1, 2, 3, 4]],
  ['list[0]', 3],
  ['list[-1]', 2],
  ['list[1:]', [1, 2]],
  ['list[:2]', [3, 1]],
  ['s[1:3]', 'el'],
  ['m.a', 1],
  ['m["with-dash"]', 'x'],
  ['m.nested.deep', true],
  ['m.missing', null],
  ['none?.field', null],
  ['none?.a.b.c', null],
  ['m?.nested?.deep', true],
  ['none ?? "default"', 'default'],
  ['m.missing?.deeper ?? "fallback"', 'fallback'],
  ['1 < n < 10', true],
  ['1 < n <= 5', false],
  ['true ?: false', true],
  ['false ?: "other"', 'other'],
  ['if n > 5 { "big" } else { "small" }', 'big'],
  ['if n > 10 { 1 } else if n > 5 { 2 } else { 3 }', 2],
  ['s | lower() == "hello" ? "yes" : "no"', 'yes'],
  ['len(list) + len(s) + len(m)', 11],
  ['len("héllo")', 5],
  ['filter(list, # > 1)', [3, 2]],
  ['map(users, .name)', ['ada', 'bob']],
  ['map(users, #.age + 1)', [37, 18]],
  ['all(users, .age > 10)', true],
  ['any(users, .age < 18)', true],
  ['none(users, .name == "eve")', true],
  ['one(users, .age > 30)', true],
  ['count(users, .age >= 18)', 1],
  ['map(list, #index)', [0, 1, 2]],
  ['reduce(list, #acc + #, 10)', 16],
  ['sum(list)', 6],
  ['sortBy(users, .age)[0].name', 'bob'],
  ['find(users, .age < 18).name', 'bob'],
  ['first(list)', 3],
  ['last(list)', 2],
  ['keys({"b": 1, "a": 2})', ['b', 'a']],
  ['values({"b": 1})', [1]],
  ['string(42) + string(true)', '42true'],
  ['int("12") + int(3.9)', 15],
  ['float("1.5") * 2', 3],
  ['trim("  x  ")', 'x'],
  ['trim("__x_", "_")', 'x'],
  ['upper("a") + lower("B")', 'Ab'],
  ['split("a,b,c", ",")', ['a', 'b', 'c']],
  ['join(["a", "b"], "-")', 'a-b'],
  ['replace("aaa", "a", "b")', 'bbb'],
  ['toJSON({"b": [1, 2], "a": "x"})', '{\n  "a": "x",\n  "b": [\n    1,\n    2\n  ]\n}'],
  ['fromJSON("{\\"a\\": [1, 2]}").a[1]', 2],
  ['abs(-3) + max(1, 5, 2) - min([4, 2])', 6],
  ['s | lower() | upper()', 'HELLO'],
  ['list | filter(# > 1) | map(# * 10)', [30, 20]],
  ['let x = n * 2; x + 1', 15],
  ['{"k": n, (s): 1}.Hello', 1],
  ['[1, 2, 3,]', [1, 2, 3]],
  ['type(1.5) + type(1) + type(nil)', 'floatintnil'],
  ['duration("1h30m").Minutes()', 90],
];

describe('expr evaluate', () => {
  it.each(CASES)('%s', (src, want) => {
    expect(evaluate(src, ENV)).toEqual(want);
  });

  it('now() and durations use the virtual time passed in', () => {
    const t0 = Date.UTC(2026, 0, 1, 12);
    expect(evaluate('now() - duration("30m") < now()', {}, { now: t0 })).toBe(true);
    const d = evaluate('now().Sub(now())', {}, { now: t0 });
    expect(d).toBeInstanceOf(ExprDuration);
    expect(() => evaluate('now()', {})).toThrow(/virtual clock/);
  });

  it('compiles once and runs against different environments', () => {
    const p = compile('asInt(x) * 2');
    expect(run(p, { x: '4', asInt: (v: unknown) => Number(v) })).toBe(8);
    expect(run(p, { x: '5', asInt: (v: unknown) => Number(v) })).toBe(10);
  });
});

const ERRORS: [string, string][] = [
  ['foo + 1', 'unknown name foo (1:1)\n | foo + 1\n | ^'],
  ['1 +\n  bar', 'unknown name bar (2:3)\n |   bar\n | ..^'],
  ['"a" + 1', 'invalid operation: + (mismatched types string and int) (1:5)\n | "a" + 1\n | ....^'],
  ['s - 1', 'invalid operation: string - int (1:3)'],
  ['n % 2.5', 'invalid operation: int % float64'],
  ['1 % 2.5', 'invalid operation: % (mismatched types int and float64)'],
  ['none.field', 'cannot fetch field from <nil>'],
  ['list[5]', 'index out of range: 5 (array length is 3)'],
  ['n and true', 'interface conversion: interface {} is int, not bool'],
  ['1 and true', 'invalid operation: and (mismatched types int and bool)'],
  ['n ? 1 : 2', 'interface conversion: interface {} is int, not bool'],
  ['1 ? 1 : 2', 'non-bool expression (type int) used as condition (1:1)'],
  ['len(n)', 'invalid argument for len (type int)'],
  ['int("x1")', 'strconv.Atoi: parsing "x1": invalid syntax'],
  ['1 +', 'unexpected token EOF (1:4)'],
  ['(1 + 2', 'unexpected token EOF'],
  ['1 2', 'unexpected token Number("2") (1:3)'],
  ['"open', 'literal not terminated (1:1)'],
  ['1 @ 2', "unrecognized character: U+0040 '@'"],
  ['5 % 0', 'integer divide by zero'],
  ['1 in 2', 'operator "in" not defined on int'],
  ['m.missing.deeper ?? 1', 'cannot fetch deeper from <nil>'],
  ['none ?? 1 + 2', 'Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses. (1:11)'],
];

describe('expr errors', () => {
  it.each(ERRORS)('%s', (src, msg) => {
    let err: unknown;
    try {
      evaluate(src, ENV);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExprError);
    expect((err as ExprError).message).toContain(msg);
  });

  it('reports line and column as fields', () => {
    try {
      evaluate('n +\n  nope', ENV);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      expect((e as ExprError).line).toBe(2);
      expect((e as ExprError).column).toBe(3);
      expect((e as ExprError).reason).toBe('unknown name nope');
    }
  });

  it('an unknown name fails even on a branch that is never taken (checked before running)', () => {
    expect(() => evaluate('true ? 1 : nope', ENV)).toThrow(/unknown name nope/);
  });

  it('refuses regexps with nested repetition (exponential backtracking in JS, linear in RE2)', () => {
    expect(() => evaluate('"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" matches "(a+)+$"', {})).toThrow(/nested repetition is refused/);
    expect(evaluate('"abab-c" matches "^(ab)+-c$"', {})).toBe(true);
  });

  it('pathological nesting is an error, not a crash', () => {
    expect(() => evaluate('('.repeat(4000) + '1' + ')'.repeat(4000), {})).toThrow(/expression nested too deeply/);
    expect(() => evaluate('1' + ' + 1'.repeat(2400), {})).toThrow(ExprError);
  });

  it('limits expression length and evaluation steps', () => {
    expect(() => evaluate('1 + 1'.padEnd(20_000, ' '), {})).toThrow(/expression too long/);
    expect(() => evaluate('map(1..1000, map(1..1000, # * 2))', {})).toThrow(/exceeded the limit of 100000 steps/);
    expect(() => evaluate('filter(1..50, # > 1)', {}, { maxSteps: 20 })).toThrow(/exceeded the limit of 20 steps/);
  });
});
