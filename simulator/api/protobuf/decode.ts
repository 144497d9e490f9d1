/**
 * Decode Kubernetes protobuf bodies (`application/vnd.kubernetes.protobuf`: "k8s\0" + runtime.Unknown)
 * into the JSON objects the store takes. kubectl's typed clients post protobuf and never fall back to
 * JSON, so without this `kubectl create namespace argocd` would fail.
 */
import { ApiError } from '../../core/errors.js';
import type { JsonObject, JsonValue } from '../../cluster/types.js';
import { MESSAGES } from './schema.js';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

interface Field {
  name: string;
  type: string;
  repeated: boolean;
  /** Value type of a map<string, V>. */
  mapValue?: string;
  /** An embedded struct JSON inlines: its fields go into the parent object. */
  inline?: boolean;
}

const parsed = new Map<string, Map<number, Field>>();

function schemaOf(message: string): Map<number, Field> | undefined {
  let fields = parsed.get(message);
  if (fields) return fields;
  const spec = MESSAGES[message];
  if (spec === undefined) return undefined;
  fields = new Map();
  for (const part of spec.split(' ')) {
    if (!part) continue;
    const [num, rawName, rawType] = part.split(':') as [string, string, string];
    const inline = rawName.startsWith('^');
    const name = inline ? rawName.slice(1) : rawName;
    const repeated = rawType.endsWith('*');
    const type = repeated ? rawType.slice(0, -1) : rawType;
    const map = type.match(/^\{(.+)\}$/);
    fields.set(Number(num), map ? { name, type: 'map', repeated: false, mapValue: map[1] } : { name, type, repeated, inline });
  }
  parsed.set(message, fields);
  return fields;
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw bad('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw bad('varint too long');
    }
  }

  bytes(): Uint8Array {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw bad('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw bad(`unsupported wire type ${wire}`);
  }
}

function bad(msg: string): ApiError {
  return new ApiError('BadRequest', `error decoding protobuf body: ${msg}`);
}

const utf8 = new TextDecoder();

function signed64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

/** Go zero values are always on the wire for non-pointer fields; JSON (omitempty) leaves them out. */
function isZero(v: JsonValue): boolean {
  return v === '' || v === 0 || v === false;
}

function decodeScalar(type: string, r: Reader, wire: number): JsonValue {
  switch (type) {
    case 'string':
      return utf8.decode(r.bytes());
    case 'bytes':
      return Buffer.from(r.bytes()).toString('base64');
    case 'bool':
      return r.varint() !== 0n;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      return signed64(r.varint());
    default:
      r.skip(wire);
      return null;
  }
}

