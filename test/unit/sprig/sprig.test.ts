import { describe, expect, it } from 'vitest';
import { Rng } from '../../../simulator/core/rng.js';
import { GoTime, type GoValue } from '../../../simulator/gotemplate/value.js';
import { ArgTypeError, FuncError, sprigFuncs, toYaml } from '../../../simulator/sprig/index.js';

const f = sprigFuncs({ now: () => Date.UTC(2024, 2, 5, 7, 8, 9), rng: new Rng(42) });
const call = (name: string, ...args: GoValue[]): GoValue => {
  const fn = f[name];
  if (!fn) throw new Error(`no function ${name}`);
  return fn(...args);
};

describe('sprig strings', () => {
  it('follows sprig argument order (subject last) and Go string semantics', () => {
    expect(call('trim', '  hi \n')).toBe('hi');
    expect(call('trimAll', '$', '$5.00$')).toBe('5.00');
    expect(call('trimPrefix', 'v', 'v1.2')).toBe('1.2');
    expect(call('trimSuffix', '-', 'a-')).toBe('a');
    expect(call('trunc', 5n, 'hello world')).toBe('hello');
    expect(call('trunc', -5n, 'hello world')).toBe('world');
    expect(call('trunc', 63n, 'short')).toBe('short');
    expect(call('replace', ' ', '-', 'I Am Henry')).toBe('I-Am-Henry');
    expect(call('contains', 'cat', 'catch')).toBe(true);
    expect(call('hasPrefix', 'cat', 'catch')).toBe(true);
    expect(call('hasSuffix', 'ch', 'catch')).toBe(true);
    expect(call('title', 'hello world-wide')).toBe('Hello World-Wide');
    expect(call('upper', 'abc')).toBe('ABC');
    expect(call('substr', 0n, 5n, 'hello world')).toBe('hello');
    expect(call('repeat', 3n, 'ab')).toBe('ababab');
    expect(call('abbrev', 5n, 'hello world')).toBe('he...');
    expect(call('initials', 'First Try')).toBe('FT');
    expect(call('snakecase', 'FirstName')).toBe('first_name');
    expect(call('kebabcase', 'FirstName')).toBe('first-name');
    expect(call('camelcase', 'http_server')).toBe('HttpServer');
    expect(call('nospace', 'hello w o r l d')).toBe('helloworld');
    expect(call('plural', 'one anchovy', 'many anchovies', 2n)).toBe('many anchovies');
  });

  it('quotes with Go %q, skips nil arguments, and stringifies with %v', () => {
    expect(call('quote', 'a"b\n')).toBe('"a\\"b\\n"');
    expect(call('quote', 'x', null, 3n)).toBe('"x" "3"');
    expect(call('squote', 'x')).toBe("'x'");
    expect(call('quote', 1000000)).toBe('"1e+06"');
    expect(call('toString', 3.5)).toBe('3.5');
    expect(call('toString', null)).toBe('<nil>');
    expect(call('toString', ['a', 1n, { k: true }])).toBe('[a 1 map[k:true]]');
    expect(call('cat', 'hello', null, 'world', 2n)).toBe('hello world 2');
  });

  it('indents every line, nindent adds the leading newline', () => {
    expect(call('indent', 4n, 'a: 1\nb: 2')).toBe('    a: 1\n    b: 2');
    expect(call('nindent', 2n, 'x\ny')).toBe('\n  x\n  y');
  });

  it('splits and joins like Go: split → map of _N, splitList → list, join stringifies', () => {
    expect(call('split', '$', 'foo$bar$baz')).toEqual({ _0: 'foo', _1: 'bar', _2: 'baz' });
    expect(call('splitn', '$', 2n, 'foo$bar$baz')).toEqual({ _0: 'foo', _1: 'bar$baz' });
    expect(call('splitList', ',', 'a,b,,c')).toEqual(['a', 'b', '', 'c']);
    expect(call('join', '-', ['a', 1n, null, 2.5])).toBe('a-1-2.5');
  });

  it('refuses a float64 where Go wants an int (Helm values are float64)', () => {
    expect(() => call('indent', 4, 'x')).toThrow(ArgTypeError);
    expect(() => call('indent', 4, 'x')).toThrow('wrong type for value; expected int; got float64');
    expect(() => call('upper', 3n)).toThrow('wrong type for value; expected string; got int');
  });
});

