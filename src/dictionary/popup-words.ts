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
  for (const run of runs) {
    // Segmenting costs more than finding headwords: only a clause with a word not yet kept is
    // segmented. CJK punctuation is a boundary wherever it stands.
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

const punctuation = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]/

function punctuationOffsets(run: string): number[] {
  const offsets: number[] = []
  for (let at = 0; at < run.length; at++) if (punctuation.test(run[at]!)) offsets.push(at)
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

/** The words of a run: `keeps(start, end)` says whether a headword there stands as they do. */
interface RunWords {
  keeps(start: number, end: number): boolean
}

function runWords(text: string, shift: number, index: DictionaryIndex): RunWords {
  const {ends, hard} = wordBoundaries(text)
  const between = new Set([0, ...ends])
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
