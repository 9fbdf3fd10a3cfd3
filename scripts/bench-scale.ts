/**
 * `make bench-scale` (and a section of `make bench`): one chapter of 2, 10
 * and 50 MB of Markdown, each built cold from the command line once: time
 * and peak memory. The chapter is the transcript's chapters one after the
 * other, repeated; the book has the transcript's book.yaml, overrides and
 * glossary, no translation (the Traditional and Simplified editions).
 *
 * Target: the 50 MB chapter builds in under a minute and 2 GB.
 *
 * Usage: npx tsx scripts/bench-scale.ts [sizes in MB…]
 * (writes its section of BENCHMARKS.md)
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const manuscript = path.join(root, 'manuscript')
const cli = path.join(root, 'dist', 'bin', 'zhbook.js')
/** Longest a build may take before it is counted as not finished, in seconds. */
const limit = 900

/** Heading of the section in BENCHMARKS.md. */
export const scaleHeading = '## One large chapter'

/** One row: a chapter's size, and its build's time and peak memory (absent when it did not finish). */
export interface ScaleRow {
  bytes: number
  seconds?: number | undefined
  megabytes?: number | undefined
  /** Why the build did not finish, if it did not. */
  failed?: string | undefined
}

/**
 * Write a book of one chapter of at least `minBytes` of Markdown.
 *
 * @param out
 *   Folder to write (replaced).
 * @param minBytes
 *   Minimum size of the chapter.
 * @returns
 *   Bytes of Markdown written.
 */
export async function makeOneChapterBook(out: string, minBytes: number): Promise<number> {
  const names = ['01-opening', '02-logic', '03-opportunities', '04-china-us', '05-qa']
  // Each chapter's heading a level down: the big chapter keeps their sections.
  const texts = await Promise.all(
    names.map(async (name) => (await fs.readFile(path.join(manuscript, `${name}.md`), 'utf8')).replace(/^# /, '## '))
  )
  const unit = texts.join('\n\n').trim() + '\n\n'
  const repeat = Math.ceil(minBytes / Buffer.byteLength(unit))
  const text = `# 一個很長的章節\n\n${unit.repeat(repeat)}`
  await fs.rm(out, {recursive: true, force: true})
  await fs.mkdir(out, {recursive: true})
  await fs.writeFile(path.join(out, 'big.md'), text)
  const config = await fs.readFile(path.join(manuscript, 'book.yaml'), 'utf8')
  // A budget past the bench's own limit: the bench measures the build, not the budget.
  await fs.writeFile(
    path.join(out, 'book.yaml'),
    config.replace(/^chapters:[\s\S]*$/m, `chapters:\n  - big.md\nlimits:\n  chapterSeconds: ${limit * 2}\n`)
  )
  for (const file of ['overrides.yaml', 'glossary.yaml']) {
    await fs.copyFile(path.join(manuscript, file), path.join(out, file))
  }

  return Buffer.byteLength(text)
}

/**
 * Build one chapter of each size once, cold, from the command line.
 *
 * @param tmp
 *   Folder to work in.
 * @param sizes
 *   Sizes of the chapter, in MB (optional, default: 2, 10, 50).
 * @returns
 *   One row per size.
 */
export async function measureScale(tmp: string, sizes: readonly number[] = [2, 10, 50]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = []
  for (const size of sizes) {
    const dir = path.join(tmp, `scale-${size}`)
    const bytes = await makeOneChapterBook(dir, size * 1_000_000)
    const out = path.join(tmp, `scale-${size}-out`)
    const run = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %M', process.execPath, cli, 'build', dir, '--out', out, '--no-cache', '-q'],
      {encoding: 'utf8', timeout: limit * 1000, maxBuffer: 2 ** 28}
    )
    const [wall, kb] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
    const row: ScaleRow =
      run.status === 0
        ? {bytes, seconds: wall, megabytes: Math.round(kb! / 1024)}
        : {
            bytes,
            failed: run.error
              ? `not finished in ${limit} s`
              : `exit ${run.status ?? run.signal}: ${failure(run.stderr)}`
          }
    rows.push(row)
    console.log(`one chapter of ${bytes} bytes: ${row.failed ?? `${row.seconds} s, ${row.megabytes} MB`}`)
    await fs.rm(dir, {recursive: true, force: true})
    await fs.rm(out, {recursive: true, force: true})
  }

  return rows
}

/** The first line of a failed build's messages (not `/usr/bin/time`'s), shortened. */
function failure(stderr: string): string {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((line) => !/^Command exited|^[\d.]+ \d+$/.test(line))
  return (lines[0] ?? '').slice(0, 160)
}

/**
 * The section of BENCHMARKS.md.
 *
 * @param rows
 *   Rows of `measureScale`.
 * @returns
 *   Lines.
 */
export function scaleSection(rows: readonly ScaleRow[]): string[] {
  return [
    scaleHeading,
    '',
    'One chapter, the transcript repeated (Traditional and Simplified editions, EPUB and web),',
    'built once, cold (`make bench-scale`). Target: 50 MB in under 60 s and 2 GB.',
    '',
    '| chapter | bytes | seconds | peak RSS |',
    '| --- | --: | --: | --: |',
    ...rows.map((row) =>
      row.failed
        ? `| ${(row.bytes / 1e6).toFixed(0)} MB | ${row.bytes} | ${row.failed} | |`
        : `| ${(row.bytes / 1e6).toFixed(0)} MB | ${row.bytes} | ${row.seconds!.toFixed(1)} | ${row.megabytes} MB |`
    ),
    '',
    `50 MB in under 60 s and 2 GB: ${met(rows) ? 'met' : 'not met'}.`,
    ''
  ]
}

/** Whether the largest chapter measured is 50 MB or more and built within the target. */
function met(rows: readonly ScaleRow[]): boolean {
  const last = rows.at(-1)
  return Boolean(last && last.bytes >= 50_000_000 && last.seconds! < 60 && last.megabytes! < 2048)
}

/**
 * Put the section in a BENCHMARKS.md text: in place of the old one, else
 * before the Conversion section, else at the end.
 *
 * @param text
 *   BENCHMARKS.md.
 * @param section
 *   Lines of the section.
 * @returns
 *   BENCHMARKS.md with the section.
 */
export function withScaleSection(text: string, section: readonly string[]): string {
  const body = section.join('\n') + '\n'
  const start = text.indexOf('\n' + scaleHeading)
  if (start !== -1) {
    const next = text.indexOf('\n## ', start + 1)
    return text.slice(0, start + 1) + body + (next === -1 ? '' : text.slice(next + 1))
  }

  const conversion = text.indexOf('\n## Conversion')
  return conversion === -1 ? text + '\n' + body : text.slice(0, conversion + 1) + body + text.slice(conversion + 1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = process.argv.slice(2).map(Number)
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bench-scale-'))
  const rows = await measureScale(tmp, sizes.length > 0 ? sizes : undefined)
  await fs.rm(tmp, {recursive: true, force: true})
  const section = scaleSection(rows)
  const file = path.join(root, 'BENCHMARKS.md')
  await fs.writeFile(file, withScaleSection(await fs.readFile(file, 'utf8').catch(() => ''), section))
  console.log(section.join('\n'))
}