describe('sprig defaults and flow', () => {
  it('default/empty/coalesce/ternary use Go zero values', () => {
    expect(call('default', 'foo', '')).toBe('foo');
    expect(call('default', 'foo', 0n)).toBe('foo');
    expect(call('default', 'foo', false)).toBe('foo');
    expect(call('default', 'foo', [])).toBe('foo');
    expect(call('default', 'foo', {})).toBe('foo');
    expect(call('default', 'foo', null)).toBe('foo');
    expect(call('default', 'foo')).toBe('foo');
    expect(call('default', 'foo', 'bar')).toBe('bar');
    expect(call('default', 'foo', 0.5)).toBe(0.5);
    expect(call('empty', 0)).toBe(true);
    expect(call('empty', ' ')).toBe(false);
    expect(call('coalesce', null, '', 0n, 'x', 'y')).toBe('x');
    expect(call('coalesce', null, '')).toBe(null);
    expect(call('ternary', 'yes', 'no', true)).toBe('yes');
    expect(() => call('ternary', 'yes', 'no', 'true')).toThrow('wrong type for value; expected bool; got string');
  });

  it('required and fail raise function errors with the given message', () => {
    expect(() => call('required', 'image.tag is required', null)).toThrow(new FuncError('image.tag is required'));
    expect(() => call('required', 'x', '')).toThrow('x');
    expect(call('required', 'x', 0n)).toBe(0n);
    expect(() => call('fail', 'boom')).toThrow('boom');
  });
});

describe('sprig lists and dicts', () => {
  it('builds and reads lists', () => {
    const l = call('list', 1n, 2n, 3n, 3n);
    expect(call('first', l)).toBe(1n);
    expect(call('last', l)).toBe(3n);
    expect(call('rest', l)).toEqual([2n, 3n, 3n]);
    expect(call('initial', l)).toEqual([1n, 2n, 3n]);
    expect(call('uniq', l)).toEqual([1n, 2n, 3n]);
    expect(call('has', 2n, l)).toBe(true);
    expect(call('has', 2, l)).toBe(false);
    expect(call('without', l, 3n)).toEqual([1n, 2n]);
    expect(call('append', l, 4n)).toEqual([1n, 2n, 3n, 3n, 4n]);
    expect(call('prepend', l, 0n)).toEqual([0n, 1n, 2n, 3n, 3n]);
    expect(call('concat', l, ['a'])).toEqual([1n, 2n, 3n, 3n, 'a']);
    expect(call('compact', ['a', '', null, 0n, 'b'])).toEqual(['a', 'b']);
    expect(call('sortAlpha', ['b', 'a', 10n])).toEqual(['10', 'a', 'b']);
    expect(call('slice', l, 1n, 3n)).toEqual([2n, 3n]);
    expect(call('reverse', ['a', 'b'])).toEqual(['b', 'a']);
    expect(call('first', null)).toBe(null);
    expect(call('mustAppend', ['a'], 'b')).toEqual(['a', 'b']);
    expect(() => call('mustFirst', 'not a list')).toThrow('Cannot find first on type string');
    expect(call('trimall', '-', '-x-')).toBe('x');
  });

  it('dict/get/set/hasKey/keys/pick/omit/dig', () => {
    const d = call('dict', 'name', 'web', 'port', 80n, 'odd') as Record<string, GoValue>;
    expect(d).toEqual({ name: 'web', port: 80n, odd: '' });
    expect(call('get', d, 'name')).toBe('web');
    expect(call('get', d, 'missing')).toBe('');
    expect(call('hasKey', d, 'port')).toBe(true);
    expect(call('set', d, 'x', 1n)).toBe(d);
    expect(call('keys', d)).toEqual(['name', 'odd', 'port', 'x']);
    expect(call('pick', d, 'name', 'nope')).toEqual({ name: 'web' });
    expect(call('omit', d, 'odd', 'x', 'port')).toEqual({ name: 'web' });
    expect(call('dig', 'a', 'b', 'def', { a: { b: 'found' } })).toBe('found');
    expect(call('dig', 'a', 'c', 'def', { a: { b: 'found' } })).toBe('def');
    expect(call('pluck', 'k', { k: 1n }, { j: 2n }, { k: 3n })).toEqual([1n, 3n]);
  });

  it('merge keeps set destination values, mergeOverwrite lets set source values win; both deep', () => {
    const dst = { a: 1n, nested: { x: 'dst', keep: true }, empty: '' };
    const src = { a: 2n, b: 3n, nested: { x: 'src', y: 'src' }, empty: 'filled' };
    expect(call('merge', structuredClone(dst), src)).toEqual({ a: 1n, b: 3n, nested: { x: 'dst', keep: true, y: 'src' }, empty: 'filled' });
    expect(call('mergeOverwrite', structuredClone(dst), src)).toEqual({ a: 2n, b: 3n, nested: { x: 'src', keep: true, y: 'src' }, empty: 'filled' });
    expect(call('mergeOverwrite', { a: 1n }, { a: 0n })).toEqual({ a: 1n });
  });
});

