/**
 * The words of text a pop-up dictionary offers: what a reader sees as words.
 *
 * The pop-up takes the longest word of its table that starts at the
 * character under the pointer. Given every headword found anywhere in the
 * text, it would offer words that straddle two (和音 "harmony" in 视频和音频,
 * 子弹 "bullet" inside 原子弹, 人为 "man-made" in 注册人为). So a headword is
 * kept only where it stands as the text's words do (`wordBoundaries`): it
 * starts and ends between words, across no corrected boundary (人工|智能
 * makes 人工智能; 注册|人|为 does not make 人为), or lies inside a word
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
    const candidates = index.wordsIn([run])
    if (candidates.length === 0) continue
    const {ends, hard} = wordBoundaries(run)
    const between = new Set([0, ...ends])
    // The word each offset is in: [start, end) of the segment.
    const segmentAt: Array<[number, number]> = []
    let start = 0
    for (const end of ends) {
      for (let offset = start; offset < end; offset++) segmentAt[offset] = [start, end]
      start = end
    }

    for (const word of candidates) {
      if (Array.from(word).length === 1) {
        found.add(word)
        continue
      }

      for (let at = run.indexOf(word); at !== -1; at = run.indexOf(word, at + 1)) {
        const end = at + word.length
        let crossesHard = false
        for (const offset of hard) if (offset > at && offset < end) crossesHard = true
        const aligned = between.has(at) && between.has(end) && !crossesHard
        const [segmentStart, segmentEnd] = segmentAt[at]!
        const inside = end <= segmentEnd && !index.readings(run.slice(segmentStart, segmentEnd))
        if (aligned || inside) {
          found.add(word)
          break
        }
      }
    }
  }

  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
