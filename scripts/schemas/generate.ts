/**
 * `npm run schemas`: the JSON Schema for the editor (completion, hover docs, validation) of every kind we host, generated
 * from the typed models the npm packages `kubernetes-models`, `@kubernetes-models/argo-cd` and
 * `@kubernetes-models/argo-workflows` ship. Those models are themselves generated from the upstream OpenAPI specs and
 * CRDs, and keep every field's description as a doc comment, so we read them with the TypeScript checker and write
 * JSON Schema (draft-07) back out: one file, each kind a definition picked by `apiVersion`/`kind` (if/then), named
 * types shared per package as `definitions`; inline CRD types stay inline.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { BUILTIN_KINDS } from '../../simulator/cluster/builtinKinds.js';
import { emitIndex, kindDefinition, rootSchema, SCHEMA_FILE } from './emit.js';
import type { KindEntry } from './emit.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const OUT = join(root, 'src/editor/schemas');
const require = createRequire(import.meta.url);

interface Source {
  apiVersion: string;
  kind: string;
  /** The model's `.d.ts` file. */
  file: string;
}

function pkgDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Which kinds: the core kinds this cluster serves (minus Event, which people do not write), and the Argo ones. */
function sources(): Source[] {
  const core = pkgDir('kubernetes-models');
  const out: Source[] = [];
  for (const k of BUILTIN_KINDS) {
    if (k.kind === 'Event' || k.kind === 'Endpoints' || k.kind === 'ControllerRevision') continue;
    const dir = k.group === '' ? 'v1' : `${k.group}/${k.version}`;
    out.push({ apiVersion: k.group ? `${k.group}/${k.version}` : k.version, kind: k.kind, file: join(core, dir, `${k.kind}.d.ts`) });
  }
  const cd = join(pkgDir('@kubernetes-models/argo-cd'), 'argoproj.io/v1alpha1');
  for (const kind of ['Application', 'AppProject', 'ApplicationSet']) out.push({ apiVersion: 'argoproj.io/v1alpha1', kind, file: join(cd, `${kind}.d.ts`) });
  const wf = join(pkgDir('@kubernetes-models/argo-workflows'), 'argoproj.io/v1alpha1');
  for (const kind of ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']) out.push({ apiVersion: 'argoproj.io/v1alpha1', kind, file: join(wf, `${kind}.d.ts`) });
  return out;
}

type Schema = Record<string, unknown>;

class Converter {
  readonly definitions: Record<string, Schema> = {};
  private readonly inProgress = new Set<string>();

  /** `prefix` namespaces the definitions of one package (Argo's `Container` is not Kubernetes' `Container`). */
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly prefix: string,
  ) {}

  private description(sym: ts.Symbol): string | undefined {
    const text = ts.displayPartsToString(sym.getDocumentationComment(this.checker)).trim();
    return text || undefined;
  }

  /** A named interface (not an inline `{…}` literal) goes to `definitions`, so shared types are written once. */
  private definitionName(type: ts.Type): string | undefined {
    const sym = type.aliasSymbol ?? type.getSymbol();
    if (!sym || sym.name === '__type' || sym.name === '__object') return undefined;
    const decl = sym.declarations?.[0];
    if (!decl || !(ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl))) return undefined;
    return `${this.prefix}.${sym.name.replace(/^I(?=[A-Z])/, '')}`;
  }

  convert(type: ts.Type, rootKind?: { apiVersion: string; kind: string }): Schema {
    const quirk = this.quirk(type);
    if (quirk) return quirk;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (f & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) return { type: 'null' };
    if (type.isUnion()) return this.union(type);
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: item ? this.convert(item) : {} };
    }
    if (f & ts.TypeFlags.Object) {
      const name = rootKind ? undefined : this.definitionName(type);
      if (!name) return this.object(type, rootKind);
      if (!this.definitions[name] && !this.inProgress.has(name)) {
        this.inProgress.add(name);
        this.definitions[name] = this.object(type);
        this.inProgress.delete(name);
      }
      return { $ref: `#/definitions/${name}` };
    }
    return {};
  }

  /**
   * Types whose JSON is not what their Go struct looks like (custom marshallers upstream), which the typed models
   * cannot say: Argo's ParallelSteps is a bare list of steps, and AnyString takes strings, numbers and booleans.
   */
  private quirk(type: ts.Type): Schema | undefined {
    const name = (type.aliasSymbol ?? type.getSymbol())?.name ?? '';
    if (name === 'IParallelSteps') {
      const steps = this.checker.getPropertyOfType(type, 'steps');
      const decl = steps?.valueDeclaration;
      if (steps && decl) return { description: 'Steps that run in parallel: one group of the outer steps list.', ...this.convert(this.checker.getTypeOfSymbolAtLocation(steps, decl)) };
    }
    return undefined;
  }

  /** `AnyString` is an alias of `string`, which the checker erases: read it from the declaration. */
  private anyString(decl: ts.Declaration): Schema | undefined {
    const node = ts.isPropertySignature(decl) ? decl.type : undefined;
    const text = node?.getText() ?? '';
    const any = { type: ['string', 'number', 'boolean'] };
    if (/^I\w*AnyString$/.test(text)) return any;
    if (/^Array<I\w*AnyString>$/.test(text)) return { type: 'array', items: any };
    return undefined;
  }

  private union(type: ts.UnionType): Schema {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (members.length > 0 && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (members.length > 0 && members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) {
      return { type: 'string', enum: members.map((t) => (t as ts.StringLiteralType).value) };
    }
    const parts = members.map((t) => this.convert(t));
    // `number | string` (IntOrString) reads best as one multi-type schema: no "matches more than one" noise.
    if (parts.every((p) => Object.keys(p).length === 1 && typeof p.type === 'string')) {
      return { type: [...new Set(parts.map((p) => p.type as string))] };
    }
    return parts.length === 1 ? parts[0]! : { anyOf: parts };
  }

  /** apiVersion and kind are fixed per schema; status is written by controllers, so only its shape is kept shallow. */
  private rootField(name: string, root: { apiVersion: string; kind: string }): Schema | undefined {
    if (name === 'apiVersion') return { type: 'string', enum: [root.apiVersion] };
    if (name === 'kind') return { type: 'string', enum: [root.kind] };
    if (name === 'status') return { type: 'object' };
    return undefined;
  }

  private object(type: ts.Type, rootKind?: { apiVersion: string; kind: string }): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const prop of this.checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl || ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl)) continue;
      const propType = this.checker.getTypeOfSymbolAtLocation(prop, decl);
      const schema = (rootKind && this.rootField(prop.name, rootKind)) || this.anyString(decl) || this.convert(propType);
      const description = this.description(prop);
      // `$ref` with a sibling description: the JSON language service keeps the property's own text for hover.
      properties[prop.name] = description ? { description, ...schema } : schema;
      if (!(prop.flags & ts.SymbolFlags.Optional) && !(rootKind && prop.name === 'status')) required.push(prop.name);
    }
    const out: Schema = { type: 'object' };
    const sym = type.getSymbol();
    const own = sym && sym.name !== '__type' ? this.description(sym) : undefined;
    if (own) out.description = own;
    if (Object.keys(properties).length) out.properties = properties;
    if (required.length) out.required = required;
    const index = this.checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    // Kubernetes rejects unknown fields (strict field validation), so a typo like `spce:` is flagged; maps keep any key.
    out.additionalProperties = index ? this.convert(index.type) : Object.keys(properties).length ? false : true;
    return out;
  }
}

