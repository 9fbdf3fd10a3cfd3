/**
 * Make a large manuscript from the transcript, for benchmarks: `count`
 * chapters (default 100), each the text of one of the manuscript's chapters
 * repeated until the book reaches `minBytes` (default 2 MB) of Markdown, with
 * its translations (PO) and the manuscript's book.yaml, overrides and
 * glossary, so every edition is built as for the real book.
 *
 * Usage: npx tsx scripts/make-large-book.ts OUT [count] [minBytes]
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseCatalog, stringifyCatalog} from '../src/translate/catalog.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const manuscript = path.join(root, 'manuscript')

/**
 * Write the large book.
 *
 * @param out
 *   Folder to write (replaced).
 * @param count
 *   Number of chapters.
 * @param minBytes
 *   Minimum size of the Markdown.
 * @returns
 *   Bytes of Markdown written.
 */
export async function makeLargeBook(out: string, count = 100, minBytes = 2_000_000): Promise<number> {
  const names = ['01-opening', '02-logic', '03-opportunities', '04-china-us', '05-qa']
  const ids = ['opening', 'logic', 'opportunities', 'china-us', 'qa']
  const sources = await Promise.all(names.map((name) => fs.readFile(path.join(manuscript, `${name}.md`), 'utf8')))
  const catalogs = await Promise.all(
    ids.map(async (id) => parseCatalog(await fs.readFile(path.join(manuscript, 'translations/en', `${id}.po`), 'utf8')))
  )
  const total = sources.reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  // How often each chapter's body repeats so that `count` chapters reach the size.
  const repeat = Math.max(1, Math.ceil(minBytes / ((total / names.length) * count)))

  await fs.rm(out, {recursive: true, force: true})
  await fs.mkdir(path.join(out, 'translations/en'), {recursive: true})
  const chapters: string[] = []
  let bytes = 0

  for (let index = 0; index < count; index++) {
    const which = index % names.length
    const [heading, ...rest] = sources[which]!.split('\n')
    const body = rest.join('\n').trim()
    const number = String(index + 1).padStart(3, '0')
    const text = `${heading} ${index + 1}\n\n${Array.from({length: repeat}, () => body).join('\n\n')}\n`
    const name = `${number}-part-${number}.md`
    chapters.push(name)
    bytes += Buffer.byteLength(text)
    await fs.writeFile(path.join(out, name), text)

    // The same paragraphs, so the same translations; the heading is new.
    const catalog = catalogs[which]!
    const id = `part-${number}`
    const title = heading!.replace(/^#\s+/, '')
    const entries = catalog.entries.map((entry) =>
      entry.id === title
        ? {...entry, context: id, id: `${title} ${index + 1}`, translation: `${entry.translation} ${index + 1}`}
        : {...entry, context: id}
    )
    await fs.writeFile(
      path.join(out, 'translations/en', `${id}.po`),
      stringifyCatalog({...catalog, entries, obsolete: []})
    )
  }

  const config = await fs.readFile(path.join(manuscript, 'book.yaml'), 'utf8')
  await fs.writeFile(
    path.join(out, 'book.yaml'),
    config.replace(/^chapters:[\s\S]*$/m, `chapters:\n${chapters.map((name) => `  - ${name}`).join('\n')}\n`)
  )
  for (const file of ['overrides.yaml', 'glossary.yaml', 'translations/en/book.po']) {
    await fs.copyFile(path.join(manuscript, file), path.join(out, file))
  }

  return bytes
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [out, count, minBytes] = process.argv.slice(2)
  if (!out) {
    console.error('Usage: npx tsx scripts/make-large-book.ts OUT [count] [minBytes]')
    process.exit(2)
  }

  const bytes = await makeLargeBook(out, count ? Number(count) : undefined, minBytes ? Number(minBytes) : undefined)
  console.log(`Wrote ${out}: ${bytes} bytes of Markdown`)
}
