import { describe, expect, it } from 'vitest';
import { parseTemplates, renderTemplate, TemplateExecError, TemplateParseError, TemplateSet, type GoValue } from '../../../simulator/gotemplate/index.js';
import { sprigFuncs } from '../../../simulator/sprig/index.js';

const funcs = sprigFuncs();
const render = (text: string, data: GoValue = {}, missingKey?: 'default' | 'zero' | 'error'): string => renderTemplate(text, data, { funcs, name: 't', missingKey });

function execError(fn: () => unknown): TemplateExecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateExecError) return e;
    throw e;
  }
  throw new Error('expected a TemplateExecError');
}

function parseError(fn: () => unknown): TemplateParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateParseError) return e;
    throw e;
  }
  throw new Error('expected a TemplateParseError');
}

describe('text/template: actions, fields, variables', () => {
  it('prints fields, nested fields, $ and literals with Go formatting', () => {
    const data = { name: 'web', spec: { replicas: 3, ratio: 0.25, big: 1000000 }, ok: true, n: 3n, list: ['a', 'b'], m: { b: 1n, a: 2n } };
    expect(render('{{ .name }}/{{.spec.replicas}}/{{ .spec.ratio }}/{{ .spec.big }}/{{ .ok }}/{{ .n }}', data)).toBe('web/3/0.25/1e+06/true/3');
    expect(render('{{ .list }} {{ .m }} {{ $.name }} {{ "q" }} {{ 1.5 }} {{ 0x10 }} {{ \'a\' }} {{ `raw` }}', data)).toBe('[a b] map[a:2 b:1] web q 1.5 16 97 raw');
  });

  it('prints <no value> for missing keys and nil, and nil-pointer errors on a field of nil (missingkey=zero)', () => {
    expect(render('[{{ .missing }}][{{ .nil }}]', { nil: null })).toBe('[<no value>][<no value>]');
    expect(render('[{{ .a.b }}]', {})).toBe('[<no value>]');
    const e = execError(() => render('x\n  {{ .a.b }}', {}, 'zero'));
    expect(e.message).toBe('template: t:2:7: executing "t" at <.a.b>: nil pointer evaluating interface {}.b');
    expect(execError(() => render('{{ .a }}', {}, 'error')).message).toBe('template: t:1:3: executing "t" at <.a>: map has no entry for key "a"');
    expect(execError(() => render('{{ .s.x }}', { s: 'str' })).detail).toBe("can't evaluate field x in type string");
  });

  it('declares, assigns and scopes variables', () => {
    expect(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}')).toBe('2');
    expect(render('{{ $v := .a }}{{ with .b }}{{ $v }}-{{ . }}{{ end }}', { a: 'A', b: 'B' })).toBe('A-B');
    expect(parseError(() => render('{{ if true }}{{ $y := 3 }}{{ end }}{{ $y }}')).message).toBe('template: t:1: undefined variable "$y"');
  });

  it('pipes the previous value as the last argument', () => {
    expect(render('{{ .name | upper | printf "%s-%d" 7 }}', { name: 'web' })).toBe('%!s(int=7)-%!d(string=WEB)');
    expect(render('{{ .name | upper | printf "%s-%s" "x" }}', { name: 'web' })).toBe('x-WEB');
    expect(render('{{ .missing | default "dflt" | quote }}')).toBe('"dflt"');
    expect(render('{{ (printf "%s.%s" "a" "b") | upper }}')).toBe('A.B');
  });
});

