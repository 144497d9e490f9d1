/** The parse tree of a template, shaped like text/template/parse's nodes (positions for error context). */

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode;

export interface ListNode {
  nodes: Node[];
}

export interface TextNode {
  kind: 'text';
  text: string;
}

export interface ActionNode {
  kind: 'action';
  pos: number;
  line: number;
  pipe: PipeNode;
}

export interface BranchBase {
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export interface IfNode extends BranchBase {
  kind: 'if';
}
export interface WithNode extends BranchBase {
  kind: 'with';
}
export interface RangeNode extends BranchBase {
  kind: 'range';
}

export interface TemplateNode {
  kind: 'template';
  pos: number;
  line: number;
  name: string;
  pipe?: PipeNode;
}

export interface BreakNode {
  kind: 'break';
  pos: number;
}
export interface ContinueNode {
  kind: 'continue';
  pos: number;
}

export interface PipeNode {
  pos: number;
  /** `$x :=` (declare) or `$x =` (assign) variables, in order. */
  decl: string[];
  isAssign: boolean;
  cmds: CommandNode[];
}

export interface CommandNode {
  kind: 'command';
  pos: number;
  args: ArgNode[];
}

export type ArgNode =
  | { kind: 'field'; pos: number; ident: string[] }
  | { kind: 'variable'; pos: number; ident: string[] }
  | { kind: 'chain'; pos: number; node: ArgNode; field: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; text: string; value: number | bigint }
  | { kind: 'string'; pos: number; quoted: string; value: string }
  | { kind: 'pipe'; pos: number; pipe: PipeNode };

/** Source-like text of a node, as Go's `Node.String()` prints it in error context (`<.Values.x>`). */
export function argString(n: ArgNode): string {
  switch (n.kind) {
    case 'field':
      return `.${n.ident.join('.')}`;
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return `${n.node.kind === 'pipe' ? `(${argString(n.node)})` : argString(n.node)}.${n.field.join('.')}`;
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'pipe':
      return pipeString(n.pipe);
  }
}

export function commandString(c: CommandNode): string {
  return c.args.map((a) => (a.kind === 'pipe' ? `(${argString(a)})` : argString(a))).join(' ');
}

export function pipeString(p: PipeNode): string {
  const decl = p.decl.length > 0 ? `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return decl + p.cmds.map(commandString).join(' | ');
}
