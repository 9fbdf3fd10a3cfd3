/**
 * Each edition's own `dc:identifier`, derived from the book's: reading apps and stores that see one
 * identifier on three EPUBs take them for one book (and keep one, or mix their reading positions).
 */
import {nameUuid} from '../../core/uuid.js'

const urnUuid = /^urn:uuid:([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i

/** RFC 4122's namespace for URLs: for identifiers that are not UUIDs. */
const urlNamespace = '6ba7b8119dad11d180b400c04fd430c8'

/**
 * The identifier of one edition: a name-based (version 5) UUID of the edition's id in the book's
 * UUID as namespace (RFC 4122, section 4.3); a book identifier that is not a UUID is named, with
 * the edition, in the URL namespace.
 *
 * @param identifier
 *   The book's identifier (`book.yaml`), e.g. `urn:uuid:6d3f2a4e-…`.
 * @param edition
 *   Edition id, e.g. `hans`.
 * @returns
 *   `urn:uuid:…` of the edition.
 */
export function editionIdentifier(identifier: string, edition: string): string {
  const match = urnUuid.exec(identifier.trim())
  const namespace = match ? match.slice(1).join('').toLowerCase() : urlNamespace
  const name = match ? edition : `${identifier}#${edition}`
  return `urn:uuid:${nameUuid(Buffer.from(namespace, 'hex'), name)}`
}
