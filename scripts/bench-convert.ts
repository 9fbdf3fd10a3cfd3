/**
 * `make bench-convert`: how close each converter comes to a mainland
 * original, on an aligned corpus (a Taiwan edition beside the mainland text
 * it was made from, `pairs.tsv`: `taiwan<TAB>mainland` per line).
 *
 * For zhbook (both fields), the OpenCC command line (`tw2sp.json`) and stock
 * opencc-js (`twp` → `cn`): the Han characters that differ from the original
 * (per line, the longer side's Han characters minus their longest common
 * subsequence), their share of the original's, and conversion speed. Then
 * what each of zhbook's vocabulary entries does: the corpus converted with
 * the entry undone (an added word removed, a dropped or restricted OpenCC
 * entry put back), the characters it fixes and breaks. Writes the
 * "Conversion" section of BENCHMARKS.md.
 *
 * Installs opencc (Debian) when it is missing.
 *
 * Usage: npx tsx scripts/bench-convert.ts [corpus folder]
 * (default: `../shared/corpora/d2l-zh-tw-dev`, or `$CORPUS`).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import * as OpenCC from 'opencc-js'
import {createConverter} from '../src/convert/converter.js'
import {type AddedEntry, added, type ReviewedEntry, review, type VocabularyField} from '../src/convert/vocabulary.js'
import {ensurePackages} from './debian.js'
import {median, writeSection} from './bench-report.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpus = path.resolve(
  process.argv[2] ?? process.env.CORPUS ?? path.join(root, '..', 'shared', 'corpora', 'd2l-zh-tw-dev')
)
const field: VocabularyField = 'technical'

ensurePackages([{binary: 'opencc', pkg: 'opencc'}])

const rows = (await fs.readFile(path.join(corpus, 'pairs.tsv'), 'utf8'))
  .split('\n')
  .slice(1)
  .filter((line) => line.includes('\t'))
  .map((line) => line.split('\t') as [string, string])
const taiwan = rows.map(([source]) => source)
const mainland = rows.map(([, original]) => hanOf(original))
const hanTotal = mainland.reduce((sum, han) => sum + han.length, 0)
console.log(`Corpus: ${rows.length} lines, ${hanTotal} Han characters in the original`)

/** The Han characters of a text, as code points. */
function hanOf(text: string): string[] {
  return [...text].filter((character) => /\p{Script=Han}/u.test(character))
}

/** Han characters of `output` that differ from line `index` of the original. */
function differing(output: string, index: number): number {
  const a = hanOf(output)
  const b = mainland[index]!
  // Longest common subsequence, one row at a time.
  let previous = new Int32Array(b.length + 1)
  let current = new Int32Array(b.length + 1)
  for (const character of a) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = character === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!)
    }

    ;[previous, current] = [current, previous]
  }

  return Math.max(a.length, b.length) - previous[b.length]!
}

/** Differing characters of each line. */
const score = (outputs: readonly string[]) => outputs.map((output, index) => differing(output, index))
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)
const percent = (count: number) => `${((100 * count) / hanTotal).toFixed(2)}%`

// 1. Each converter on the corpus.
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bench-convert-'))
const input = path.join(tmp, 'taiwan.txt')
await fs.writeFile(input, taiwan.join('\n') + '\n')
const cli = spawnSync('opencc', ['-c', 'tw2sp.json', '-i', input], {encoding: 'utf8', maxBuffer: 1 << 28})
if (cli.status !== 0) throw new Error(`opencc failed: ${cli.stderr}`)
const stock = OpenCC.Converter({from: 'twp', to: 'cn'})
const zhbook = {
  general: createConverter([], {vocabulary: 'general'}),
  technical: createConverter([], {vocabulary: 'technical'})
}
const outputs = {
  cli: cli.stdout.split('\n').slice(0, rows.length),
  stock: taiwan.map((line) => stock(line)),
  general: taiwan.map((line) => zhbook.general.convert(line).value),
  technical: taiwan.map((line) => zhbook.technical.convert(line).value)
}
const scores = {
  cli: score(outputs.cli),
  stock: score(outputs.stock),
  general: score(outputs.general),
  technical: score(outputs.technical)
}
const totals = {
  cli: sum(scores.cli),
  stock: sum(scores.stock),
  general: sum(scores.general),
  technical: sum(scores.technical)
}
for (const [name, total] of Object.entries(totals)) console.log(`${name}: ${total} (${percent(total)})`)