describe('sprig math and conversion', () => {
  it('integer math returns int64 over cast.ToInt64 arguments; *f returns float64', () => {
    expect(call('add', 1n, 2.9, '3')).toBe(6n);
    expect(call('add1', 1.5)).toBe(2n);
    expect(call('sub', 5n, 7n)).toBe(-2n);
    expect(call('mul', 2n, 3n, 4n)).toBe(24n);
    expect(call('div', 7n, 2n)).toBe(3n);
    expect(call('div', -7n, 2n)).toBe(-3n);
    expect(call('mod', 7n, 3n)).toBe(1n);
    expect(call('max', 1n, 9n, 3n)).toBe(9n);
    expect(call('min', 4n, 2n, 3n)).toBe(2n);
    expect(call('addf', 1.5, 2n)).toBe(3.5);
    expect(call('round', 123.5555, 3n)).toBe(123.556);
    expect(call('floor', 1.9)).toBe(1);
    expect(() => call('div', 1n, 0n)).toThrow('integer divide by zero');
  });

  it('int/int64/float64/atoi convert like spf13/cast and strconv', () => {
    expect(call('int', '42')).toBe(42n);
    expect(call('int', '0x1F')).toBe(31n);
    expect(call('int', 'abc')).toBe(0n);
    expect(call('int', 3.99)).toBe(3n);
    expect(call('int64', true)).toBe(1n);
    expect(call('float64', '1.5')).toBe(1.5);
    expect(call('float64', 2n)).toBe(2);
    expect(call('atoi', '12')).toBe(12n);
    expect(call('atoi', '1.5')).toBe(0n);
  });

  it('until and untilStep count like Go loops', () => {
    expect(call('until', 3n)).toEqual([0n, 1n, 2n]);
    expect(call('until', -2n)).toEqual([0n, -1n]);
    expect(call('untilStep', 3n, 9n, 2n)).toEqual([3n, 5n, 7n]);
    expect(call('untilStep', 3n, 9n, -1n)).toEqual([]);
    expect(call('seq', 3n)).toBe('1 2 3');
  });
});

