/** Half-width punctuation next to Han characters (`課題,AI`): full-width in a Chinese text. */

export interface PunctuationProblem {
  /** Offset of the mark in the text (UTF-16). */
  offset: number
  actual: string
  /** Its full-width form, or the choice of forms (quotes open or close). */
  expected: string
  /** Whether the form has one answer (quotes do not: 「 or 」 is a reading). */
  fixable: boolean
}

const fullWidth: Readonly<Record<string, string>> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）'
}

const han = /\p{Script=Han}/u

const marks = /[,:;?!()"]/g

/**
 * Find half-width punctuation next to Han characters (a straight quote skips spaces between: the
 * scraped `" 現如今`).
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

/** The character next to a place; `skipSpaces` skips spaces (not line ends). */
function neighbour(text: string, offset: number, step: -1 | 1, skipSpaces: boolean): string {
  let index = offset + step
  while (skipSpaces && (text[index] === ' ' || text[index] === '\t')) index += step
  const unit = text[index] ?? ''
  if (step === -1 && unit >= '\udc00' && unit <= '\udfff') return text.slice(index - 1, index + 1)
  if (step === 1 && unit >= '\ud800' && unit <= '\udbff') return text.slice(index, index + 2)
  return unit
}
