/**
 * The words of text a pop-up dictionary offers: what a reader sees as words.
 *
 * The pop-up takes the longest word of its table that starts at the character under the pointer.
 * Given every headword found anywhere in the text, it would offer words that straddle two (和音
 * "harmony" in 视频和音频, 子弹 "bullet" inside 原子弹, 人为 "man-made" in 注册人为). So a headword is kept only
 * where it stands as the text's words do (`wordBoundaries`): it starts and ends between words,
 * across no corrected boundary (人工|智能 makes 人工智能; 注册|人|为 does not make 人为), or lies inside a word
 * CC-CEDICT does not have (模型 in 大模型). Single characters are always kept.
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
  for (const run of runs) {
    // Segmenting costs more than finding the headwords, so only a clause with a word not yet kept
    // is segmented. CJK punctuation is a word boundary wherever it stands: a clause splits as it
    // does in its run.
    const clauses = new Map<number, RunWords>()
    let whole: RunWords | undefined
    let breaks: number[] | undefined
    index.eachWord(run, (word, start, end) => {
      if (found.has(word)) return
      if (end - start === 1 || (end - start === 2 && word.codePointAt(0)! > 0xff_ff)) {
        found.add(word)
        return
      }

      breaks ??= punctuationOffsets(run)
      const [from, to] = clause(breaks, start, run.length)
      let words: RunWords
      if (end <= to) {
        words = clauses.get(from) ?? runWords(run.slice(from, to), from, index)
        clauses.set(from, words)
      } else {
        whole ??= runWords(run, 0, index)
        words = whole
      }

      if (words.keeps(start, end)) found.add(word)
    })
  }

  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** CJK punctuation (CJK Symbols and Punctuation, full-width forms). */
const punctuation = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]/

/** Where a text has CJK punctuation. */
function punctuationOffsets(run: string): number[] {
  const offsets: number[] = []
  for (let at = 0; at < run.length; at++) if (punctuation.test(run[at]!)) offsets.push(at)
  return offsets
}

/** The clause an offset is in: between the CJK punctuation around it. */
function clause(breaks: readonly number[], at: number, length: number): [number, number] {
  // First break after `at`.
  let low = 0
  let high = breaks.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (breaks[middle]! <= at) low = middle + 1
    else high = middle
  }

  // Last break before `at`.
  let last = low - 1
  if (last >= 0 && breaks[last] === at) last--
  return [last >= 0 ? breaks[last]! + 1 : 0, low < breaks.length ? breaks[low]! : length]
}

/** The words of a run, and whether a headword stands as they do. */
interface RunWords {
  /**
   * @param start
   *   Start of the headword in the run.
   * @param end
   *   End.
   * @returns
   *   Whether it stands as the words do.
   */
  keeps(start: number, end: number): boolean
}

/** Segment a run (or a part of one). */
function runWords(text: string, shift: number, index: DictionaryIndex): RunWords {
  const {ends, hard} = wordBoundaries(text)
  const between = new Set([0, ...ends])
  // Start and end of the word each offset is in.
  const segmentStart = new Uint32Array(text.length)
  const segmentEnd = new Uint32Array(text.length)
  let start = 0
  for (const end of ends) {
    segmentStart.fill(start, start, end)
    segmentEnd.fill(end, start, end)
    start = end
  }

  const unknown = new Map<number, boolean>()
  return {
    keeps(at, end) {
      at -= shift
      end -= shift
      for (const offset of hard) if (offset > at && offset < end) return insideUnknown(at, end)
      return (between.has(at) && between.has(end)) || insideUnknown(at, end)
    }
  }

  function insideUnknown(at: number, end: number): boolean {
    if (end > segmentEnd[at]!) return false
    const from = segmentStart[at]!
    let result = unknown.get(from)
    if (result === undefined) {
      result = !index.has(text.slice(from, segmentEnd[at]))
      unknown.set(from, result)
    }

    return result
  }
}
