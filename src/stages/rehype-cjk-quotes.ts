/**
 * Stage: swap corner brackets for the curly quotes mainland books use
 * (「」 → “”, 『』 → ‘’).
 */
import type {Root} from 'hast'
import {SKIP, visit} from 'unist-util-visit'
import {opaque, otherLanguage} from './rehype-hant-to-hans.js'

/** Options of `rehypeCjkQuotes`. */
export interface Options {
  /** Map of quote characters to their replacements (default: `hansQuotes`). */
  readonly quotes?: Readonly<Record<string, string>> | undefined
}

/** Corner brackets to the quotes of mainland typography. */
export const hansQuotes: Readonly<Record<string, string>> = {
  '「': '“',
  '」': '”',
  '『': '‘',
  '』': '’'
}

const emptyOptions: Options = {}

/**
 * Replace quote characters in a string.
 *
 * @param value
 *   Text.
 * @param quotes
 *   Map of quote characters (default: `hansQuotes`).
 * @returns
 *   Text with quotes replaced.
 */
export function replaceQuotes(
  value: string,
  quotes: Readonly<Record<string, string>> = hansQuotes
): string {
  let result = ''
  for (const character of value) result += quotes[character] ?? character
  return result
}

/**
 * Replace quote characters in text; code, scripts and attributes are left
 * alone.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function rehypeCjkQuotes(options: Options = emptyOptions) {
  const quotes = options.quotes ?? hansQuotes

  return function (tree: Root) {
    visit(tree, function (node) {
      if (node.type === 'element' && (opaque.has(node.tagName) || otherLanguage(node))) return SKIP
      if (node.type === 'text') node.value = replaceQuotes(node.value, quotes)
    })
  }
}
