/**
 * Stage: lead positions back to the file as written when the loader changed the text (mdBook's
 * includes, GitBook's tags), through `file.data.sourceLines`, so messages point at the author's line.
 */
import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {LineMap} from '../core/model.js'
import {mapPoint} from '../load/layouts/line-map.js'

declare module 'vfile' {
  interface DataMap {
    /** Where each line of the parsed text comes from (optional: unchanged text). */
    sourceLines: LineMap
  }
}

/**
 * Map positions through `file.data.sourceLines`.
 *
 * @returns
 *   Transform.
 */
export default function remarkSourceLines() {
  return (tree: Root, file: VFile): undefined => {
    const lines = file.data.sourceLines
    if (!lines) return
    visit(tree, (node) => {
      if (node.position) node.position = mapPosition(node.position, lines)
    })
  }
}

/** A position with both points mapped (new objects: points may be shared). */
function mapPosition(position: Position, lines: LineMap): Position {
  return {start: mapOne(position.start, lines), end: mapOne(position.end, lines)}
}

function mapOne(point: Point, lines: LineMap): Point {
  return {...point, ...mapPoint(lines, point.line, point.column)}
}
