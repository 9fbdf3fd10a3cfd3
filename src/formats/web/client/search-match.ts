/**
 * Matching of the search page: a block matches when its text (or its English)
 * contains every white-space-separated part, ignoring case. Plain substrings,
 * so Chinese needs no word segmentation.
 */
import type {SearchBlock} from './types.js'

/** A block that matched, and which of its texts did. */
export interface Found {
  block: SearchBlock
  text: string
  english: boolean
}

/** A piece of a snippet: text, marked when it is a match. */
export interface SnippetPiece {
  text: string
  mark: boolean
}

/** Characters of Chinese shown before a match (English: three times as many). */
const context = 24

/**
 * The parts of a query.
 *
 * @param query
 *   What the reader typed.
 * @returns
 *   Lowercase parts, none empty.
 */
export function terms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean)
}

/**
 * The blocks that contain every part: in their text, else in their English.
 *
 * @param blocks
 *   Blocks, in reading order.
 * @param parts
 *   Parts (`terms`).
 * @returns
 *   Matches, in reading order; none for no parts.
 */
export function find(blocks: readonly SearchBlock[], parts: readonly string[]): Found[] {
  const found: Found[] = []
  if (parts.length === 0) return found
  for (const block of blocks) {
    const [, , text, english = ''] = block
    if (containsAll(text.toLowerCase(), parts)) found.push({block, text, english: false})
    else if (english && containsAll(english.toLowerCase(), parts)) found.push({block, text: english, english: true})
  }
  return found
}

function containsAll(text: string, parts: readonly string[]): boolean {
  return parts.every((part) => text.includes(part))
}

/**
 * Where the parts are in a text, ignoring case.
 *
 * @param text
 *   Text.
 * @param parts
 *   Parts (`terms`).
 * @returns
 *   Ranges `[start, end)`, sorted, overlapping ones merged.
 */
export function ranges(text: string, parts: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase()
  const result: Array<[number, number]> = []
  for (const part of parts) {
    let at = lower.indexOf(part)
    while (at !== -1) {
      result.push([at, at + part.length])
      at = lower.indexOf(part, at + part.length)
    }
  }
  result.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const [start, end] of result) {
    const last = merged[merged.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/**
 * The text around the first match, matches marked: 90 Chinese characters from
 * 24 before, or 220 of English from a word start about 72 before; `…` at cuts.
 *
 * @param text
 *   Text of a match.
 * @param parts
 *   Parts (`terms`).
 * @param english
 *   Whether the text is English.
 * @returns
 *   Pieces, in order.
 */
export function snippet(text: string, parts: readonly string[], english: boolean): SnippetPiece[] {
  const marks = ranges(text, parts)
  const first = marks[0]?.[0] ?? 0
  let start = Math.max(0, first - (english ? context * 3 : context))
  if (english && start > 0) {
    const space = text.indexOf(' ', start)
    if (space !== -1 && space < first) start = space + 1
  }
  const end = Math.min(text.length, start + (english ? 220 : 90))
  const pieces: SnippetPiece[] = []
  let at = start
  if (start > 0) pieces.push({text: '…', mark: false})
  for (const [markStart, markEnd] of marks) {
    const from = Math.max(markStart, start)
    const to = Math.min(markEnd, end)
    if (to <= from) continue
    if (from > at) pieces.push({text: text.slice(at, from), mark: false})
    pieces.push({text: text.slice(from, to), mark: true})
    at = to
  }
  if (end > at) pieces.push({text: text.slice(at, end), mark: false})
  if (end < text.length) pieces.push({text: '…', mark: false})
  return pieces
}
