/** Stage: swap corner brackets for the curly quotes mainland books use (「」 → “”, 『』 → ‘’). */
import type {Element, Root} from 'hast'
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
export function replaceQuotes(value: string, quotes: Readonly<Record<string, string>> = hansQuotes): string {
  return replaceWith(value, quotes, quotes === hansQuotes ? hansPattern : patternOf(quotes))
}

function replaceWith(value: string, quotes: Readonly<Record<string, string>>, pattern: RegExp): string {
  // Most text has no quotes: `replace` then gives back the same string.
  return value.replace(pattern, (character) => quotes[character]!)
}

/**
 * Replace quote characters in text; code, scripts and attributes are left alone.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function rehypeCjkQuotes(options: Options = emptyOptions) {
  const quotes = options.quotes ?? hansQuotes
  const pattern = quotes === hansQuotes ? hansPattern : patternOf(quotes)

  return (tree: Root) => {
    walk(tree)
  }

  // A plain walk: `visit` would keep the ancestors of every node, which this stage never reads.
  function walk(parent: Root | Element) {
    for (const node of parent.children) {
      if (node.type === 'text') {
        node.value = replaceWith(node.value, quotes, pattern)
      } else if (node.type === 'element' && !opaque.has(node.tagName) && !otherLanguage(node)) {
        walk(node)
      }
    }
  }
}

/** A pattern matching each one-code-point key of a quote map. */
function patternOf(quotes: Readonly<Record<string, string>>): RegExp {
  const keys = Object.keys(quotes).filter((key) => [...key].length === 1)
  if (keys.length === 0) return /(?!)/g
  const escaped = keys.map((key) => key.replace(/[\\\][^-]/g, '\\$&'))
  return new RegExp(`[${escaped.join('')}]`, 'gu')
}

const hansPattern = patternOf(hansQuotes)