/**
 * Argo Workflows' own OpenAPI (api/jsonschema/schema.json upstream) relaxes two types for templates: a template's
 * `container` needs an `image` but no `name` (the controller names it `main`), and a `script` needs `image` and
 * `source`. The typed models carry Kubernetes' rule (name required), which would flag every real workflow.
 */
function argoContainerRules(definitions: Record<string, Schema>, prefix: string): void {
  const container = definitions[`${prefix}.Container`];
  const script = definitions[`${prefix}.ScriptTemplate`];
  if (container) container.required = ['image'];
  if (script) script.required = ['image', 'source'];
}

/** Which model package a file belongs to: the prefix of its definitions. */
function packageOf(file: string): string {
  if (file.includes('argo-workflows')) return 'workflows';
  if (file.includes('argo-cd')) return 'argocd';
  return 'k8s';
}

function interfaceOf(checker: ts.TypeChecker, file: ts.SourceFile, kind: string): ts.Type {
  const moduleSym = checker.getSymbolAtLocation(file);
  const sym = moduleSym && checker.getExportsOfModule(moduleSym).find((s) => s.name === `I${kind}`);
  if (!sym) throw new Error(`${file.fileName}: no exported interface I${kind}`);
  return checker.getDeclaredTypeOfSymbol(sym);
}

function main(): void {
  const list = sources();
  const program = ts.createProgram(
    list.map((s) => s.file),
    { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, noEmit: true },
  );
  const checker = program.getTypeChecker();
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith('.json')) rmSync(join(OUT, f));
  // One converter per package, so each shared type is written once per package, not once per kind.
  const converters = new Map<string, Converter>();
  const kinds: Record<string, Schema> = {};
  const entries: KindEntry[] = [];
  for (const s of list) {
    const file = program.getSourceFile(s.file);
    if (!file) throw new Error(`cannot read ${s.file}`);
    const prefix = packageOf(s.file);
    let conv = converters.get(prefix);
    if (!conv) converters.set(prefix, (conv = new Converter(checker, prefix)));
    const def = kindDefinition(s.apiVersion, s.kind);
    kinds[def] = { title: `${s.kind} (${s.apiVersion})`, ...conv.convert(interfaceOf(checker, file, s.kind), s) };
    entries.push({ apiVersion: s.apiVersion, kind: s.kind, definition: def });
  }
  const definitions: Record<string, Schema> = { ...kinds };
  for (const [prefix, conv] of converters) {
    if (prefix === 'workflows') argoContainerRules(conv.definitions, prefix);
    Object.assign(definitions, conv.definitions);
  }
  const schema = rootSchema(entries, Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))));
  const text = JSON.stringify(schema);
  writeFileSync(join(OUT, SCHEMA_FILE), text + '\n');
  writeFileSync(join(OUT, 'index.ts'), emitIndex(entries));
  console.log(`${SCHEMA_FILE}: ${entries.length} kinds, ${Object.keys(definitions).length} definitions, ${(text.length / 1024).toFixed(0)} KiB`);
}

main();