describe('sprig regex, semver, encoding, time, random', () => {
  it('regex functions take RE2 syntax and Go replacement templates', () => {
    expect(call('regexMatch', '^[a-z]+\\d$', 'abc1')).toBe(true);
    expect(call('regexMatch', '(', 'x')).toBe(false);
    expect(call('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '${1}W')).toBe('-W-xxW-');
    expect(call('regexReplaceAll', '(?P<first>\\w+) (?P<last>\\w+)', 'John Smith', '$last, $first')).toBe('Smith, John');
    expect(call('regexReplaceAllLiteral', 'a(x*)b', '-ab-axxb-', '${1}')).toBe('-${1}-${1}-');
    expect(call('regexFindAll', 'a.', 'aa ab ac', -1n)).toEqual(['aa', 'ab', 'ac']);
    expect(call('regexFind', '[0-9]+', 'v12.3')).toBe('12');
    expect(call('regexSplit', 'z+', 'pizza', -1n)).toEqual(['pi', 'a']);
  });

  it('semverCompare handles the constraints charts use', () => {
    expect(call('semverCompare', '>=1.19-0', 'v1.29.0')).toBe(true);
    expect(call('semverCompare', '>=1.19-0', 'v1.29.0-gke.100')).toBe(true);
    expect(call('semverCompare', '>=1.19', 'v1.29.0-gke.100')).toBe(false);
    expect(call('semverCompare', '<1.19', '1.18.5')).toBe(true);
    expect(call('semverCompare', '^1.2.0', '1.9.9')).toBe(true);
    expect(call('semverCompare', '^1.2.0', '2.0.0')).toBe(false);
    expect(call('semverCompare', '~1.2.3', '1.2.9')).toBe(true);
    expect(call('semverCompare', '~1.2.3', '1.3.0')).toBe(false);
    expect(call('semverCompare', '1.2.x', '1.2.7')).toBe(true);
    expect(call('semverCompare', '>= 1.2, < 1.4', '1.4.0')).toBe(false);
    expect(call('semverCompare', '<1.0 || >=2.0', '2.1.0')).toBe(true);
    expect(call('semverCompare', '1.1 - 1.3', '1.3.0')).toBe(true);
    expect(() => call('semverCompare', '>=1', 'not-a-version')).toThrow('Invalid Semantic Version');
  });

  it('toJson is Go encoding/json (sorted keys, HTML escaped), fromJson Helm-style', () => {
    expect(call('toJson', { b: [1n, 2.5, null], a: 'x<y', c: 1000000 })).toBe('{"a":"x\\u003cy","b":[1,2.5,null],"c":1000000}');
    expect(call('toRawJson', { a: '<' })).toBe('{"a":"<"}');
    expect(call('toPrettyJson', { a: [1n], b: {} })).toBe('{\n  "a": [\n    1\n  ],\n  "b": {}\n}');
    expect(call('fromJson', '{"a": 1, "b": [true]}')).toEqual({ a: 1, b: [true] });
    expect(call('fromJson', '{bad')).toEqual({ Error: expect.stringContaining('invalid character') });
  });

  it('b64enc/b64dec and hashes match the Go/coreutils outputs', () => {
    expect(call('b64enc', 'hello')).toBe('aGVsbG8=');
    expect(call('b64dec', 'aGVsbG8=')).toBe('hello');
    expect(call('sha256sum', 'hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(call('sha1sum', 'hello')).toBe('aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
    expect(call('adler32sum', 'hello')).toBe('103547413');
  });

  it('now/date use the virtual clock and Go layouts', () => {
    const now = call('now') as GoTime;
    expect(now).toBeInstanceOf(GoTime);
    expect(call('date', '2006-01-02T15:04:05Z07:00', now)).toBe('2024-03-05T07:08:09Z');
    expect(call('date', 'Jan _2 3:04PM Mon', now)).toBe('Mar  5 7:08AM Tue');
    expect(call('date', '2006-01-02', 0n)).toBe('1970-01-01');
    expect(call('toString', now)).toBe('2024-03-05 07:08:09 +0000 UTC');
    expect(call('unixEpoch', now)).toBe(String(Date.UTC(2024, 2, 5, 7, 8, 9) / 1000));
  });

  it('random functions are seeded: the same seed gives the same values', () => {
    const a = sprigFuncs({ rng: new Rng(7) });
    const b = sprigFuncs({ rng: new Rng(7) });
    const ra = [a.randAlphaNum!(10n), a.uuidv4!(), a.randNumeric!(4n)];
    expect([b.randAlphaNum!(10n), b.uuidv4!(), b.randNumeric!(4n)]).toEqual(ra);
    expect(ra[0]).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(ra[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('toYaml (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('sorts keys, keeps sequences at the parent indent, integral floats print as integers', () => {
    const v: GoValue = { resources: { limits: { cpu: '100m', memory: '128Mi' } }, ports: [{ name: 'http', containerPort: 80 }], replicas: 3, big: 1000000, ratio: 0.5, tags: [], labels: {}, nil: null };
    expect(toYaml(v)).toBe(
      [
        'big: 1000000',
        'labels: {}',
        'nil: null',
        'ports:',
        '- containerPort: 80',
        '  name: http',
        'ratio: 0.5',
        'replicas: 3',
        'resources:',
        '  limits:',
        '    cpu: 100m',
        '    memory: 128Mi',
        'tags: []',
      ].join('\n'),
    );
  });

  it('quotes strings like go-yaml: double for other types, single for indicators, literal blocks for newlines', () => {
    expect(toYaml({ a: 'yes', b: '1.0', c: '', d: 'a: b', e: '- x', f: 'x #y', g: 'line1\nline2\n', h: 'tab\there', i: 'plain text', j: '0755', k: 'true', l: "it's", m: 'no-trail\nx' })).toBe(
      ['a: "yes"', 'b: "1.0"', 'c: ""', "d: 'a: b'", "e: '- x'", "f: 'x #y'", 'g: |', '  line1', '  line2', 'h: "tab\\there"', 'i: plain text', 'j: "0755"', 'k: "true"', "l: it's", 'm: |-', '  no-trail', '  x'].join('\n'),
    );
    expect(toYaml([['a'], 'b'])).toBe('- - a\n- b');
    expect(toYaml('x')).toBe('x');
  });
});
