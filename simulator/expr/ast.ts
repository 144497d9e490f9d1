/** Syntax tree of an expression. Every node keeps the source offset used in error messages. */
export type Node =
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; value: number; float: boolean }
  | { kind: 'string'; pos: number; value: string }
  | { kind: 'ident'; pos: number; name: string }
  /** `#`, `#index`, `#acc` inside a closure argument. */
  | { kind: 'pointer'; pos: number; name: '' | 'index' | 'acc' }
  /** `a.b`, `a?.b`, `a["b"]`, `a[0]`; `.b` in a closure is member of `#`. */
  | { kind: 'member'; pos: number; object: Node; property: Node; optional: boolean }
  | { kind: 'slice'; pos: number; object: Node; from?: Node; to?: Node }
  /** Call of a host function (env, Argo, `sprig.x`) or a method on a time value. */
  | { kind: 'call'; pos: number; callee: Node; args: Node[] }
  | { kind: 'builtin'; pos: number; name: string; args: Node[] }
  | { kind: 'closure'; pos: number; body: Node }
  | { kind: 'unary'; pos: number; op: string; operand: Node }
  | { kind: 'binary'; pos: number; op: string; left: Node; right: Node }
  | { kind: 'conditional'; pos: number; test: Node; consequent: Node; alternate: Node }
  /** Wraps a member chain containing `?.`: a nil on an optional link makes the whole chain nil. */
  | { kind: 'chain'; pos: number; node: Node }
  | { kind: 'array'; pos: number; elements: Node[] }
  | { kind: 'map'; pos: number; entries: { key: Node; value: Node }[] }
  | { kind: 'let'; pos: number; name: string; value: Node; body: Node }
  | { kind: 'var'; pos: number; name: string };
