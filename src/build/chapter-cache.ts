/**
 * The chapter cache: an edition's processed chapter (hast, title, stage data,
 * messages), keyed by a hash of everything that made it, so a rebuild redoes
 * only the chapters an edit touched. In memory (watch mode: the same objects
 * come back, renderers memoise on them) and on disk (next run); an entry whose
 * hash or checksum does not match is ignored.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {EditionChapter} from '../core/model.js'

/** Format of the entries; bump it when what is stored changes. */
const formatVersion = 1

/** A processed chapter as the build uses it. */
export interface ProcessedEntry {
  /** The chapter. */
  chapter: EditionChapter
  /** The file the stages ran on (messages, data). */
  file: VFile
}

/** What is stored of a file: its messages and data, not its contents. */
interface StoredFile {
  path: string
  data: Record<string, unknown>
  messages: Array<{
    reason: string
    line?: number
    column?: number
    ruleId?: string
    source?: string
    fatal?: boolean | null
  }>
}

/** What an entry on disk holds. */
interface StoredEntry {
  format: number
  key: string
  checksum: string
  payload: string
}

/** Options of a cache. */
export interface ChapterCacheOptions {
  /** Folder of the disk cache; without it, memory only. */
  dir?: string | undefined
  /**
   * Write entries to disk this many ms after the last `set` (optional: during
   * it). Why: serialising the trees costs more than the rest of a watch
   * rebuild, and the disk copy is only for the next run.
   */
  writeDelay?: number | undefined
}

/** The chapter cache. */
export class ChapterCache {
  /** Folder of the disk cache (optional). */
  readonly dir: string | undefined
  private readonly memory = new Map<string, ProcessedEntry>()
  /** Counters, for reports and tests. */
  readonly stats = {hits: 0, misses: 0, rejected: 0}
  /** Digest of each chapter's text as last seen, by path. */
  private readonly digests = new Map<string, {text: string; digest: string}>()
  private readonly writeDelay: number | undefined
  private readonly pending = new Map<string, {chapter: EditionChapter; file: StoredFile}>()
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()

  /** @param options Configuration (optional). */
  constructor(options: ChapterCacheOptions = {}) {
    this.dir = options.dir
    this.writeDelay = options.writeDelay
  }

  /**
   * The key of a chapter: a hash of every input that shapes it.
   *
   * @param parts
   *   Inputs (strings or JSON-able values), in a fixed order.
   * @returns
   *   Hex digest.
   */
  static key(parts: readonly unknown[]): string {
    const hash = createHash('sha256')
    hash.update(String(formatVersion))
    for (const part of parts) {
      hash.update('\0').update(typeof part === 'string' ? part : (JSON.stringify(part) ?? 'undefined'))
    }

    return hash.digest('hex')
  }

  /**
   * A digest of a chapter's text, hashed again only when the text changed
   * (comparing two strings is far cheaper than hashing one).
   *
   * @param path
   *   Path of the chapter.
   * @param text
   *   Its text.
   * @returns
   *   Hex digest.
   */
  digest(path: string, text: string): string {
    const known = this.digests.get(path)
    if (known && known.text === text) return known.digest
    const digest = ChapterCache.key([path, text])
    this.digests.set(path, {text, digest})
    return digest
  }

  /**
   * Get an entry: from memory, else from disk.
   *
   * @param key
   *   Key.
   * @returns
   *   The entry, or `undefined` (missing, stale or corrupt).
   */
  async get(key: string): Promise<ProcessedEntry | undefined> {
    const known = this.memory.get(key)
    if (known) {
      this.stats.hits++
      return known
    }

    if (this.dir) {
      const entry = await this.read(key)
      if (entry) {
        this.memory.set(key, entry)
        this.stats.hits++
        return entry
      }
    }

    this.stats.misses++
    return undefined
  }

  /**
   * Store an entry in memory and (when there is a folder) on disk.
   *
   * @param key
   *   Key.
   * @param entry
   *   Processed chapter.
   * @returns
   *   Nothing.
   */
  async set(key: string, entry: ProcessedEntry): Promise<void> {
    this.memory.set(key, entry)
    if (!this.dir) return
    // What is kept of the file is taken now; the trees are never changed
    // after the stages (renderers copy what they change).
    const record = {chapter: entry.chapter, file: storeFile(entry.file)}
    if (this.writeDelay === undefined) return this.write(key, record)
    this.pending.set(key, record)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.writeDelay)
  }

  /**
   * Write the entries waiting to be written (`writeDelay`).
   *
   * @returns
   *   Nothing, once every entry set so far is on disk or failed (the disk copy
   *   only saves time).
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    const records = [...this.pending]
    this.pending.clear()
    this.writing = this.writing.then(async () => {
      for (const [key, record] of records) {
        try {
          await this.write(key, record)
        } catch {}
      }
    })
    return this.writing
  }

  private async write(key: string, record: {chapter: EditionChapter; file: StoredFile}): Promise<void> {
    const payload = JSON.stringify(record)
    const stored: StoredEntry = {format: formatVersion, key, checksum: checksum(payload), payload}
    const file = this.fileOf(key)
    await fs.mkdir(path.dirname(file), {recursive: true})
    // Write next to it and rename: a reader never sees half an entry.
    const temporary = `${file}.${process.pid}.tmp`
    await fs.writeFile(temporary, JSON.stringify(stored))
    await fs.rename(temporary, file)
  }

  /**
   * Forget entries in memory the last build did not use (bounds a watch session).
   *
   * @param keep
   *   Keys to keep.
   * @returns
   *   Nothing.
   */
  retain(keep: ReadonlySet<string>): void {
    for (const key of this.memory.keys()) if (!keep.has(key)) this.memory.delete(key)
  }

  private async read(key: string): Promise<ProcessedEntry | undefined> {
    let text: string
    try {
      // Why sync: a watch rebuild looks up new keys not on disk; a failed
      // open is microseconds here, a wait behind the watcher's thread pool.
      text = readFileSync(this.fileOf(key), 'utf8')
    } catch {
      return undefined
    }

    try {
      const stored = JSON.parse(text) as StoredEntry
      if (stored.format !== formatVersion || stored.key !== key || checksum(stored.payload) !== stored.checksum) {
        throw new Error('mismatch')
      }

      const payload = JSON.parse(stored.payload) as {chapter: EditionChapter; file: StoredFile}
      return {chapter: payload.chapter, file: restoreFile(payload.file)}
    } catch {
      // Corrupt or stale: ignored, and replaced by the next `set`.
      this.stats.rejected++
      return undefined
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir!, 'chapters', key.slice(0, 2), `${key}.json`)
  }
}

function checksum(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

function storeFile(file: VFile): StoredFile {
  return {
    path: file.path,
    data: file.data as Record<string, unknown>,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      line: message.line,
      column: message.column,
      ruleId: message.ruleId,
      source: message.source,
      fatal: message.fatal
    }))
  }
}

/** A file back from what was kept. */
function restoreFile(stored: StoredFile): VFile {
  const file = new VFile({path: stored.path, data: stored.data})
  for (const message of stored.messages) {
    const restored = file.message(message.reason, {
      place: message.line === undefined ? undefined : {line: message.line, column: message.column ?? 1},
      ruleId: message.ruleId,
      source: message.source
    })
    restored.fatal = message.fatal
  }

  return file
}
