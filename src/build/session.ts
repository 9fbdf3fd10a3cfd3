/**
 * The build session: everything a series of builds (watch mode) keeps from
 * one build to the next, in one object the caller creates and disposes.
 *
 * Nothing incremental lives in module state: a step that keeps a result asks
 * the session for a store of its own, by name, and the store lives as long as
 * the session. A one-off build gets a fresh session, so it keeps nothing.
 *
 * What a session holds: the chapter cache (`chapters`), what it last wrote
 * to each output folder (`output`), the threads that read chapters
 * (`readers`), and the named stores of the steps
 * (`chapterMemo`, `keyed`), each bounded.
 */
import {ChapterCache} from './chapter-cache.js'
import {OutputMemo, releaseOutput} from './output.js'
import {ReadPool} from './parse-pool.js'

/** Per-chapter results of one step (see `BuildSession.chapterMemo`). */
export type ChapterMemo<T> = (chapter: object, key: string, make: () => T) => T

/** Results of one step by key (see `BuildSession.keyed`). */
export interface KeyedMemo<T> {
  /**
   * The result for `key`, made by `make` when it is not kept.
   *
   * @param key
   *   Everything the result is made from.
   * @param make
   *   Makes the result.
   * @returns
   *   The result.
   */
  get(key: string, make: () => T): T
  /**
   * The result kept for `key`, if any.
   *
   * @param key
   *   Key.
   * @returns
   *   The result, or `undefined`.
   */
  peek(key: string): T | undefined
  /**
   * Keep a result.
   *
   * @param key
   *   Key.
   * @param value
   *   Result.
   * @returns
   *   Nothing.
   */
  set(key: string, value: T): undefined
  /**
   * Forget the result for `key`.
   *
   * @param key
   *   Key.
   * @returns
   *   Nothing.
   */
  delete(key: string): undefined
  /** Forget every result. */
  clear(): undefined
}

/** Options of a session. */
export interface SessionOptions {
  /** Folder of the session's on-disk caches (optional; default: none). */
  readonly cacheDir?: string | undefined
  /**
   * Write chapter cache entries to disk this many ms after the last one is
   * made (optional; default: while building, see `ChapterCacheOptions`).
   */
  readonly writeDelay?: number | undefined
  /**
   * Whether the session builds again (optional; default: `false`). Watch
   * mode does: it keeps the reading threads warm, and what its read-back
   * parsed. A single build stops its reading threads once its chapters are
   * read, so that their heaps are gone before it renders, and keeps nothing
   * for a next build.
   */
  readonly rebuilds?: boolean | undefined
}

/** What a session holds for one step. */
type Store = {kind: 'chapter'; memo: ChapterMemo<unknown>} | {kind: 'keyed'; memo: KeyedMemo<unknown>}

/**
 * What a series of builds keeps between builds.
 *
 * Stores are made on first use and named by their step (`'web.page'`,
 * `'epub.xhtml'`): one name, one kind of result.
 */
export class BuildSession {
  /** Folder of the session's on-disk caches, if any. */
  readonly cacheDir: string | undefined
  /**
   * Processed chapters, by everything that made them: a rebuild redoes the
   * chapters an edit touched; entries the last build did not use go.
   */
  readonly chapters: ChapterCache
  /**
   * What the session last wrote to each output folder: a rebuild knows an
   * unchanged file without reading it, and reuses the folders it replaced.
   */
  readonly output: OutputMemo
  /** The threads that read chapters, started on first use (see `readers`). */
  #readers: ReadPool | undefined
  readonly #rebuilds: boolean
  /** The stores, by step name. */
  readonly #stores = new Map<string, Store>()
  /** What runs on `dispose`, in order. */
  readonly #cleanups: Array<() => Promise<unknown> | unknown> = []
  /** Long keys seen lately, each with its short token (`intern`). */
  readonly #interned = new Map<string, string>()
  /** Tokens handed out so far: a token is never handed out twice. */
  #tokens = 0

