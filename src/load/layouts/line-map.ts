/**
 * Text put together from pieces of a file and other text (an include, a tag as HTML), with where
 * each line comes from in the file as written, so messages point at the author's file:line:col.
 */
import type {LineMap} from '../../core/model.js'

/** A piece of text and where its first character comes from (1-based). */
export interface Piece {
  text: string
  line: number
  column: number
  /** Made rather than copied (an included file): every line points at `line`/`column` (optional, default: `false`). */
  made?: boolean | undefined
}

/**
 * Join pieces into a text and its line map; a line is mapped by the piece it starts with (a copied
 * line after an include on the same line points at the include).
 *
 * @param pieces
 *   Pieces, in order.
 * @returns
 *   Text and line map.
 */
export function assemble(pieces: readonly Piece[]): {value: string; lines: LineMap} {
  const lines: Array<{line: number; shift: number}> = []
  let value = ''
  let current = 0
  let column = 1
  for (const piece of pieces) {
    if (piece.text === '') continue
    for (const [index, segment] of piece.text.split('\n').entries()) {
      if (index > 0) {
        value += '\n'
        current++
        column = 1
      }

      if (lines.length <= current) {
        lines.push(
          index === 0 || piece.made
            ? {line: piece.line, shift: piece.column - column}
            : {line: piece.line + index, shift: 0}
        )
      }

      value += segment
      column += segment.length
    }
  }

  if (lines.length === 0) lines.push({line: 1, shift: 0})
  return {value, lines}
}

/**
 * Map a line and column of a changed text to the file as written.
 *
 * @param lines
 *   Line map of the text.
 * @param line
 *   Line in the changed text (1-based).
 * @param column
 *   Column in the changed text (1-based).
 * @returns
 *   Line and column in the file as written.
 */
export function mapPoint(lines: LineMap, line: number, column: number): {line: number; column: number} {
  const entry = lines[Math.min(line, lines.length) - 1]
  return entry ? {line: entry.line, column: Math.max(1, column + entry.shift)} : {line, column}
}

/**
 * A line map that first goes through `inner` (the later change) and then `outer` (the earlier one).
 *
 * @param outer
 *   Map of the first change (its text → the file as written).
 * @param inner
 *   Map of the second change (its text → the first change's text).
 * @returns
 *   Map of the second change's text → the file as written.
 */
export function compose(outer: LineMap | undefined, inner: LineMap): LineMap {
  if (!outer) return inner
  return inner.map((entry) => {
    const first = outer[Math.min(entry.line, outer.length) - 1] ?? {line: entry.line, shift: 0}
    return {line: first.line, shift: entry.shift + first.shift}
  })
}
