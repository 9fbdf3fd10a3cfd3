/**
 * Name-based UUIDs (RFC 4122, version 5): the same name gives the same
 * identifier on every build, so a reading app keeps the book it already has.
 */
import {createHash} from 'node:crypto'

/**
 * A version 5 UUID of a name in a namespace.
 *
 * @param namespace
 *   The namespace UUID's 16 bytes, or an empty buffer: the book's default
 *   identifier has always been hashed without one, and changing it would make
 *   every reader's copy a different book.
 * @param name
 *   The name, hashed as UTF-8.
 * @returns
 *   The UUID, lowercase, with hyphens, without `urn:uuid:`.
 */
export function nameUuid(namespace: Uint8Array, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
