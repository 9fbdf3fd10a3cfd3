/**
 * The build session: everything a series of builds (watch mode) keeps from
 * one build to the next, in one object the caller creates and disposes.
 *
 * Nothing incremental lives in module state: a step that keeps a result asks
 * the session for a store of its own, by name, and the store lives as long as
 * the session. A one-off build gets a fresh session, so it keeps nothing.
 */

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
  /** Forget every result. */
  clear(): undefined
}

/** Options of a session. */
export interface SessionOptions {
  /** Folder of the session's on-disk caches (optional; default: none). */
  readonly cacheDir?: string | undefined
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
  /** The stores, by step name. */
  readonly #stores = new Map<string, Store>()
  /** What runs on `dispose`, in order. */
  readonly #cleanups: Array<() => Promise<unknown> | unknown> = []

  /**
   * Make a session.
   *
   * @param options
   *   Options (optional).
   */
  constructor(options: SessionOptions = {}) {
    this.cacheDir = options.cacheDir
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
        values.set(key, value)
        while (values.size > limit) values.delete(values.keys().next().value as string)
        return value
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
   * End the session: run the cleanups and drop every store.
   *
   * @returns
   *   Nothing.
   */
  async dispose(): Promise<undefined> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup()
    this.#stores.clear()
    return undefined
  }
}
