/**
 * Image pull outcomes the kubelet reports: invalid references (InvalidImageName) and images the
 * registry does not have (ErrImagePull, then ImagePullBackOff). Which images are missing is up to the
 * scenario: the annotation `sandbox.argoproj.io/image-pull-error` lists them (comma-separated, as
 * written in the pod spec, or `*` for every image of the pod).
 */
import { normalizeImage } from '../../runtime/index.js';
import type { ObjectMeta } from '../types.js';
import { ANNOTATION_PREFIX } from './timings.js';
import type { ContainerSpec } from './types.js';

/** A docker reference: lowercase repository path, optional tag and digest (distribution/reference). */
const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** The kubelet's InvalidImageName message, or undefined for a valid reference. */
export function invalidImageMessage(image: string): string | undefined {
  if (REFERENCE.test(image)) return undefined;
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
}

/** containerd's not-found pull error for an image the scenario marks as missing. */
export function pullErrorMessage(meta: ObjectMeta, image: string): string | undefined {
  const raw = meta.annotations?.[ANNOTATION_PREFIX + 'image-pull-error'];
  if (raw === undefined) return undefined;
  const missing = raw.split(',').map((s) => s.trim());
  if (!missing.includes('*') && !missing.includes(image)) return undefined;
  const ref = normalizeImage(image);
  return `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** The kubelet's default pull policy: Always for `:latest` or untagged images, else IfNotPresent. */
export function pullPolicy(c: ContainerSpec): 'Always' | 'IfNotPresent' | 'Never' {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.slice(image.lastIndexOf('/') + 1);
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}