describe('text/template: control structures', () => {
  it('if / else if / else, with / else with / else, truth of Go zero values', () => {
    const t = '{{ if eq .n 1 }}one{{ else if eq .n 2 }}two{{ else }}many{{ end }}';
    expect([1n, 2n, 3n].map((n) => render(t, { n }))).toEqual(['one', 'two', 'many']);
    expect(render('{{ if .e }}y{{ else }}n{{ end }}{{ if .z }}y{{ else }}n{{ end }}{{ if .l }}y{{ else }}n{{ end }}', { e: '', z: 0, l: [] })).toBe('nnn');
    expect(render('{{ with .a }}{{ . }}{{ else with .b }}b:{{ . }}{{ else }}none{{ end }}', { b: 'B' })).toBe('b:B');
  });

  it('range over lists, maps (sorted keys), ints; $i, $v; else; break and continue', () => {
    expect(render('{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}', { l: ['a', 'b'] })).toBe('0=a;1=b;');
    expect(render('{{ range $k, $v := .m }}{{ $k }}:{{ $v }} {{ end }}', { m: { z: 1n, a: 2n } })).toBe('a:2 z:1 ');
    expect(render('{{ range .l }}[{{ . }}]{{ else }}empty{{ end }}', { l: [] })).toBe('empty');
    expect(render('{{ range 3 }}{{ . }}{{ end }}')).toBe('012');
    expect(render('{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}', { l: [1n, 2n, 3n, 4n, 5n] })).toBe('13');
    expect(render('{{ range $x := until 3 }}{{ $x }}{{ end }}')).toBe('012');
    expect(execError(() => render('{{ range .s }}{{ end }}', { s: 'abc' })).detail).toBe("range can't iterate over abc");
  });

  it('trims whitespace with {{- and -}}, and drops comments', () => {
    expect(render('a  \n  {{- "b" -}}  \n  c')).toBe('abc');
    expect(render('a {{/* note */}} b {{- /* trimmed */ -}} c')).toBe('a  bc');
    expect(render('x\n{{- if true }}\n  y\n{{- end }}\n')).toBe('x\n  y\n');
  });

  it('define / template / block, with the set shared across files', () => {
    const set = parseTemplates(
      {
        '_helpers.tpl': '{{- define "name" -}}{{ .n | lower }}{{- end -}}\n{{ define "labels" }}app: {{ template "name" . }}{{ end }}',
        'main.yaml': 'metadata:\n  name: {{ template "name" . }}\n  {{ template "labels" . }}\n{{ block "extra" . }}default-block{{ end }}',
      },
      { funcs },
    );
    expect(set.execute('main.yaml', { n: 'WEB' })).toBe('metadata:\n  name: web\n  app: web\ndefault-block');
    set.parse('override.tpl', '{{ define "extra" }}overridden{{ end }}');
    expect(set.execute('main.yaml', { n: 'WEB' })).toContain('overridden');
    expect(execError(() => set.parse('x', '{{ template "nope" }}').execute('x', null)).detail).toBe('template "nope" not defined');
    expect(() => set.execute('absent', null)).toThrow('template: no template "absent" associated with template "template"');
  });
});

describe('text/template: builtins', () => {
  it('comparisons follow Go basic kinds: int vs float64 is an error, nil compares false', () => {
    expect(render('{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}')).toBe('true true true true true true false');
    expect(render('{{ eq .missing "x" }}')).toBe('false');
    const e = execError(() => render('{{ if eq .replicas 1 }}x{{ end }}', { replicas: 1 }));
    expect(e.message).toBe('template: t:1:6: executing "t" at <eq .replicas 1>: error calling eq: incompatible types for comparison');
  });

  it('and/or return an operand and short-circuit; not', () => {
    expect(render('{{ and 1 "" 3 }}|{{ or "" 0 "x" }}|{{ not 0 }}|{{ or .a (fail "not evaluated") }}', { a: 'set' })).toBe('|x|true|set');
  });

  it('len, index, slice, print, printf verbs, println, html, js, urlquery', () => {
    const data = { l: ['a', 'b', 'c'], m: { k: 'v' }, s: 'héllo' };
    expect(render('{{ len .l }} {{ len .m }} {{ len .s }} {{ index .l 1 }} {{ index .m "k" }} {{ slice .l 1 }}', data)).toBe('3 1 6 b v [b c]');
    // Go's builtin slice handles strings; Sprig's `slice` (which Helm's FuncMap puts over it) does not.
    expect(renderTemplate('{{ slice .s 0 1 }}', data)).toBe('h');
    expect(execError(() => render('{{ slice .s 0 1 }}', data)).detail).toBe('error calling slice: Cannot slice on type string');
    expect(render('{{ printf "%s|%5s|%-4s|%d|%03d|%v|%q|%t|%.2f|%x|%T|%%" "a" "b" "c" 42 7 .l "q" true 3.14159 255 .m }}', data)).toBe('a|    b|c   |42|007|[a b c]|"q"|true|3.14|ff|map[string]interface {}|%');
    expect(render('{{ printf "%d %s" 1 }}|{{ printf "%d" 1 2 }}|{{ print 1 2 "a" 3 }}|{{ println "x" 1 }}')).toBe('1 %!s(MISSING)|1%!(EXTRA int=2)|1 2a3|x 1\n');
    expect(render('{{ html "<a href=\'x\'>&</a>" }} {{ js "it\'s <b>" }} {{ urlquery "a b&c" }}')).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; it\\\'s \\u003Cb\\u003E a+b%26c');
    expect(execError(() => render('{{ index .l 5 }}', data)).detail).toBe('error calling index: index out of range: 5');
  });

  it('function errors and argument type errors read like Go', () => {
    const e = execError(() => render('line1\n{{ fail "boom" }}'));
    expect(e.message).toBe('template: t:2:3: executing "t" at <fail "boom">: error calling fail: boom');
    expect(execError(() => render('{{ indent .n "x" }}', { n: 2 })).detail).toBe('wrong type for value; expected int; got float64');
    expect(execError(() => render('{{ indent 2 }}')).detail).toBe('wrong number of args for indent: want 2 got 1');
  });
});

