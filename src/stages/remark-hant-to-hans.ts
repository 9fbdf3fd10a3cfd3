/**
 * Stage: convert the chapter's text from Traditional (Taiwan) to Simplified
 * (mainland) Chinese, recording every phrase-level change for the report.
 */
import type {Nodes, Parents, Root, Text} from 'mdast'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {outputIndex, type Converter, type ConversionHit} from '../convert/converter.js'

/** A change with its place in the manuscript. */
export interface PlacedHit extends ConversionHit {
  /** Line in the chapter file (1-based). */
  line: number
  /** Column in the chapter file (1-based). */
  column: number
  /** The text around the change, for the report. */
  context: string
}

/** What the stage records on `file.data.conversion`. */
export interface ConversionData {
  /** Overrides applied and phrase-level changes, in document order. */
  hits: PlacedHit[]
  /** Number of single-character conversions. */
  characters: number
}

declare module 'vfile' {
  interface DataMap {
    /** Changes made by `remarkHantToHans`. */
    conversion: ConversionData
  }
}

/** Options of `remarkHantToHans`. */
export interface Options {
  /** The converter to use (with the book's overrides). */
  readonly converter: Converter
}

/** Nodes whose phrasing content is one run of text for conversion. */
const runRoots = new Set(['paragraph', 'heading', 'tableCell'])

/** Inline nodes a run continues through: their text joins their neighbours'. */
const transparent = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference'])

/** Characters of context shown on each side of a change. */
const contextSize = 12

/**
 * Convert text nodes to Simplified Chinese.
 *
 * Text is converted a run at a time: all text of a paragraph, heading or table
 * cell that inline markup splits (`**作業**系統`) is converted as one string,
 * then split back over its nodes, so phrases across markup convert as
 * phrases. Code, inline code, HTML, URLs and front matter are never touched;
 * image `alt` text, which readers (and screen readers) see, is converted.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function remarkHantToHans(options: Options) {
  const {converter} = options

  return function (tree: Root, file: VFile) {
    const data: ConversionData = {hits: [], characters: 0}

    visit(tree, function (node) {
      if (node.type === 'image' || node.type === 'imageReference') {
        if (node.alt) node.alt = converter.convert(node.alt).value
        return
      }

      if (!runRoots.has(node.type)) return
      for (const run of collectRuns(node as Parents)) convertRun(run, converter, data)
    })

    file.data.conversion = data
  }
}

/** Text nodes of a block, grouped into runs that markup alone separates. */
function collectRuns(node: Parents): Text[][] {
  const runs: Text[][] = []
  let current: Text[] = []

  function walk(parent: Parents) {
    for (const child of parent.children as Nodes[]) {
      if (child.type === 'text') {
        current.push(child)
      } else if (transparent.has(child.type)) {
        walk(child as Parents)
      } else {
        // Inline code, HTML, images, breaks: the phrase stops here.
        if (current.length > 0) runs.push(current)
        current = []
      }
    }
  }

  walk(node)
  if (current.length > 0) runs.push(current)
  return runs
}

/** Convert one run and split the result back over its nodes. */
function convertRun(run: Text[], converter: Converter, data: ConversionData) {
  const joined = run.map((node) => node.value).join('')
  const result = converter.convert(joined)
  data.characters += result.characters

  const bounds: number[] = [0]
  for (const node of run) bounds.push(bounds.at(-1)! + node.value.length)

  let outStart = 0
  for (const [index, node] of run.entries()) {
    const outEnd = index === run.length - 1 ? result.value.length : outputIndex(result, bounds[index + 1]!)
    node.value = result.value.slice(outStart, outEnd)
    outStart = outEnd
  }

  for (const hit of result.hits) {
    const index = Math.max(0, bounds.findLastIndex((bound, i) => bound <= hit.start && i < run.length))
    const node = run[index]!
    const before = joined.slice(bounds[index], hit.start)
    const start = node.position?.start ?? {line: 1, column: 1}
    const newline = before.lastIndexOf('\n')
    data.hits.push({
      ...hit,
      line: start.line + (before.match(/\n/g)?.length ?? 0),
      column: newline === -1 ? start.column + before.length : before.length - newline,
      context: joined
        .slice(Math.max(0, hit.start - contextSize), hit.end + contextSize)
        .replace(/\s+/g, ' ')
    })
  }
}
