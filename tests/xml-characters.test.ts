import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {findForbidden} from '../src/core/xml-characters.js'

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_205

/** Code units that are allowed, forbidden, or either depending on their neighbours. */
const units = [
  'a',
  '中',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0008',
  '\u000B',
  '\u001F',
  '\uFDD0',
  '\uFDEF',
  '\uFFFE',
  '\uFFFF',
  '\uD83F',
  '\uDBFF',
  '\uD83D',
  '\uDFFE',
  '\uDFFF',
  '\uDE00',
  '\uE000'
]

/** Where the first forbidden character is, found one code point at a time. */
function slow(text: string): {index: number; name: string} | undefined {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const next = text.charCodeAt(index + 1)
    if (code >= 0xd800 && code <= 0xdbff) {
      if (!(next >= 0xdc00 && next <= 0xdfff)) return {index, name: hex(code)}
      const point = text.codePointAt(index)!
      if ((point & 0xfffe) === 0xfffe) return {index, name: hex(point)}
      index++
      continue
    }
    if (code >= 0xdc00 && code <= 0xdfff) return {index, name: hex(code)}
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) {
      return {index, name: hex(code)}
    }
    if (code >= 0xfdd0 && code <= 0xfdef) return {index, name: hex(code)}
  }
  return undefined
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

describe('findForbidden', () => {
  it('should find the first character no book may carry, as a scan by code point does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), {maxLength: 12}), (list) => {
        const text = list.join('')
        const found = findForbidden(text)
        expect(found && {index: found.index, name: found.name}).toEqual(slow(text))
      }),
      {numRuns: 5000, seed}
    )
  })

  it('should pass a text of allowed characters, astral ones included', () => {
    expect(findForbidden('中文 😀 text\t\n\r𠮷')).toBeUndefined()
  })
})
