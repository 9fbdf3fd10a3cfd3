/**
 * Each edition's own `dc:identifier`, derived from the book's (RFC 4122
 * name-based UUIDs, version 5; expected values computed with Python's
 * `uuid.uuid5`).
 */
import {describe, expect, it} from 'vitest'
import {editionIdentifier} from '../src/formats/shared/identifier.js'
import {nameUuid} from '../src/core/uuid.js'

const book = 'urn:uuid:6d3f2a4e-8b1c-4f5e-9a7d-2c1e0b9f8a31'

describe('editionIdentifier', () => {
  it('should give each edition its own identifier, a UUID named in the book’s', () => {
    expect(['hant', 'hans', 'bilingual'].map((edition) => editionIdentifier(book, edition))).toEqual([
      'urn:uuid:d3b7c1a3-ecb5-50b3-a08d-34ace89f9be3',
      'urn:uuid:6b61e014-e6f9-59f4-9915-02022e70c601',
      'urn:uuid:c143d3b1-6358-5ae2-8aa5-08afb326cf56'
    ])
  })

  it('should read the book’s UUID in any case, with or without hyphens', () => {
    expect(editionIdentifier('URN:UUID:6D3F2A4E8B1C4F5E9A7D2C1E0B9F8A31', 'hans')).toBe(
      'urn:uuid:6b61e014-e6f9-59f4-9915-02022e70c601'
    )
  })

  it('should name an identifier that is not a UUID in the URL namespace', () => {
    expect(editionIdentifier('isbn:9780000000000', 'hans')).toBe('urn:uuid:344e6935-d37d-5d45-b153-533216d74d44')
  })

  it('should be stable and distinct across books', () => {
    const other = 'urn:uuid:00000000-0000-4000-8000-000000000000'
    expect(editionIdentifier(book, 'hans')).toBe(editionIdentifier(book, 'hans'))
    expect(editionIdentifier(other, 'hans')).not.toBe(editionIdentifier(book, 'hans'))
  })
})

describe('nameUuid', () => {
  it('should give RFC 4122’s version 5 UUID of a name in a namespace (Python’s `uuid.uuid5`)', () => {
    const dns = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex')
    expect(nameUuid(dns, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })

  it('should hash the name alone with an empty namespace, as the book’s default identifier always was', () => {
    // sha1('a') = 86f7e437faa5a7fce15d1ddcb9eaeaea377667b8: version and variant bits set.
    expect(nameUuid(new Uint8Array(), 'a')).toBe('86f7e437-faa5-57fc-a15d-1ddcb9eaeaea')
  })
})