describe('text/template: parse errors', () => {
  it('reports Go parse errors with the template name and line', () => {
    expect(parseError(() => render('a\n{{ nope 1 }}')).message).toBe('template: t:2: function "nope" not defined');
    expect(parseError(() => render('{{ if true }}x')).message).toBe('template: t:1: unexpected EOF');
    expect(parseError(() => render('x{{ end }}')).message).toBe('template: t:1: unexpected {{end}}');
    expect(parseError(() => render('{{ .a ')).message).toBe('template: t:1: unclosed action');
    expect(parseError(() => render('{{ "abc }}')).message).toBe('template: t:1: unterminated quoted string');
    expect(parseError(() => render('{{ }}')).message).toBe('template: t:1: missing value for command');
    expect(parseError(() => render('{{ break }}')).message).toBe('template: t:1: {{break}} outside {{range}}');
  });

  it('stops runaway recursion with an error instead of overflowing the stack', () => {
    expect(execError(() => render('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}')).detail).toBe('exceeded maximum template depth (1000)');
  });

  it('a file of only defines does not replace a template with content', () => {
    const set = new TemplateSet().parse('a', 'content{{ define "b" }}B{{ end }}').parse('a', '{{ define "c" }}C{{ end }}');
    expect(set.execute('a', null)).toBe('content');
    expect(set.names()).toEqual(['a', 'b', 'c']);
  });
});

describe('text/template: fmt rounding', () => {
  it('%f rounds exact ties to even like Go, other values to nearest', () => {
    expect(renderTemplate('{{ printf "%.1f %.1f %.2f %.0f %.0f %.1f" 2.25 2.35 1.005 0.5 1.5 -0.25 }}', null)).toBe('2.2 2.4 1.00 0 2 -0.2');
  });
});

describe('text/template: methods and func values', () => {
  it('calls hidden methods (with arguments at the end of a chain) and passes plain func values to call', () => {
    const files = { Get: (n: GoValue) => `content of ${String(n)}` };
    const obj: Record<string, GoValue> = {};
    Object.defineProperty(obj, 'Get', { value: files.Get, enumerable: false });
    const data = { Files: obj, repo: { Meta: (sha: GoValue) => ({ Author: `author of ${String(sha)}` }) } };
    expect(render('{{ .Files.Get "a.txt" }}|{{ "b" | .Files.Get }}|{{ (call .repo.Meta "abc").Author }}', data)).toBe('content of a.txt|content of b|author of abc');
    expect(execError(() => render('{{ .repo.Meta "abc" }}', data)).detail).toBe('Meta is not a method but has arguments');
  });
});
