/**
 * Chinese text split into words by `Intl.Segmenter`, with its wrong splits corrected from a reviewed
 * table: ICU prefers a longer word where the text means two (和音 "harmony" in 和音频 "and audio"); a
 * dictionary cannot tell which, the editor can.
 */

/** Corrections: the text as it must be split, words separated by `|` (Simplified). */
export const wordCorrections: readonly string[] = [
  '视频|和|音频',
  '原子弹',
  '注册|人|为',
  '芯片',
  '插件',
  '开源',
  '算力',
  '实时|地',
  '势不可挡|地'
]

/** Each correction's text, and the words it is split into. */
const corrections: ReadonlyArray<{text: string; words: readonly string[]}> = wordCorrections.map((correction) => ({
  text: correction.replaceAll('|', ''),
  words: correction.split('|')
}))

/** One segmenter per process (making one costs more than using it). */
let segmenter: Intl.Segmenter | undefined

/**
 * Split text into words.
 *
 * @param value
 *   Text (a paragraph: ICU's segmenter is super-linear on long strings).
 * @returns
 *   Words and the text between them, in order; joined, they are `value`.
 */
export function segmentWords(value: string): string[] {
  const words: string[] = []
  let start = 0
  for (const end of wordBoundaries(value).ends) {
    if (end > start) words.push(value.slice(start, end))
    start = end
  }

  return words
}

/**
 * Where the words of a text end, and which ends a correction put there (no word runs across them:
 * 人|为 in 注册人为).
 *
 * @param value
 *   Text.
 * @returns
 *   Ends of words (UTF-16 offsets, sorted, the last is the text's length) and the corrected ones.
 */
export function wordBoundaries(value: string): {ends: number[]; hard: Set<number>} {
  segmenter ??= new Intl.Segmenter('zh', {granularity: 'word'})
  // Segments come in order: their ends are sorted until a correction moves them.
  const ends: number[] = []
  for (const {index, segment} of segmenter.segment(value)) ends.push(index + segment.length)
  let boundaries: Set<number> | undefined
  const hard = new Set<number>()
  for (const {text, words} of corrections) {
    for (let at = value.indexOf(text); at !== -1; at = value.indexOf(text, at + text.length)) {
      boundaries ??= new Set(ends)
      if (!(at === 0 || boundaries.has(at)) || !boundaries.has(at + text.length)) continue
      for (let offset = at + 1; offset < at + text.length; offset++) boundaries.delete(offset)
      let offset = at
      for (const word of words) {
        offset += word.length
        boundaries.add(offset)
        if (offset < at + text.length) hard.add(offset)
      }
    }
  }

  return {ends: boundaries ? [...boundaries].sort((a, b) => a - b) : ends, hard}
}