function formatTime(seconds: number, nanos: number, micro: boolean): string | null {
  if (seconds === 0 && nanos === 0) return null;
  const iso = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/** Messages whose JSON form is not an object (Time, IntOrString, Quantity, RawExtension…). */
function decodeSpecial(type: string, buf: Uint8Array): JsonValue | undefined {
  const r = new Reader(buf);
  const f: Record<number, bigint | Uint8Array> = {};
  while (!r.done) {
    const tag = Number(r.varint());
    const wire = tag & 7;
    if (wire === 0) f[tag >> 3] = r.varint();
    else if (wire === 2) f[tag >> 3] = r.bytes();
    else r.skip(wire);
  }
  const n = (k: number): number => (typeof f[k] === 'bigint' ? signed64(f[k] as bigint) : 0);
  const s = (k: number): string => (f[k] instanceof Uint8Array ? utf8.decode(f[k] as Uint8Array) : '');
  switch (type) {
    case 'meta.v1.Time':
      return formatTime(n(1), n(2), false);
    case 'meta.v1.MicroTime':
      return formatTime(n(1), n(2), true);
    case 'meta.v1.Duration':
      return `${n(1) / 1e9}s`;
    case 'intstr.IntOrString':
      return n(1) === 1 ? s(3) : n(2);
    case 'resource.Quantity':
      return s(1);
    case 'runtime.RawExtension':
    case 'meta.v1.FieldsV1': {
      const raw = s(1);
      if (!raw) return null;
      try {
        return JSON.parse(raw) as JsonValue;
      } catch {
        throw bad(`${type} is not JSON`);
      }
    }
    default:
      return undefined;
  }
}

function decodeValue(type: string, r: Reader, wire: number): JsonValue {
  if (MESSAGES[type] === undefined) {
    const special = wire === 2 && /^(meta\.v1\.(Time|MicroTime|Duration|FieldsV1)|intstr\.IntOrString|resource\.Quantity|runtime\.RawExtension)$/.test(type);
    if (special) return decodeSpecial(type, r.bytes()) ?? null;
    return decodeScalar(type, r, wire);
  }
  return decodeMessage(type, r.bytes());
}

export function decodeMessage(type: string, buf: Uint8Array): JsonObject {
  const schema = schemaOf(type);
  if (!schema) throw bad(`unknown message ${type}`);
  const out: JsonObject = {};
  const r = new Reader(buf);
  while (!r.done) {
    const tag = Number(r.varint());
    const field = schema.get(tag >> 3);
    const wire = tag & 7;
    if (!field) {
      r.skip(wire);
      continue;
    }
    if (field.type === 'map') {
      const entry = new Reader(r.bytes());
      let key = '';
      let value: JsonValue = null;
      while (!entry.done) {
        const t = Number(entry.varint());
        if (t >> 3 === 1) key = utf8.decode(entry.bytes());
        else if (t >> 3 === 2) value = decodeValue(field.mapValue!, entry, t & 7);
        else entry.skip(t & 7);
      }
      const m = (out[field.name] as JsonObject | undefined) ?? {};
      m[key] = value ?? (field.mapValue === 'string' ? '' : null);
      out[field.name] = m;
      continue;
    }
    if (field.repeated && wire === 2 && MESSAGES[field.type] === undefined && field.type !== 'string' && field.type !== 'bytes' && !field.type.includes('.')) {
      // A packed repeated scalar.
      const packed = new Reader(r.bytes());
      const list = (out[field.name] as JsonValue[] | undefined) ?? [];
      while (!packed.done) list.push(decodeScalar(field.type, packed, 0));
      out[field.name] = list;
      continue;
    }
    const value = decodeValue(field.type, r, wire);
    if (field.inline && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(out, value);
      continue;
    }
    if (field.repeated) {
      const list = (out[field.name] as JsonValue[] | undefined) ?? [];
      list.push(value);
      out[field.name] = list;
    } else if (value !== null && !isZero(value)) out[field.name] = value;
  }
  return out;
}

/** The message name of a kind: `apps/v1` Deployment → `apps.v1.Deployment`. */
function messageFor(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = group === '' ? 'core' : group === 'meta.k8s.io' ? 'meta' : group.split('.')[0]!;
  return `${pkg}.${version}.${kind}`;
}

export function isProtobuf(body: Uint8Array): boolean {
  return body.length >= 4 && MAGIC.every((b, i) => body[i] === b);
}

/** A whole request body: magic, runtime.Unknown envelope, then the typed object. */
export function decodeKubeProtobuf(body: Uint8Array): JsonObject {
  if (!isProtobuf(body)) throw bad('missing the "k8s\\x00" prefix');
  const unknown = decodeMessage('runtime.Unknown', body.subarray(4));
  const typeMeta = (unknown.typeMeta ?? {}) as JsonObject;
  const apiVersion = String(typeMeta.apiVersion ?? '');
  const kind = String(typeMeta.kind ?? '');
  const raw = Buffer.from(String(unknown.raw ?? ''), 'base64');
  const message = messageFor(apiVersion, kind);
  if (MESSAGES[message] === undefined) {
    throw new ApiError('BadRequest', `protobuf bodies for ${kind} (${apiVersion}) are not supported by argo-sandbox; send JSON or YAML`);
  }
  const obj = decodeMessage(message, raw);
  return { apiVersion, kind, ...obj };
}
