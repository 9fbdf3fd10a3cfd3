/**
 * `make bench`: zhbook against pandoc (Markdown → EPUB) and the OpenCC
 * command line (tw2sp) on a generated book of 100 chapters (≥ 2 MB of
 * Markdown); several runs each, medians and ratios, peak memory, time per
 * step, how the cost grows with the size, and one large chapter (2, 10 and
 * 50 MB, `scripts/bench-scale.ts`). Writes BENCHMARKS.md.
 *
 * Installs pandoc and opencc (Debian) when they are missing.
 *
 * Usage: npx tsx scripts/bench.ts [runs]
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {build} from '../src/build/build.js'
import {createConverter} from '../src/convert/converter.js'
import {ensurePackages} from './debian.js'
import {median} from './bench-report.js'
import {makeLargeBook} from './make-large-book.js'
import {measureScale, scaleSection} from './bench-scale.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 3)
const cli = path.join(root, 'dist', 'bin', 'zhbook.js')
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bench-'))

/** Run a command once; wall seconds and peak RSS (KB). */
function measureOnce(command: string, args: string[]): {seconds: number; rss: number} {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`)
  const [wall, kb] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
  return {seconds: wall!, rss: kb!}
}

/** Run a command `runs` times; wall seconds and peak RSS (KB) per run. */
function measure(command: string, args: string[]): {seconds: number[]; rss: number[]} {
  const seconds: number[] = []
  const rss: number[] = []
  for (let run = 0; run < runs; run++) {
    const once = measureOnce(command, args)
    seconds.push(once.seconds)
    rss.push(once.rss)
  }

  return {seconds, rss}
}

ensurePackages([
  {binary: 'pandoc', pkg: 'pandoc'},
  {binary: 'opencc', pkg: 'opencc'}
])

const book = path.join(tmp, 'book')
const bytes = await makeLargeBook(book)
const chapters = (await fs.readdir(book)).filter((name) => name.endsWith('.md')).sort()
const markdown = (await Promise.all(chapters.map((name) => fs.readFile(path.join(book, name), 'utf8')))).join('\n\n')
await fs.writeFile(path.join(tmp, 'all.md'), markdown)
console.log(`Book: ${chapters.length} chapters, ${bytes} bytes of Markdown; ${runs} runs each`)

// 1. zhbook: all three editions, EPUB and web, no cache (a cold build).
// A new output folder each run: replacing an earlier build's output is not part of a cold build.
const zhbook: {seconds: number[]; rss: number[]} = {seconds: [], rss: []}
for (let run = 0; run < runs; run++) {
  const once = measureOnce(process.execPath, [
    cli,
    'build',
    book,
    '--out',
    path.join(tmp, `out-${run}`),
    '--no-cache',
    '-q'
  ])
  zhbook.seconds.push(once.seconds)
  zhbook.rss.push(once.rss)
}

console.log(`zhbook full build: ${zhbook.seconds.join(', ')} s`)

// 2. pandoc: the same Traditional Markdown to one EPUB.
const pandoc = measure('pandoc', [
  '-f',
  'markdown',
  '-t',
  'epub3',
  '--metadata',
  'title=bench',
  '-o',
  path.join(tmp, 'pandoc.epub'),
  path.join(tmp, 'all.md')
])
console.log(`pandoc one EPUB: ${pandoc.seconds.join(', ')} s`)

// 3. Conversion: zhbook's converter (in process, dictionaries loaded once)
// against the OpenCC command line, on the same text.
const opencc = measure('opencc', [
  '-c',
  'tw2sp.json',
  '-i',
  path.join(tmp, 'all.md'),
  '-o',
  path.join(tmp, 'opencc.txt')
])
const ours: number[] = []
for (let run = 0; run < runs; run++) {
  const started = performance.now()
  createConverter().convert(markdown)
  ours.push((performance.now() - started) / 1000)
}

console.log(`conversion: zhbook ${ours.map((s) => s.toFixed(3)).join(', ')} s; opencc ${opencc.seconds.join(', ')} s`)

// 4. Time per step of one build, in process (a second build: the first
// warms up the JIT), and the floor that remark-parse sets: parsing the
// chapters once, nothing else.
await build({input: book, output: path.join(tmp, 'out-warm'), env: {}})
const timings: Array<Awaited<ReturnType<typeof build>>['timings'] & {plain: number}> = []
for (let run = 0; run < runs; run++) {
  const full = await build({input: book, output: path.join(tmp, `out-steps-${run}`), env: {}})
  if (!full.ok) throw new Error('build failed')
  // The disk's floor for the write: the same files, written by a plain loop into a new folder.
  const plain = path.join(tmp, `out-plain-${run}`)
  const started = performance.now()
  for (const file of full.outputs) {
    const target = path.join(plain, ...file.path.split('/'))
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, file.data)
  }
  timings.push({...full.timings, plain: performance.now() - started})
}

/** One step over the runs: median, fastest, slowest. */
const step = (name: keyof (typeof timings)[number]): [number, number, number] => {
  const values = timings.map((timing) => timing[name])
  return [median(values), Math.min(...values), Math.max(...values)]
}
const steps: Record<string, [number, number, number]> = {
  'read the manuscript': step('read'),
  'stages (3 editions, every chapter)': step('stages'),
  'whole-book parts (back matter, dictionary, report)': step('book'),
  'render (3 × EPUB, 3 × web)': step('render'),
  'read back (each EPUB unzipped, its documents parsed; the pages checked)': step('check'),
  write: step('write'),
  'the same files written by a plain loop (the disk’s floor for the write)': step('plain')
}
const parser = unified().use(remarkParse).use(remarkGfm)
const chapterTexts = await Promise.all(chapters.map((name) => fs.readFile(path.join(book, name), 'utf8')))
const parse: number[] = []
for (let run = 0; run < runs; run++) {
  const started = performance.now()
  for (const text of chapterTexts) parser.parse(text)
  parse.push((performance.now() - started) / 1000)
}

console.log(`steps: ${JSON.stringify(steps)}; remark-parse alone ${parse.map((s) => s.toFixed(3)).join(', ')} s`)

// The transcript's own book, cold.
const transcript = measure(process.execPath, [
  cli,
  'build',
  path.join(root, 'manuscript'),
  '--out',
  path.join(tmp, 'out-transcript'),
  '--no-cache',
  '-q'
])
console.log(`transcript full build: ${transcript.seconds.join(', ')} s`)

// 5. Growth: 1×, 2×, 4× the size; each run builds the three sizes in turn, so
// a change in the machine's load reaches every size alike.
const factors = [1, 2, 4]
const sized = await Promise.all(
  factors.map(async (factor) => {
    const dir = path.join(tmp, `book-${factor}`)
    return {factor, dir, size: await makeLargeBook(dir, 100, 2_000_000 * factor), seconds: [] as number[]}
  })
)
for (let run = 0; run < runs; run++) {
  for (const entry of sized) {
    const out = path.join(tmp, `out-${entry.factor}`)
    await fs.rm(out, {recursive: true, force: true})
    const once = measureOnce(process.execPath, [cli, 'build', entry.dir, '--out', out, '--no-cache', '-q'])
    entry.seconds.push(once.seconds)
  }
}

const growth: Array<[string, number, number]> = sized.map(({factor, size, seconds}) => [
  `${factor}×`,
  size,
  median(seconds)
])
for (const [factor, size, seconds] of growth) console.log(`growth ${factor}: ${size} bytes, ${seconds} s`)

// 6. One large chapter: 2, 10 and 50 MB, once each (`make bench-scale`).
const scale = await measureScale(tmp)

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`
const m = {
  zhbook: median(zhbook.seconds),
  pandoc: median(pandoc.seconds),
  ours: median(ours),
  opencc: median(opencc.seconds),
  parse: median(parse),
  transcript: median(transcript.seconds)
}
const lines = [
  '# Benchmarks',
  '',
  'Made by `make bench` (`scripts/bench.ts`): a generated book of 100 chapters',
  `(${bytes} bytes of Markdown, made from the transcript), ${runs} runs each, medians.`,
  '',
  `Machine: ${machine}. Date of the run: ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| measure | result | target | met |',
  '| --- | --: | --: | --- |',
  `| zhbook full build (3 editions × EPUB + web), cold | ${m.zhbook.toFixed(2)} s | ≤ 0.5 × pandoc = ${(m.pandoc / 2).toFixed(2)} s | ${m.zhbook <= m.pandoc / 2 ? 'yes' : 'no'} |`,
  `| pandoc, the same Markdown to one EPUB | ${m.pandoc.toFixed(2)} s | | |`,
  `| ratio zhbook / pandoc | ${(m.zhbook / m.pandoc).toFixed(2)} | ≤ 0.5 | ${m.zhbook / m.pandoc <= 0.5 ? 'yes' : 'no'} |`,
  `| conversion, zhbook (in process) | ${m.ours.toFixed(3)} s | | |`,
  `| conversion, OpenCC CLI (tw2sp.json) | ${m.opencc.toFixed(3)} s | | |`,
  `| conversion speed-up over OpenCC | ${(m.opencc / m.ours).toFixed(1)} × | ≥ 3 × | ${m.opencc / m.ours >= 3 ? 'yes' : 'no'} |`,
  `| peak RSS of the full build | ${Math.round(median(zhbook.rss) / 1024)} MB | ≤ 500 MB | ${median(zhbook.rss) / 1024 <= 500 ? 'yes' : 'no'} |`,
  `| 2 × input / 1 × time | ${(growth[1]![2] / growth[0]![2]).toFixed(2)} | ≤ 2.2 | ${growth[1]![2] / growth[0]![2] <= 2.2 ? 'yes' : 'no'} |`,
  `| the transcript's own full build, cold | ${m.transcript.toFixed(2)} s | ≤ 1 s | ${m.transcript <= 1 ? 'yes' : 'no'} |`,
  `| remark-parse alone, the same chapters, once (in process) | ${m.parse.toFixed(2)} s | | |`,
  '',
  'remark-parse (micromark), which the build must run once per chapter, takes',
  `${(m.parse / (m.pandoc / 2)).toFixed(1)} × the time the full build is given (${(m.pandoc / 2).toFixed(2)} s) on its own.`,
  '',
  `## Time per step (${runs} builds in process after one to warm up, medians)`,
  '',
  'Each build has a session of its own: nothing carries over from the build before. The code before',
  'the build session kept memos in its modules, so its builds after the first were warmer than that;',
  '`make bench-before` compares the two the same day, with those memos cold.',
  '',
  '| step | ms | fastest–slowest |',
  '| --- | --: | --: |',
  ...Object.entries(steps).map(
    ([step, [ms, low, high]]) => `| ${step} | ${Math.round(ms)} | ${Math.round(low)}–${Math.round(high)} |`
  ),
  '',
  '## Growth',
  '',
  '| size | bytes | seconds | seconds per MB added since the size before |',
  '| --- | --: | --: | --: |',
  ...growth.map(([factor, size, seconds], index) => {
    const before = growth[index - 1]
    const perMegabyte = before ? ((seconds - before[2]) / ((size - before[1]) / 1e6)).toFixed(2) : ''
    return `| ${factor} | ${size} | ${seconds.toFixed(2)} | ${perMegabyte} |`
  }),
  '',
  'The ratio of 2× to 1× falls as the fixed part of a build (starting, loading) grows: the seconds',
  'per MB added say how the cost grows with the text alone.',
  '',
  ...scaleSection(scale)
]
// The Conversion section is `make bench-convert`'s: keep it as it is.
const previous = await fs.readFile(path.join(root, 'BENCHMARKS.md'), 'utf8').catch(() => '')
const conversion = previous.indexOf('\n## Conversion')
await fs.writeFile(
  path.join(root, 'BENCHMARKS.md'),
  lines.join('\n') + (conversion === -1 ? '' : previous.slice(conversion))
)
await fs.rm(tmp, {recursive: true, force: true})
console.log(lines.join('\n'))
