/**
 * Characters no book may carry: those XML 1.0 forbids (C0 controls but tab,
 * LF, CR; U+FFFE, U+FFFF; a lone surrogate), which make an EPUB unreadable,
 * and the other non-characters (U+FDD0–U+FDEF, the last two of each plane),
 * which HTML parsers report and come only from a broken conversion or escape.
 */
import type {RuleId} from './diagnostics.js'

/** A forbidden character found in a text. */
export interface ForbiddenCharacter {
  /** Offset in the text (UTF-16 code units). */
  index: number
  /** The character as `U+XXXX`. */
  name: string
  /** What it is. */
  kind: 'character XML does not allow' | 'unpaired surrogate' | 'Unicode non-character'
  /** X001 (XML forbids it) or X002 (a non-character). */
  ruleId: RuleId
}

const forbiddenExpression =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0-\uFDEF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Every code unit that may start a match of `forbiddenExpression`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const suspectExpression = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/

/**
 * Find the first character of a text no book may carry.
 *
 * @param text
 *   Text.
 * @returns
 *   The character, or `undefined` when there is none.
 */
export function findForbidden(text: string): ForbiddenCharacter | undefined {
  // One character class finds where to look five times faster than the whole expression, and
  // most texts have nothing to find (a surrogate pair is a suspect, not yet a problem).
  const suspect = suspectExpression.exec(text)
  if (!suspect) return undefined
  const search = new RegExp(forbiddenExpression.source, 'g')
  search.lastIndex = suspect.index
  const match = search.exec(text)
  if (!match) return undefined
  const code = match[0].codePointAt(0)!
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  const kind =
    code >= 0xd800 && code <= 0xdfff
      ? 'unpaired surrogate'
      : code < 0x20 || code === 0xfffe || code === 0xffff
        ? 'character XML does not allow'
        : 'Unicode non-character'
  return {index: match.index, name, kind, ruleId: kind === 'Unicode non-character' ? 'X002' : 'X001'}
}

/**
 * The reason of a message about a forbidden character.
 *
 * @param found
 *   The character.
 * @param where
 *   What holds it (`a value`, `a translation`).
 * @returns
 *   Reason, phrased "Unexpected X, expected Y".
 */
export function forbiddenReason(found: ForbiddenCharacter, where: string): string {
  return `Unexpected ${found.kind} ${found.name} in ${where}, expected text (remove it, or the escape that makes it)`
}
