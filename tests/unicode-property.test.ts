/**
 * Property test: small books with random Unicode in `book.yaml` (through
 * YAML escapes, so the parsed values carry what the file's bytes do not
 * show), in a chapter and in a PO translation, controls and non-characters
 * included. A build either fails with its messages, or every EPUB it wrote
 * passes epubcheck: never exit 0 with a broken book.
 *
 * The seed is fixed and the runs few (each run is a build and an epubcheck
 * of each EPUB): set `FC_RUNS` for more and `FC_SEED` for other books.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {build} from '../src/build/build.js'
import {findForbidden} from '../src/core/xml-characters.js'
import {epubcheck} from './helpers/epubcheck.js'
import {writeFiles} from './helpers/manuscript.js'

vi.mock('../src/formats/epub/cover-png.js', async (original) => ({
  ...(await original<object>()),
  coverPng: (await import('./helpers/cover-stub.js')).stubCoverPng
}))

const runs = Number(process.env.FC_RUNS) || 6
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_204
const settings = {numRuns: runs, seed, endOnFailure: true}

/** Code units a broken conversion or an escape brings: controls, non-characters, surrogates. */
const hostileUnits = [
  0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0xad, 0x200b, 0x200e, 0x2028, 0xd800, 0xdbff,
  0xdc00, 0xdfff, 0xfdd0, 0xfdef, 0xfeff, 0xfffd, 0xfffe, 0xffff
].map((code) => String.fromCharCode(code))

/** Text of any code units, the hostile ones often. */
const anyText = fc
  .array(
    fc.oneof(
      {weight: 3, arbitrary: fc.constantFrom(...hostileUnits)},
      {weight: 3, arbitrary: fc.constantFrom(...'書名作者正文軟體網路，。「」 aZ1&<>"\'')},
      {weight: 2, arbitrary: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))},
      {weight: 1, arbitrary: fc.integer({min: 0x10000, max: 0x10ffff}).map((code) => String.fromCodePoint(code))}
    ),
    {minLength: 1, maxLength: 12}
  )
  .map((units) => units.join(''))

/** Text that is either clean (so some books build) or any. */
const field = fc.oneof(
  fc.constantFrom('副標題', '作者', 'Body text', '正文 & <標記>'),
  anyText,
  // What zhbook's own check lets through: anything it misses reaches epubcheck.
  anyText.map((value) => {
    for (let found = findForbidden(value); found; found = findForbidden(value)) {
      value = value.slice(0, found.index) + value.slice(found.index + 1)
    }

    return value || '空'
  })
)

/** A YAML double-quoted scalar with every code unit escaped (`\uXXXX`). */
function yamlEscaped(value: string): string {
  let escaped = ''
  for (let index = 0; index < value.length; index++) {
    escaped += `\\u${value.charCodeAt(index).toString(16).padStart(4, '0')}`
  }

  return `"${escaped}"`
}

/** A PO string: quotes, backslashes and line breaks escaped, the rest as is. */
function poString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\r', '\\r')}"`
}

let tmp: string
let count = 0
const outcomes = {built: 0, refused: 0}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-unicode-'))
})

afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

describe('random Unicode in a book', () => {
  it('should never build an EPUB that epubcheck rejects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({subtitle: field, author: field, paragraph: field, translation: field}),
        async ({subtitle, author, paragraph, translation}) => {
          const dir = path.join(tmp, String(++count))
          const input = path.join(dir, 'manuscript')
          const out = path.join(dir, 'out')
          await writeFiles(input, {
            'book.yaml': `title: 書名\nsubtitle: ${yamlEscaped(subtitle)}\nauthor: ${yamlEscaped(author)}\n`,
            'a.md': `# 第一章\n\n正文${paragraph}。\n`,
            'translations/en/a.po': `msgid "第一章"\nmsgstr "One"\n\nmsgid ${poString(`正文${paragraph}。`)}\nmsgstr ${poString(`Body ${translation}.`)}\n`
          })
          const result = await build({input, output: out, env: {}})
          outcomes[result.ok ? 'built' : 'refused']++
          if (!result.ok) {
            expect(result.outputs).toEqual([])
            return
          }

          const epubs = (await fs.readdir(out)).filter((name) => name.endsWith('.epub'))
          expect(epubs.length).toBeGreaterThan(0)
          for (const name of epubs) {
            const verdict = await epubcheck(path.join(out, name))
            expect([name, verdict.errors, verdict.warnings, verdict.messages]).toEqual([name, 0, 0, []])
          }
        }
      ),
      settings
    )
    // Both sides of the property were seen: books that build, and books refused.
    expect(outcomes.built > 0 && outcomes.refused > 0, JSON.stringify(outcomes)).toBe(true)
  })
})
