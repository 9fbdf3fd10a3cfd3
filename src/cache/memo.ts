/**
 * Per-chapter memory for renderers: in watch mode the chapter cache hands
 * back the same chapter objects for chapters that did not change, so what a
 * renderer made of one (a page, an XHTML document) can be handed back too,
 * as long as everything else it was made from is the same.
 */

/** A memo of one kind of result per chapter. */
export type ChapterMemo<T> = (chapter: object, key: string, make: () => T) => T

/**
 * Make a memo.
 *
 * Only the last result per chapter is kept (keyed by the chapter object,
 * weakly, so a chapter that is gone takes its result with it).
 *
 * @returns
 *   Memo: gives the result for a chapter and a key of its other inputs,
 *   making it only when either is new.
 */
export function chapterMemo<T>(): ChapterMemo<T> {
  const store = new WeakMap<object, {key: string; value: T}>()
  return function (chapter, key, make) {
    const known = store.get(chapter)
    if (known && known.key === key) return known.value
    const value = make()
    store.set(chapter, {key, value})
    return value
  }
}
