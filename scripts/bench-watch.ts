/**
 * Benchmark of edit and rebuild (`make bench-watch`): a generated book of
 * 100 chapters (≥ 2 MB of Markdown), watched by `zhbook watch`; one
 * paragraph is edited at a time and the time is taken from the write of the
 * edit until every edition's output (EPUB and web) holds it.
 *
 * Usage: npx tsx scripts/bench-watch.ts [runs]
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {watch} from '../src/watch/watch.js'
import {makeLargeBook} from './make-large-book.js'

const runs = Number(process.argv[2] ?? 9)
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bench-watch-'))
const book = path.join(tmp, 'book')
const out = path.join(tmp, 'out')
const bytes = await makeLargeBook(book)
console.log(`Book: ${bytes} bytes of Markdown in 100 chapters`)

let started = performance.now()
const session = await watch({input: book, output: out, port: 0, cacheDir: path.join(tmp, 'cache'), log: () => {}})
console.log(`First build (cold, no cache): ${Math.round(performance.now() - started)} ms`)

const times: number[] = []
for (let run = 0; run < runs; run++) {
  // A different chapter each time, a one-sentence edit in its first paragraph.
  const chapter = path.join(book, `${String(((run * 37) % 100) + 1).padStart(3, '0')}-part-${String(((run * 37) % 100) + 1).padStart(3, '0')}.md`)
  const text = await fs.readFile(chapter, 'utf8')
  const marker = `第 ${run} 次編輯。`
  const edited = text.replace(/\n\n([^\n]+)\n/, (_, paragraph: string) => `\n\n${paragraph}${marker}\n`)
  const next = session.nextBuild()
  started = performance.now()
  await fs.writeFile(chapter, edited)
  const result = await next
  // From the write of the edit until the build wrote every edition.
  const elapsed = performance.now() - started
  if (!result?.ok) throw new Error('build failed')
  const page = await fs.readFile(path.join(out, 'web/hans', `${path.basename(chapter, '.md').replace(/^\d+-/, '')}.html`), 'utf8')
  if (!page.includes(marker.replace('編輯', '编辑'))) throw new Error('edit not in the output')
  times.push(elapsed)
  console.log(`Edit ${run + 1}: ${Math.round(elapsed)} ms`)
}

await session.close()
await fs.rm(tmp, {recursive: true, force: true})
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]!
console.log(
  `One-paragraph edit to every edition updated: median ${Math.round(median)} ms, ` +
    `min ${Math.round(times[0]!)} ms, max ${Math.round(times.at(-1)!)} ms (${runs} runs, ${os.cpus().length} cores)`
)
