/**
 * Digests of values for cache keys, remembered per object: a value that
 * comes back unchanged (the same object) from build to build is serialised
 * and hashed once.
 */
import {createHash} from 'node:crypto'

/** Digests by object. */
const digests = new WeakMap<object, string>()

/**
 * SHA-256 of a JSON-able value's JSON.
 *
 * @param value
 *   Value.
 * @returns
 *   Hex digest.
 */
export function digestOf(value: unknown): string {
  const remembered = typeof value === 'object' && value !== null
  if (remembered) {
    const known = digests.get(value)
    if (known) return known
  }

  const digest = createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
  if (remembered) digests.set(value, digest)
  return digest
}
