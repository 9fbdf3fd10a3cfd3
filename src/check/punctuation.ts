/**
 * Half-width punctuation next to Han characters (`課題,AI`, `"AI 正在覺醒"`): in a Chinese text these are
 * full-width (`，`, `「…」`).
 */

/** A half-width mark next to a Han character. */
export interface PunctuationProblem {
  /** Offset of the mark in the text (UTF-16). */
  offset: number
  /** The mark. */
  actual: string
  /** Its full-width form, or the choice of forms (quotes open or close). */
  expected: string
  /** Whether the form has one answer (quotes do not: 「 or 」 is a reading). */
  fixable: boolean
}

/** Half-width marks with their one full-width form. */
const fullWidth: Readonly<Record<string, string>> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）'
}

/** Han characters. */
const han = /\p{Script=Han}/u

/** Marks looked at: those with one form, and straight quotes. */
const marks = /[,:;?!()"]/g

/**
 * Find half-width punctuation next to Han characters.
 *
 * A mark counts as next to Han when the character on either side is Han; for a straight quote,
 * spaces between are skipped (the scraped `" 現如今`).
 *
 * @param text
 *   Text (code already blanked out).
 * @returns
 *   Problems, in text order.
 */
export function punctuationProblems(text: string): PunctuationProblem[] {
  const problems: PunctuationProblem[] = []
  for (const match of text.matchAll(marks)) {
    const offset = match.index
    const mark = match[0]
    const quote = mark === '"'
    const before = neighbour(text, offset, -1, quote)
    const after = neighbour(text, offset, 1, quote)
    if (!han.test(before) && !han.test(after)) continue
    problems.push(
      quote
        ? {offset, actual: mark, expected: '「 or 」', fixable: false}
        : {offset, actual: mark, expected: fullWidth[mark]!, fixable: true}
    )
  }

  return problems
}

/**
 * The character next to a place.
 *
 * @param skipSpaces
 *   Whether spaces (not line ends) are skipped.
 */
function neighbour(text: string, offset: number, step: -1 | 1, skipSpaces: boolean): string {
  let index = offset + step
  while (skipSpaces && (text[index] === ' ' || text[index] === '\t')) index += step
  const unit = text[index] ?? ''
  // A Han character outside the BMP: read the whole pair.
  if (step === -1 && unit >= '\udc00' && unit <= '\udfff') return text.slice(index - 1, index + 1)
  if (step === 1 && unit >= '\ud800' && unit <= '\udbff') return text.slice(index, index + 2)
  return unit
}
