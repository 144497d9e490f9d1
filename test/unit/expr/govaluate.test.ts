/** Argo Workflows `when:` — govaluate with bare words read as strings (operator.go shouldExecute). */
import { describe, expect, it } from 'vitest';
import { evalGovaluate, shouldExecute } from '../../../simulator/expr/index.js';

describe('shouldExecute', () => {
  it.each([
    ['', true],
    ['heads == heads', true],
    ['tails == heads', false],
    ['heads != heads', false],
    ['"heads" == heads', true],
    ['7 > 5', true],
    ['3 > 5', false],
    ['10 >= 10', true],
    ['5 == 5.0', true],
    ['"5" == 5', false],
    ['true == true', true],
    ['true', true],
    ['Succeeded != Failed && 2 < 3', true],
    ['false || 1 == 1', true],
    ['!(1 == 2)', true],
    ['hello =~ "^h.*o$"', true],
    ["hello !~ 'x'", true],
    ['b in (a, b, c)', true],
    ['d in (a, b, c)', false],
    ['2 in (1, 2)', true],
    ['(1 + 2) * 3 == 9', true],
    ['a + b == ab', true],
    ['false && notabool', false],
    ['true || notabool', true],
  ])('%s → %s', (when, want) => {
    expect(shouldExecute(when)).toBe(want);
  });

  it.each([
    ['hello world == x', "Invalid 'when' expression 'hello world == x': Cannot transition token types from VARIABLE [hello] to VARIABLE [world]"],
    ['a == @b', `Invalid 'when' expression 'a == @b': Invalid token: '@' (hint: try wrapping the affected expression in quotes ("))`],
    ["'open == x", "Invalid 'when' expression ''open == x': Unclosed string literal"],
    ['(1 == 1', "Invalid 'when' expression '(1 == 1': Unbalanced parenthesis"],
    ['heads', "Expected boolean evaluation for 'heads'. Got heads"],
    ['x && true', "Failed to evaluate 'when' expresion 'x && true': Value 'x' cannot be used with the logical operator '&&', it is not a bool"],
    // A hyphenated bare word is a subtraction of two strings, as in govaluate.
    ['my-param == x', "Value 'my' cannot be used with the modifier '-', it is not a number"],
    ['abc > 5', "Value 'abc' cannot be used with the comparator '>', it is not a number"],
    ['5 > abc', "Value '5' cannot be used with the comparator '>', it is not a number"],
  ])('%s fails like Argo', (when, msg) => {
    expect(() => shouldExecute(when)).toThrow(msg);
  });

  it('evaluates non-boolean results too', () => {
    expect(evalGovaluate('1 + 2')).toBe(3);
    expect(evalGovaluate('foo + 1')).toBe('foo1');
  });
});
