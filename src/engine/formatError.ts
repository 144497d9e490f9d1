/** `file:line:column: message (path)`, the way every located error is shown. */
import { formatLocated } from '../../simulator/core/errors';
import type { LocatedError } from '../worker/protocol';

export function formatError(e: LocatedError): string {
  return formatLocated(e);
}
