/** Stage: Traditional (Taiwan) to Simplified (mainland), recording every phrase-level change for the report. */
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import {phrasing} from 'hast-util-phrasing'
import type {VFile} from 'vfile'
import {outputIndex, type Converter, type ConversionHit} from '../convert/converter.js'

/** A change with its place in the manuscript. */
export interface PlacedHit extends ConversionHit {
  /** Line in the chapter file (1-based). */
  line: number
  /** Column in the chapter file (1-based). */
  column: number
  context: string
}

/** What the stage records on `file.data.conversion`. */
export interface ConversionData {
  hits: PlacedHit[]
  characters: number
}

declare module 'vfile' {
  interface DataMap {
    conversion: ConversionData
  }
}

/** Options of `rehypeHantToHans`. */
export interface Options {
  /** The converter (with the book's overrides). */
  readonly converter: Converter
}

/** Elements whose content is not prose: never converted, and a phrase stops at them. */
export const opaque = new Set([
  'code',
  'kbd',
  'math',
  'pre',
  'samp',
  'script',
  'style',
  'svg',
  'template',
  'textarea',
  'var'
])

/**
 * Whether an element is marked as a language other than Chinese (the English, pinyin): not converted.
 *
 * @param node
 *   Element.
 * @returns
 *   Whether its `lang` names another language.
 */
export function otherLanguage(node: Element): boolean {
  const lang = node.properties.lang
  return typeof lang === 'string' && lang !== '' && !/^zh(?:-(?!latn\b)|$)/i.test(lang)
}

const contextSize = 12

/**
 * Convert text to Simplified Chinese, a run at a time: text that only inline markup splits
 * (`<strong>作業</strong>系統`) is one string, split back over its nodes. Code, scripts and other
 * languages are never touched, nor any attribute but `alt`, which a reader who cannot see the image
 * reads in the edition's script.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function rehypeHantToHans(options: Options) {
  const {converter} = options

  return (tree: Root, file: VFile) => {
    const data: ConversionData = {hits: [], characters: 0}
    for (const run of collectRuns(tree)) convertRun(run, converter, data)
    file.data.conversion = data
  }

  function collectRuns(tree: Root): Text[][] {
    const runs: Text[][] = []
    let current: Text[] = []

    function flush() {
      if (current.length > 0) runs.push(current)
      current = []
    }

    function walk(nodes: Array<RootContent | ElementContent>) {
      for (const node of nodes) {
        if (node.type === 'text') {
          current.push(node)
        } else if (node.type === 'element') {
          element(node)
        }
      }
    }

    function element(node: Element) {
      if (typeof node.properties.alt === 'string' && node.properties.alt) {
        node.properties.alt = converter.convert(node.properties.alt).value
      }

      if (opaque.has(node.tagName) || otherLanguage(node)) {
        flush()
      } else if (phrasing(node) && node.children.length > 0) {
        walk(node.children)
      } else {
        // A block, or an empty inline (`br`, `img`): the run stops here.
        flush()
        walk(node.children)
        flush()
      }
    }

    walk(tree.children)
    flush()
    return runs
  }
}

function convertRun(run: Text[], converter: Converter, data: ConversionData) {
  const joined = run.length === 1 ? run[0]!.value : run.map((node) => node.value).join('')
  if (!/\S/.test(joined)) return
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

  // Hits come in input order: one pass places them all (a scan per hit is quadratic in a long paragraph).
  let index = -1
  let newlines = 0
  let lastNewline = -1
  let nextNewline = -1
  for (const hit of result.hits) {
    let node = Math.max(index, 0)
    while (node < run.length - 1 && bounds[node + 1]! <= hit.start) node++
    if (node !== index) {
      index = node
      newlines = 0
      lastNewline = -1
      nextNewline = joined.indexOf('\n', bounds[index])
    }

    while (nextNewline !== -1 && nextNewline < hit.start) {
      newlines++
      lastNewline = nextNewline
      nextNewline = joined.indexOf('\n', nextNewline + 1)
    }

    const start = run[index]!.position?.start ?? {line: 1, column: 1}
    data.hits.push({
      ...hit,
      line: start.line + newlines,
      column: lastNewline === -1 ? start.column + hit.start - bounds[index]! : hit.start - lastNewline,
      context: joined
        .slice(Math.max(0, hit.start - contextSize), hit.end + contextSize)
        .replace(/\s+/g, ' ')
        .trim()
    })
  }
}
