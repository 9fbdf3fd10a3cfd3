/**
 * Per-chapter memory for renderers: in watch mode the chapter cache hands
 * back the same chapter objects for chapters that did not change, so what a
 * renderer made of one (a page, an XHTML document) can be handed back too,
 * as long as everything else it was made from is the same.
 */
import type {VFile} from 'vfile'

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
  return (chapter, key, make) => {
    const known = store.get(chapter)
    if (known && known.key === key) return known.value
    const value = make()
    store.set(chapter, {key, value})
    return value
  }
}

/** A memo of what a file's text parses to. */
export type ParseMemo<T> = (file: VFile, parse: (file: VFile) => T, other?: string) => T

/**
 * Make a memo of a parse of manuscript files (`book.yaml`, the glossary):
 * the same path with the same text gives the same result, without parsing
 * again.
 *
 * Only a parse that reported nothing is kept: a file with a problem is
 * parsed again, so its messages are on every build's file.
 *
 * @returns
 *   Memo: gives what `parse` makes of a file (and of `other`, any other
 *   input `parse` reads).
 */
export function parseMemo<T>(): ParseMemo<T> {
  const store = new Map<string, {text: string; other: string; value: T}>()
  return (file, parse, other = '') => {
    const text = String(file.value)
    const known = store.get(file.path)
    if (known && known.text === text && known.other === other && file.messages.length === 0) return known.value
    const before = file.messages.length
    const value = parse(file)
    if (file.messages.length === before && before === 0) store.set(file.path, {text, other, value})
    else store.delete(file.path)
    return value
  }
}

/** Long keys seen lately, each with its short token (`internKey`). */
const interned = new Map<string, string>()

/** Tokens handed out so far: a token is never handed out twice. */
let tokens = 0

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
export function internKey(key: string): string {
  let token = interned.get(key)
  if (token === undefined) {
    token = '#' + String(++tokens)
    interned.set(key, token)
    // The keys of a few books and editions at a time.
    while (interned.size > 64) interned.delete(interned.keys().next().value!)
  }

  return token
}