  /**
   * Make a session.
   *
   * @param options
   *   Options (optional).
   */
  constructor(options: SessionOptions = {}) {
    this.cacheDir = options.cacheDir
    this.#rebuilds = options.rebuilds ?? false
    this.output = new OutputMemo(this.#rebuilds)
    this.chapters = new ChapterCache({dir: options.cacheDir, writeDelay: options.writeDelay})
  }

  /**
   * A short token for a long key: the same key gives the same token while it
   * is in use, and two different keys never share one.
   *
   * Why: many results are made from the same book-wide inputs (the contents,
   * the editions) plus a little of their own. With the book-wide part as a
   * token, each result's key stays short, and comparing it stays cheap.
   *
   * @param key
   *   Key.
   * @returns
   *   Token.
   */
  intern(key: string): string {
    let token = this.#interned.get(key)
    if (token === undefined) {
      token = '#' + String(++this.#tokens)
      this.#interned.set(key, token)
      // The keys of a few books and editions at a time.
      while (this.#interned.size > 64) this.#interned.delete(this.#interned.keys().next().value!)
    }

    return token
  }

  /**
   * A memo of one step's result per chapter: the last result per chapter
   * object, weakly held (a chapter that is gone takes its result with it),
   * made again when the key of its other inputs changes.
   *
   * Why per chapter object: the chapter cache hands back the same object for
   * a chapter that did not change, so what was made of it can be too.
   *
   * @param step
   *   Name of the step.
   * @returns
   *   Memo.
   */
  chapterMemo<T>(step: string): ChapterMemo<T> {
    const known = this.#stores.get(step)
    if (known) {
      if (known.kind !== 'chapter') throw new Error(`Unexpected store kind for \`${step}\``)
      return known.memo as ChapterMemo<T>
    }

    const values = new WeakMap<object, {key: string; value: T}>()
    const memo: ChapterMemo<T> = (chapter, key, make) => {
      const kept = values.get(chapter)
      if (kept && kept.key === key) return kept.value
      const value = make()
      values.set(chapter, {key, value})
      return value
    }

    this.#stores.set(step, {kind: 'chapter', memo: memo as ChapterMemo<unknown>})
    return memo
  }

  /**
   * A memo of one step's results by key, bounded: the `limit` most recently
   * used are kept.
   *
   * @param step
   *   Name of the step.
   * @param limit
   *   How many results to keep (optional, default: `64`).
   * @returns
   *   Memo.
   */
  keyed<T>(step: string, limit = 64): KeyedMemo<T> {
    const known = this.#stores.get(step)
    if (known) {
      if (known.kind !== 'keyed') throw new Error(`Unexpected store kind for \`${step}\``)
      return known.memo as KeyedMemo<T>
    }

    const values = new Map<string, T>()
    const memo: KeyedMemo<T> = {
      get(key, make) {
        if (values.has(key)) {
          const value = values.get(key) as T
          // Most recently used last: the first is the one to drop.
          values.delete(key)
          values.set(key, value)
          return value
        }

        const value = make()
        memo.set(key, value)
        return value
      },
      peek(key) {
        return values.get(key)
      },
      set(key, value) {
        values.delete(key)
        values.set(key, value)
        while (values.size > limit) values.delete(values.keys().next().value as string)
        return undefined
      },
      delete(key) {
        values.delete(key)
        return undefined
      },
      clear() {
        values.clear()
        return undefined
      }
    }

    this.#stores.set(step, {kind: 'keyed', memo: memo as KeyedMemo<unknown>})
    return memo
  }

  /**
   * The threads that read chapters under a time budget (`parse-pool.ts`):
   * started on first use, stopped by `doneReading` (or kept warm for the
   * next build, with `rebuilds`) and on `dispose`.
   *
   * @returns
   *   The pool.
   */
  get readers(): ReadPool {
    if (!this.#readers) {
      const pool = new ReadPool()
      this.#readers = pool
      this.onDispose(async () => {
        this.#readers = undefined
        await pool.close()
      })
    }

    return this.#readers
  }

  /**
   * A build's chapters are all read: stop the reading threads, unless the
   * session keeps them for the next build (`rebuilds`).
   *
   * @returns
   *   Nothing.
   */
  async doneReading(): Promise<undefined> {
    const pool = this.#readers
    if (this.#rebuilds || !pool) return
    this.#readers = undefined
    await pool.close()
    return undefined
  }

  /**
   * Run `cleanup` when the session is disposed (last registered, first run).
   *
   * @param cleanup
   *   What to run.
   * @returns
   *   Nothing.
   */
  onDispose(cleanup: () => Promise<unknown> | unknown): undefined {
    this.#cleanups.push(cleanup)
    return undefined
  }

  /**
   * End the session: run the cleanups, write what the chapter cache has not
   * written yet, remove what it kept in output folders, and drop every store.
   *
   * @returns
   *   Nothing.
   */
  async dispose(): Promise<undefined> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup()
    await this.chapters.flush()
    await releaseOutput(this.output)
    this.#stores.clear()
    this.#interned.clear()
    return undefined
  }
}
