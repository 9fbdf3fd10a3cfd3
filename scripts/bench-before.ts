/**
 * `make bench-before BEFORE=DIR`: this code against another built clone (an
 * earlier commit), the same day, on the same generated book as `make bench`,
 * every run of one interleaved with a run of the other, so both see the same
 * load on the machine. On a shared machine two `make bench` runs can differ
 * by half; a comparison made on another day cannot say "no worse".
 *
 * Measured, 5 runs each, medians: the full build cold (the command, a new
 * process) at 1× and 2× the size, with its peak RSS; and the time per step
 * of one build in process (`scripts/bench-steps-run.ts`). `--runs N` for
 * another count. Writes the
 * "Against an earlier commit" section of BENCHMARKS.md.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseCatalog, stringifyCatalog} from '../src/translate/catalog.js'
import {makeLargeBook} from './make-large-book.js'
import {builtClone, type Clone, median, writeSection} from './bench-report.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 5
const at = process.argv.indexOf('--before')
if (at === -1) throw new Error('Missing `--before DIR`: the clone to compare with (make bench-before BEFORE=DIR)')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-before-'))

const clones = [builtClone(path.resolve(process.argv[at + 1]!)), builtClone(root)]

/**
 * A generated book both clones read: without `description`, a key zhbook
 * did not know before the newcomer work (an unknown key stops a build).
 */
async function book(dir: string, count: number, bytes: number): Promise<number> {
  const size = await makeLargeBook(dir, count, bytes)
  const config = path.join(dir, 'book.yaml')
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^description:.*\n/m, ''))
  return size
}

const sizes = [1, 2]
const books = await Promise.all(
  sizes.map(async (factor) => {
    const dir = path.join(tmp, `book-${factor}`)
    return {factor, dir, bytes: await book(dir, 100, 2_000_000 * factor)}
  })
)

// The warm-up book: the same Markdown with every run of Han characters reversed (in the chapters
// and in the catalogs' source texts, so each paragraph keeps its translation), another title, other
// translations. Its words are not the timed book's: a process-wide memo of older code (the
// dictionary's index, readings, parsed translations) is not warmed for the timed build.
const warm = path.join(tmp, 'warm-up')
await book(warm, 5, 100_000)
const reverse = (text: string) => text.replace(/\p{Script=Han}+/gu, (run) => [...run].reverse().join(''))
for (const name of fs.readdirSync(warm)) {
  const file = path.join(warm, name)
  if (name.endsWith('.md') || name === 'book.yaml') fs.writeFileSync(file, reverse(fs.readFileSync(file, 'utf8')))
}
const catalogs = path.join(warm, 'translations/en')
for (const name of fs.readdirSync(catalogs)) {
  const file = path.join(catalogs, name)
  const catalog = parseCatalog(fs.readFileSync(file, 'utf8'))
  const entries = catalog.entries.map((entry) => ({
    ...entry,
    id: reverse(entry.id),
    translation: entry.translation && `(W) ${entry.translation}`
  }))
  fs.writeFileSync(file, stringifyCatalog({...catalog, entries}))
}

/** Seconds and peak RSS (MB) of one cold full build by a clone's command. */
function cold(which: Clone, dir: string): {seconds: number; rss: number} {
  const out = path.join(tmp, 'out')
  fs.rmSync(out, {recursive: true, force: true})
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', process.execPath, which.command, 'build', dir, '--out', out, '--no-cache', '-q'],
    {
      cwd: which.dir,
      encoding: 'utf8'
    }
  )
  if (result.status !== 0) throw new Error(`${which.command} failed: ${result.stderr}`)
  const [seconds, kb] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
  return {seconds: seconds!, rss: kb! / 1024}
}

/** Step timings (ms) of one build in process by a clone's code. */
function steps(which: Clone, dir: string): Record<string, number> {
  const out = path.join(tmp, 'steps')
  fs.rmSync(out, {recursive: true, force: true})
  fs.rmSync(`${out}-warm-up`, {recursive: true, force: true})
  const runner = path.join(root, 'scripts', 'bench-steps-run.ts')
  const result = spawnSync(process.execPath, ['--import', 'tsx', runner, which.dir, dir, warm, out], {
    cwd: which.dir,
    encoding: 'utf8'
  })
  if (result.status !== 0) throw new Error(`${runner} in ${which.dir} failed: ${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, number>
}

const load = os.loadavg()[0]!
const builds = clones.map(() => books.map(() => [] as Array<{seconds: number; rss: number}>))
const timings = clones.map(() => [] as Array<Record<string, number>>)
for (let run = 0; run < runs; run++) {
  for (const [index, which] of clones.entries()) {
    for (const [size, entry] of books.entries()) builds[index]![size]!.push(cold(which, entry.dir))
    timings[index]!.push(steps(which, books[0]!.dir))
    console.log(`run ${run + 1}/${runs}: ${which.label}`)
  }
}

const seconds = builds.map((bySize) => bySize.map((runs) => median(runs.map((run) => run.seconds))))
const rss = builds.map((bySize) => median(bySize[0]!.map((run) => run.rss)))
const megabytes = (books[1]!.bytes - books[0]!.bytes) / 1e6
const names: Record<string, string> = {
  read: 'read the manuscript',
  stages: 'stages (3 editions, every chapter)',
  book: 'whole-book parts',
  render: 'render (3 × EPUB, 3 × web)',
  check: 'read back',
  write: 'write'
}
const stepNames = Object.keys(names).filter((step) => timings.some((runs) => step in runs[0]!))
/** A step's median, with its fastest and slowest; a dash for a step the clone does not time. */
const step = (index: number, name: string) => {
  const values = timings[index]!.map((run) => run[name]).filter((value) => value !== undefined)
  if (values.length === 0) return '–'
  return `${Math.round(median(values))} (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`
}

const cells = (values: string[]) => `| ${values.join(' | ')} |`
const lines = [
  '',
  '## Against an earlier commit',
  '',
  `Made by \`make bench-before BEFORE=DIR\` (\`scripts/bench-before.ts\`): ${clones[0]!.label} against this code, the same day,`,
  `on the book of \`make bench\` (${books[0]!.bytes} bytes) and one twice its size; ${runs} runs each, medians, every run of`,
  'one interleaved with a run of the other. Steps: one build in a process of its own, after a warm-up',
  'build of a small book of other text, title and translations (the JIT warm, nothing keyed by the book).',
  `${new Date().toISOString().slice(0, 10)} with Node ${process.version}, at a load average of ${load.toFixed(1)} on ${os.cpus().length} cores.`,
  '',
  cells(['measure', `before (${clones[0]!.label})`, 'now']),
  cells(['---', '--:', '--:']),
  cells(['full build, cold, 1× (s)', ...seconds.map((bySize) => bySize[0]!.toFixed(2))]),
  cells(['full build, cold, 2× (s)', ...seconds.map((bySize) => bySize[1]!.toFixed(2))]),
  cells(['2 × input / 1 × time', ...seconds.map((bySize) => (bySize[1]! / bySize[0]!).toFixed(2))]),
  cells([
    'seconds per added MB of Markdown',
    ...seconds.map((bySize) => ((bySize[1]! - bySize[0]!) / megabytes).toFixed(2))
  ]),
  cells(['peak RSS, 1× (MB)', ...rss.map((value) => String(Math.round(value)))]),
  ...stepNames.map((name) => cells([`${names[name]} (ms)`, ...clones.map((_, index) => step(index, name))])),
  ''
]

writeSection('Against an earlier commit', lines.slice(1))
fs.rmSync(tmp, {recursive: true, force: true})
console.log(lines.join('\n'))
