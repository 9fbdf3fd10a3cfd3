/**
 * The words a pop-up dictionary offers: the pop-up takes the longest headword at the pointer, so one
 * that straddles two words (和音 in 视频和音频, 子弹 in 原子弹) would be offered. A headword is kept
 * where it stands as the text's words do (`wordBoundaries`), or inside a word CC-CEDICT lacks (模型
 * in 大模型). Single characters are always kept.
 */
import {wordBoundaries} from '../glossary/words.js'
import type {DictionaryIndex} from './dictionary-index.js'

/**
 * The texts a search segmented, and their words (see `popupWords`): a text's words depend on that
 * text alone, wherever it stands.
 */
export type Segmented = Map<string, Words>

/**
 * Find the headwords a pop-up table needs for some text.
 *
 * @param index
 *   The CC-CEDICT index.
 * @param runs
 *   Runs of Chinese text.
 * @param segmented
 *   Texts segmented by earlier calls, added to (optional, default: none): the chapters of a book
 *   repeat clauses. Bounded: past 16,384 texts, the oldest goes.
 * @returns
 *   Headwords, sorted (UTF-16 code units).
 */
export function popupWords(index: DictionaryIndex, runs: Iterable<string>, segmented: Segmented = new Map()): string[] {
  const found = new Set<string>()
  // Single code units, the most visited headwords, kept by a table rather than the set's hashing.
  const single = new Uint8Array(0x1_00_00)
  for (const run of runs) {
    // Segmenting costs more than finding headwords: only a clause with a word not yet kept is
    // segmented. CJK punctuation is a boundary wherever it stands.
    let breaks: number[] | undefined
    // This run's clauses looked at: their words, by where they start (`-1`: the whole run).
    const clauses = new Map<number, Words>()
    index.eachWord(run, (word, start, end) => {
      if (end - start === 1) {
        const code = run.charCodeAt(start)
        if (single[code] === 0) {
          single[code] = 1
          found.add(word)
        }

        return
      }

      if (found.has(word)) return
      if (end - start === 2 && word.codePointAt(0)! > 0xff_ff) {
        found.add(word)
        return
      }

      breaks ??= punctuationOffsets(run)
      let from = clauseStart(breaks, start)
      let to = clauseEnd(breaks, start, run.length)
      let key = from
      // A headword across punctuation is seen in its whole run.
      if (end > to) {
        from = 0
        to = run.length
        key = -1
      }

      let words = clauses.get(key)
      if (!words) {
        const text = run.slice(from, to)
        words = segmented.get(text)
        if (!words) {
          words = textWords(text)
          while (segmented.size >= segmentedLimit) segmented.delete(segmented.keys().next().value!)
          segmented.set(text, words)
        }

        clauses.set(key, words)
      }

      if (keeps(words, start - from, end - from, run, from, index)) found.add(word)
    })
  }

  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** How many texts' words `Segmented` keeps (the oldest goes first): a few long chapters' worth. */
const segmentedLimit = 16_384

/** Whether a code unit is CJK punctuation (CJK Symbols and Punctuation, and the full-width forms). */
function punctuation(code: number): boolean {
  return (
    (code >= 0x30_00 && code <= 0x30_3f) ||
    (code >= 0xff_01 && code <= 0xff_0f) ||
    (code >= 0xff_1a && code <= 0xff_20) ||
    (code >= 0xff_3b && code <= 0xff_40) ||
    (code >= 0xff_5b && code <= 0xff_65)
  )
}

function punctuationOffsets(run: string): number[] {
  const offsets: number[] = []
  for (let at = 0; at < run.length; at++) if (punctuation(run.charCodeAt(at))) offsets.push(at)
  return offsets
}

/** Where in sorted `values` the first value at or after `at` is. */
function firstFrom(values: readonly number[], at: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (values[middle]! < at) low = middle + 1
    else high = middle
  }

  return low
}

/** Where the clause of a word starting at `at` starts: after the CJK punctuation before it. */
function clauseStart(breaks: readonly number[], at: number): number {
  const before = firstFrom(breaks, at) - 1
  return before >= 0 ? breaks[before]! + 1 : 0
}

/** Where the clause of a word starting at `at` ends: at the CJK punctuation after it. */
function clauseEnd(breaks: readonly number[], at: number, length: number): number {
  const after = firstFrom(breaks, at + 1)
  return after < breaks.length ? breaks[after]! : length
}

/** The words of a text: where they end, and the offsets no word runs across (see `wordBoundaries`). */
export interface Words {
  readonly ends: readonly number[]
  readonly hard: readonly number[]
}

function textWords(text: string): Words {
  const {ends, hard} = wordBoundaries(text)
  return {ends, hard: [...hard]}
}

/**
 * Whether a headword at `at`–`end` of a text stands as the text's words do, or inside a word
 * CC-CEDICT lacks. The text is `run` from `shift` on.
 */
function keeps(words: Words, at: number, end: number, run: string, shift: number, index: DictionaryIndex): boolean {
  const {ends, hard} = words
  for (const offset of hard) if (offset > at && offset < end) return insideUnknown()
  return (boundary(at) && boundary(end)) || insideUnknown()

  /** Whether a word ends at an offset (the text's start counts). */
  function boundary(offset: number): boolean {
    return offset === 0 || ends[firstFrom(ends, offset)] === offset
  }

  /** Whether the headword is inside one word, and CC-CEDICT lacks that word. */
  function insideUnknown(): boolean {
    const which = firstFrom(ends, at + 1)
    if (end > ends[which]!) return false
    const from = which === 0 ? 0 : ends[which - 1]!
    return !index.has(run.slice(shift + from, shift + ends[which]!))
  }
}
