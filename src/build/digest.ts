/** Digests of values for cache keys. */
import {createHash} from 'node:crypto'

/**
 * SHA-256 of a JSON-able value's JSON.
 *
 * @param value
 *   Value.
 * @returns
 *   Hex digest.
 */
export function digestOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
}