// 2. Speed: the corpus repeated to about 2 MB, converted in process (after
// one run to load the dictionaries) and by the command line (process start
// included, as a user runs it).
const copies = Math.ceil((2 * 1024 * 1024) / Buffer.byteLength(taiwan.join('\n')))
const large = Array.from({length: copies}, () => taiwan.join('\n')).join('\n')
const largeFile = path.join(tmp, 'large.txt')
await fs.writeFile(largeFile, large)
const runs = 5
/** Wall and processor seconds of a run in this process. */
const inProcess = (run: () => void) => {
  const started = performance.now()
  const cpu = process.cpuUsage()
  run()
  const used = process.cpuUsage(cpu)
  return {wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6}
}

/** Wall and processor seconds of the command line (`time`'s `%e %U %S`). */
const commandLine = () => {
  const args = ['-f', '%e %U %S', 'opencc', '-c', 'tw2sp.json', '-i', largeFile, '-o', path.join(tmp, 'out.txt')]
  const result = spawnSync('/usr/bin/time', args, {encoding: 'utf8'})
  const [wall = 0, user = 0, system = 0] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
  return {wall, cpu: user + system}
}

const load = os.loadavg()[0]!
// One run of each first: the first pass over a long text compiles its code.
stock(large)
zhbook.technical.convert(large)
// Runs interleaved, so a busy machine slows each converter alike; processor
// time, which a busy machine changes less, beside the wall time.
type Sample = {wall: number; cpu: number}
const samples: {cli: Sample[]; stock: Sample[]; technical: Sample[]} = {cli: [], stock: [], technical: []}
for (let run = 0; run < runs; run++) {
  samples.cli.push(commandLine())
  samples.stock.push(inProcess(() => stock(large)))
  samples.technical.push(inProcess(() => zhbook.technical.convert(large)))
}

const medians = (values: Sample[]) => ({
  wall: median(values.map((value) => value.wall)),
  cpu: median(values.map((value) => value.cpu))
})
const speed = {cli: medians(samples.cli), stock: medians(samples.stock), technical: medians(samples.technical)}
const bytes = Buffer.byteLength(large)
console.log(`speed on ${bytes} bytes: ${JSON.stringify(speed)}`)

// 3. What each entry does: undo it, convert the lines that hold its key,
// compare line by line.
interface Effect {
  label: string
  /** Characters it puts right. */
  fixes: number
  /** Characters it puts wrong. */
  breaks: number
}

const effects: Effect[] = []
const active = (entry: {field?: string | undefined}) => !entry.field || entry.field === field
function measure(label: string, key: string, layers: {review: readonly ReviewedEntry[]; added: readonly AddedEntry[]}) {
  const lines = taiwan.flatMap((line, index) => (line.includes(key) ? [index] : []))
  if (lines.length === 0) return
  const undone = createConverter([], {vocabulary: field, layers})
  let fixes = 0
  let breaks = 0
  for (const index of lines) {
    const delta = differing(undone.convert(taiwan[index]!).value, index) - scores.technical[index]!
    if (delta > 0) fixes += delta
    else breaks -= delta
  }

  if (fixes || breaks) effects.push({label, fixes, breaks})
}

for (const entry of added.filter(active)) {
  measure(`added ${entry.from} → ${entry.to}`, entry.from, {review, added: added.filter((other) => other !== entry)})
}

for (const entry of review) {
  if (entry.action === 'restrict' && entry.field === field) continue
  const label = entry.action === 'drop' ? 'dropped' : 'restricted'
  measure(`${label} OpenCC ${entry.from}`, entry.from, {review: review.filter((other) => other !== entry), added})
}

