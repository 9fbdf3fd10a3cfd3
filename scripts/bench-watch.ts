/**
 * Benchmark of edit and rebuild (`make bench-watch`): a generated book of
 * 100 chapters (≥ 2 MB of Markdown), watched by `zhbook watch` as users run
 * it (`node dist/bin/zhbook.js watch`, in its own process); one paragraph is edited
 * at a time, two seconds apart (as an editor saves; the watcher finishes
 * what it does after a rebuild, such as writing the chapter cache to disk,
 * in between). Two times are taken from the write of the edit: until the
 * watcher reports the rebuild, once every edition's web pages are written
 * (the preview reloads then), and until it reports the formats it writes
 * after them in the background (the EPUBs). The output is checked for the
 * edit in every edition at each point.
 *
 * Usage: npx tsx scripts/bench-watch.ts [runs]
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import JSZip from 'jszip'
import {makeLargeBook} from './make-large-book.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 9)
/** Time between two edits, in ms. */
const pause = 2000
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bench-watch-'))
const book = path.join(tmp, 'book')
const out = path.join(tmp, 'out')
const bytes = await makeLargeBook(book)
console.log(`Book: ${bytes} bytes of Markdown in 100 chapters`)

const child = spawn(
  process.execPath,
  [
    path.join(root, 'dist/bin/zhbook.js'),
    'watch',
    book,
    '--out',
    out,
    '--port',
    '0',
    '--cache',
    path.join(tmp, 'cache')
  ],
  {stdio: ['ignore', 'pipe', 'inherit']}
)

/** Lines the watcher printed and nobody waited for yet. */
const lines: string[] = []
let wake: (() => void) | undefined
let buffered = ''
child.stdout.setEncoding('utf8')
child.stdout.on('data', (chunk: string) => {
  buffered += chunk
  const parts = buffered.split('\n')
  buffered = parts.pop()!
  lines.push(...parts)
  wake?.()
})
child.on('exit', (code) => {
  if (code !== null && code !== 0) throw new Error(`zhbook watch exited with ${code}`)
})

/** The next line the watcher prints that matches. */
async function line(expression: RegExp): Promise<string> {
  for (;;) {
    const index = lines.findIndex((value) => expression.test(value))
    if (index !== -1) return lines.splice(0, index + 1).at(-1)!
    await new Promise<void>((resolve) => (wake = resolve))
  }
}

let started = performance.now()
await line(/^Watching /)
console.log(`First build (cold, no cache) and start: ${Math.round(performance.now() - started)} ms`)

const times: number[] = []
const lateTimes: number[] = []
for (let run = 0; run < runs; run++) {
  // A different chapter each time, a one-sentence edit in its first paragraph.
  const number = String(((run * 37) % 100) + 1).padStart(3, '0')
  const chapter = path.join(book, `${number}-part-${number}.md`)
  const text = await fs.readFile(chapter, 'utf8')
  const marker = `第 ${run} 次編輯。`
  const edited = text.replace(/\n\n([^\n]+)\n/, (_, paragraph: string) => `\n\n${paragraph}${marker}\n`)
  await new Promise((resolve) => setTimeout(resolve, pause))
  lines.length = 0
  started = performance.now()
  await fs.writeFile(chapter, edited)
  const report = await line(/^(?:Rebuilt \(|Build failed|zhbook: internal error)/)
  // From the write of the edit until the watcher wrote every edition's pages.
  const elapsed = performance.now() - started
  if (!report.startsWith('Rebuilt')) throw new Error(`Unexpected rebuild: ${report}`)
  const late = await line(/^(?:Rebuilt [a-z]|zhbook: internal error)/)
  // Until it wrote the formats that follow in the background.
  const lateElapsed = performance.now() - started
  if (!late.startsWith('Rebuilt')) throw new Error(`Unexpected rebuild: ${late}`)
  await checkEdit(`part-${number}`, marker)
  times.push(elapsed)
  lateTimes.push(lateElapsed)
  console.log(
    `Edit ${run + 1}: web ${Math.round(elapsed)} ms (${report}); EPUB ${Math.round(lateElapsed)} ms (${late})`
  )
}

child.kill('SIGINT')
await new Promise((resolve) => child.once('exit', resolve))
await fs.rm(tmp, {recursive: true, force: true})
for (const [what, values] of [
  ['web edition', times],
  ['EPUBs', lateTimes]
] as const) {
  values.sort((a, b) => a - b)
  const median = values[Math.floor(values.length / 2)]!
  console.log(
    `One-paragraph edit to every edition's ${what} updated: median ${Math.round(median)} ms, ` +
      `min ${Math.round(values[0]!)} ms, max ${Math.round(values.at(-1)!)} ms (${runs} runs, ${os.cpus().length} cores)`
  )
}

/**
 * Check that every edition's web page and EPUB chapter hold the edit.
 *
 * @param id
 *   Chapter id.
 * @param marker
 *   Text of the edit, in Traditional script.
 */
async function checkEdit(id: string, marker: string): Promise<undefined> {
  const simplified = marker.replace('編輯', '编辑')
  for (const [edition, expected] of [
    ['hant', marker],
    ['hans', simplified],
    ['bilingual', simplified]
  ] as const) {
    const page = await fs.readFile(path.join(out, 'web', edition, `${id}.html`), 'utf8')
    const epub = await JSZip.loadAsync(await fs.readFile(path.join(out, `small-models-${edition}.epub`)))
    const xhtml = await epub.file(`OEBPS/${id}.xhtml`)?.async('string')
    if (!page.includes(expected) || !xhtml?.includes(expected)) {
      throw new Error(`Unexpected output of ${edition} without the edit \`${expected}\``)
    }
  }
}
