/**
 * Line breaking for display text (the cover): balanced lines between words, never before closing
 * or after opening punctuation, preferably at clause ends. Words from `Intl.Segmenter`; widths in
 * estimated ems, close enough for centred lines.
 */

/** Punctuation that must not start a line (it joins the word before). */
const closing = /^[，。、；：！？）」』》〉】〕…—,.;:!?)\]]+$/u
/** Punctuation that must not end a line (it joins the word after). */
const opening = /^[（「『《〈【〔([]+$/u
const clauseEnd = /[，。、；：！？」』》,.;:!?]$/u
/** Punctuation a Chinese cover drops at a line end: the break itself separates (English keeps commas). */
const droppable = /[，、；：,;:]$/u

/**
 * Characters drawn one em wide: Hangul Jamo, CJK (radicals to Yi), Hangul syllables, compatibility
 * ideographs, vertical and small forms, fullwidth forms, and the supplementary ideographic planes.
 */
const wide =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u

interface Token {
  value: string
  /** Width in ems. */
  width: number
}

/** A block of lines set at one size. */
export interface Block {
  lines: string[]
  /** Font size the lines were broken for (`0` if not given). */
  size: number
  /** Sum of the penalties of the chosen breaks (0: clause ends only). */
  penalty: number
}

/**
 * Break text into balanced lines: a small Knuth and Plass that, for the fewest lines that fit,
 * makes lines most even, preferring clause ends.
 *
 * @param value
 *   Text.
 * @param maxWidth
 *   Widest line, in ems.
 * @param lang
 *   BCP 47 language, for word segmentation (and, for Chinese, to drop clause punctuation at line
 *   ends).
 * @param size
 *   Font size to record in the block (optional, default: `0`).
 * @returns
 *   The block.
 */
export function wrap(value: string, maxWidth: number, lang: string, size = 0): Block {
  const tokens = tokenize(value, lang)
  const drop = /^zh(?:-|$)/i.test(lang) ? droppable : /(?!)/u
  const total = tokens.reduce((sum, token) => sum + token.width, 0)
  const breakPenalty = (index: number) =>
    clauseEnd.test(tokens[index]!.value) || /^\s/.test(tokens[index + 1]?.value ?? '') ? 0 : 4

  for (let count = Math.max(1, Math.ceil(total / maxWidth)); count <= tokens.length; count++) {
    const target = total / count
    // best[k][i]: cheapest way to set tokens[0..i) in k lines.
    const best = [emptyRow(tokens.length)]
    best[0]![0] = {cost: 0, from: -1}

    for (let k = 1; k <= count; k++) {
      const row = emptyRow(tokens.length)
      for (let end = 1; end <= tokens.length; end++) {
        let lineWidth = 0
        for (let start = end - 1; start >= 0; start--) {
          lineWidth += tokens[start]!.width
          // A single token wider than the line still gets a line of its own.
          if (lineWidth > maxWidth && start < end - 1) break
          const previous = best[k - 1]![start]!.cost
          const cost = previous + (lineWidth - target) ** 2 + (end < tokens.length ? breakPenalty(end - 1) : 0)
          if (cost < row[end]!.cost) row[end] = {cost, from: start}
        }
      }

      best.push(row)
    }

    if (best[count]![tokens.length]!.cost === Infinity) continue

    const lines: string[] = []
    let penalty = 0
    let end = tokens.length
    for (let k = count; k > 0; k--) {
      const start = best[k]![end]!.from
      if (end < tokens.length) penalty += breakPenalty(end - 1)
      lines.unshift(
        tokens
          .slice(start, end)
          .map((token) => token.value)
          .join('')
          .trim()
          .replace(drop, '')
      )
      end = start
    }

    return {lines, size, penalty}
  }

  return {lines: [value], size, penalty: 0}
}

function emptyRow(length: number): Array<{cost: number; from: number}> {
  return Array.from({length: length + 1}, () => ({cost: Infinity, from: -1}))
}

/** Split text into words, closing punctuation joined to the word before, opening to the one after. */
function tokenize(value: string, lang: string): Token[] {
  const segmenter = new Intl.Segmenter(lang, {granularity: 'word'})
  const tokens: Token[] = []
  let pending = ''

  for (const {segment} of segmenter.segment(value)) {
    const previous = tokens[tokens.length - 1]
    if (closing.test(segment) && previous && !pending) {
      previous.value += segment
      previous.width += measureText(segment)
    } else if (opening.test(segment)) {
      pending += segment
    } else {
      const joined = pending + segment
      tokens.push({value: joined, width: measureText(joined)})
      pending = ''
    }
  }

  if (pending) tokens.push({value: pending, width: measureText(pending)})
  return tokens
}

/** Estimate width in ems: Han and fullwidth forms one em, everything else a little over half. */
function measureText(value: string): number {
  let result = 0
  for (const character of value) {
    result += wide.test(character) ? 1 : /\s/.test(character) ? 0.3 : 0.58
  }

  return result
}