const net = (effect: Effect) => effect.fixes - effect.breaks
effects.sort((a, b) => net(b) - net(a) || a.label.localeCompare(b.label))
for (const effect of effects) console.log(`${effect.label}: +${effect.fixes} −${effect.breaks}`)

// 4. BENCHMARKS.md: replace the conversion section, keep the rest.
const counts = {
  dropped: review.filter((entry) => entry.action === 'drop').length,
  restricted: review.filter((entry) => entry.action === 'restrict').length,
  added: added.length,
  technical: [...added, ...review].filter((entry) => entry.field === 'technical').length
}
const row = (name: string, total: number) => `| ${name} | ${total} | ${percent(total)} |`
const section = [
  '## Conversion',
  '',
  `Made by \`make bench-convert\` (\`scripts/bench-convert.ts\`) on \`${path.basename(corpus)}\`: ${rows.length} lines`,
  `of a textbook, its Taiwan edition converted and compared with the mainland original it was made from`,
  `(${hanTotal} Han characters). Differing characters: per line, the Han characters of the longer side`,
  'that are not in the longest common subsequence of the two.',
  '',
  '| converter | differing Han characters | share |',
  '| --- | --: | --: |',
  row('OpenCC command line (`tw2sp.json`)', totals.cli),
  row('opencc-js (`twp` → `cn`)', totals.stock),
  row('zhbook, `vocabulary: general`', totals.general),
  row('zhbook, `vocabulary: technical`', totals.technical),
  '',
  `Target: zhbook (the corpus is a technical book) at most half the command line's: ${totals.technical} ≤ ${Math.floor(totals.cli / 2)}: ${totals.technical <= totals.cli / 2 ? 'met' : 'not met'}.`,
  'With `vocabulary: general` the words whose mainland form depends on the field keep their everyday',
  'sense (資料 → 资料, 智慧 → 智慧, 建立 → 建立), where this book means the computing one (数据, 智能, 创建).',
  '',
  `Speed on the corpus repeated to ${bytes} bytes, medians of ${runs} runs, wall (processor) seconds:`,
  `zhbook ${speed.technical.wall.toFixed(3)} (${speed.technical.cpu.toFixed(3)}) in process, opencc-js`,
  `${speed.stock.wall.toFixed(3)} (${speed.stock.cpu.toFixed(3)}), OpenCC command line ${speed.cli.wall.toFixed(3)} (${speed.cli.cpu.toFixed(3)});`,
  `zhbook is ${(speed.cli.wall / speed.technical.wall).toFixed(1)} × faster than the command line by the wall clock,`,
  `${(speed.cli.cpu / speed.technical.cpu).toFixed(1)} × by processor time (target ≥ 3 ×). Run on`,
  `${new Date().toISOString().slice(0, 10)} with Node ${process.version}, at a load average of ${load.toFixed(1)} on ${os.cpus().length} cores`,
  '(runs interleaved, so a busy machine slows the three alike).',
  '',
  `zhbook's vocabulary (\`src/convert/vocabulary.ts\`): ${counts.dropped} OpenCC entries dropped, ${counts.restricted} restricted,`,
  `${counts.added} added (${counts.technical} of the entries only with \`vocabulary: technical\`). What each does on the corpus (\`technical\`), undone one at a time: characters it puts right`,
  'and wrong. The ten that help most and every one that hurts:',
  '',
  '| entry | fixes | breaks | net |',
  '| --- | --: | --: | --: |',
  ...[...effects.slice(0, 10), ...effects.slice(10).filter((effect) => effect.breaks > 0)].map(
    (effect) => `| ${effect.label} | ${effect.fixes} | ${effect.breaks} | ${net(effect)} |`
  ),
  ''
].join('\n')

writeSection('Conversion', section.split('\n'))
await fs.rm(tmp, {recursive: true, force: true})
console.log('Wrote the Conversion section of BENCHMARKS.md')
