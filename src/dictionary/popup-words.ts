/**
 * The words a pop-up dictionary offers: the pop-up takes the longest headword at the pointer, so one
 * that straddles two words (和音 in 视频和音频, 子弹 in 原子弹) would be offered. A headword is kept
 * where it stands as the text's words do (`wordBoundaries`), or inside a word CC-CEDICT lacks (模型
 * in 大模型). Single characters are always kept.
 */
import {wordBoundaries} from '../glossary/words.js'
import type {DictionaryIndex} from './dictionary-index.js'

/**
 * Find the headwords a pop-up table needs for some text.
 *
 * @param index
 *   The CC-CEDICT index.
 * @param runs
 *   Runs of Chinese text.
 * @returns
 *   Headwords, sorted (UTF-16 code units).
 */
export function popupWords(index: DictionaryIndex, runs: Iterable<string>): string[] {
  const found = new Set<string>()
  // The words of each clause (or run) segmented, by its text: a text repeats its clauses, and the
  // words of a text depend on that text alone. Lives as long as this call.
  const segmented = new Map<string, TextWords>()
  for (const run of runs) {
    // Segmenting costs more than finding headwords: only a clause with a word not yet kept is
    // segmented. CJK punctuation is a boundary wherever it stands.
    let breaks: number[] | undefined
    // The words of this run's clauses looked at, by where they start (`-1`: the whole run).
    const clauses = new Map<number, TextWords>()
    index.eachWord(run, (word, start, end) => {
      if (found.has(word)) return
      if (end - start === 1 || (end - start === 2 && word.codePointAt(0)! > 0xff_ff)) {
        found.add(word)
        return
      }

      breaks ??= punctuationOffsets(run)
      let [from, to] = clause(breaks, start, run.length)
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
          words = textWords(text, index)
          segmented.set(text, words)
        }

        clauses.set(key, words)
      }

      if (words.keeps(start - from, end - from)) found.add(word)
    })
  }

  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

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

/** The clause an offset is in: between the CJK punctuation around it. */
function clause(breaks: readonly number[], at: number, length: number): [number, number] {
  let low = 0
  let high = breaks.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (breaks[middle]! <= at) low = middle + 1
    else high = middle
  }

  let last = low - 1
  if (last >= 0 && breaks[last] === at) last--
  return [last >= 0 ? breaks[last]! + 1 : 0, low < breaks.length ? breaks[low]! : length]
}

/** The words of a text: `keeps(start, end)` says whether a headword there stands as they do. */
interface TextWords {
  keeps(start: number, end: number): boolean
}

function textWords(text: string, index: DictionaryIndex): TextWords {
  const {ends, hard} = wordBoundaries(text)
  const unknown = new Map<number, boolean>()
  return {
    keeps(at, end) {
      for (const offset of hard) if (offset > at && offset < end) return insideUnknown(at, end)
      return (boundary(at) && boundary(end)) || insideUnknown(at, end)
    }
  }

  /** Whether a word ends at an offset (the text's start counts). */
  function boundary(at: number): boolean {
    return at === 0 || ends[firstEndFrom(at)] === at
  }

  /** Where in `ends` the first end at or after an offset is. */
  function firstEndFrom(at: number): number {
    let low = 0
    let high = ends.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (ends[middle]! < at) low = middle + 1
      else high = middle
    }

    return low
  }

  /** Whether `at`–`end` is inside one word that CC-CEDICT lacks. */
  function insideUnknown(at: number, end: number): boolean {
    const which = firstEndFrom(at + 1)
    if (end > ends[which]!) return false
    const from = which === 0 ? 0 : ends[which - 1]!
    let result = unknown.get(from)
    if (result === undefined) {
      result = !index.has(text.slice(from, ends[which]))
      unknown.set(from, result)
    }

    return result
  }
}
