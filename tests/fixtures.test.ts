/**
 * Whole-book fixtures: `tests/fixtures/books/<case>/manuscript` is built and
 * compared with `expected/`: the messages, each edition's chapter bodies and
 * the conversion report. Run with `UPDATE_GOLDEN=1` to rewrite the expected
 * files, then review the diff by eye before committing it.
 */
import fs from 'node:fs'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import {describe, expect, it} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {formatMessages} from '../src/core/diagnostics.js'

const root = path.join(import.meta.dirname, 'fixtures', 'books')
const update = process.env.UPDATE_GOLDEN === '1'

describe('fixtures', () => {
  for (const name of fs.readdirSync(root).sort()) {
    it(`should build ${name} as expected`, async () => {
      const base = path.join(root, name)
      const result = await buildFiles({input: path.join(base, 'manuscript'), renderers: [], env: {}})
      const actual = new Map<string, string>()
      actual.set('messages.txt', formatMessages(result.messages, path.join(base, 'manuscript')).join('\n') + '\n')
      for (const book of result.editions) {
        actual.set(`${book.edition.id}/meta.json`, JSON.stringify(book.meta, null, 2) + '\n')
        for (const chapter of book.chapters) {
          actual.set(`${book.edition.id}/${chapter.id}.html`, `<!-- ${chapter.title} -->\n${toHtml(chapter.tree)}\n`)
        }
      }

      for (const file of result.outputs) {
        if (file.path.startsWith('reports/')) actual.set(file.path, String(file.data))
      }

      const expectedDir = path.join(base, 'expected')
      if (update) {
        fs.rmSync(expectedDir, {recursive: true, force: true})
        for (const [file, value] of actual) {
          fs.mkdirSync(path.dirname(path.join(expectedDir, file)), {recursive: true})
          fs.writeFileSync(path.join(expectedDir, file), value)
        }
      }

      const expectedFiles = fs
        .readdirSync(expectedDir, {recursive: true, withFileTypes: true})
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(expectedDir, path.join(entry.parentPath, entry.name)))
        .sort()
      expect([...actual.keys()].sort()).toEqual(expectedFiles)
      for (const file of expectedFiles) {
        expect(actual.get(file), file).toBe(fs.readFileSync(path.join(expectedDir, file), 'utf8'))
      }
    })
  }
})
