/**
 * Find raw HTML in a translation that a paragraph cannot hold: a block element
 * (`<div>`, `<table>`) makes the HTML parser close the paragraph, and lands
 * where no position can point, failing the chapter. Reported at its PO line.
 */
import type {Root} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {EXIT, visit} from 'unist-util-visit'
import type {Place} from '../core/diagnostics.js'

/** HTML's phrasing elements: those a paragraph holds. */
const phrasing = new Set(
  (
    'a abbr area audio b bdi bdo br button canvas cite code data datalist del dfn em embed i iframe img input ins ' +
    'kbd label link map mark math meta meter noscript object output picture progress q rp rt ruby s samp script ' +
    'select slot small source span strong sub sup svg template textarea time track u var video wbr'
  ).split(' ')
)

/** A tag at the start of a raw HTML node: its name. */
const tagExpression = /^<\/?([A-Za-z][A-Za-z\d-]*)/

/** Parser of translations, as the bilingual edition parses them. */
const parser = unified().use(remarkParse).use(remarkGfm).freeze()

/**
 * The first HTML tag of a translation that is not phrasing.
 *
 * @param markdown
 *   Translation (Markdown).
 * @returns
 *   The tag as written (`<div>`), or `undefined` when there is none.
 */
export function blockTag(markdown: string): string | undefined {
  // Most translations hold no HTML: those skip the parser.
  if (!markdown.includes('<')) return undefined
  let found: string | undefined
  visit(parser.parse(markdown) as Root, 'html', (node) => {
    // An HTML block is one node of several tags; each tag counts.
    for (const match of node.value.matchAll(/<\/?[A-Za-z][^>]*>?/g)) {
      const name = tagExpression.exec(match[0])?.[1]?.toLowerCase()
      if (name !== undefined && !phrasing.has(name)) {
        found = match[0].length > 40 ? match[0].slice(0, 40) + '…' : match[0]
        return EXIT
      }
    }

    return undefined
  })
  return found
}

/**
 * Where a tag of an entry's `msgstr` stands in a PO file: the first line
 * holding it after the entry's `msgid`.
 *
 * @param text
 *   PO text.
 * @param id
 *   The entry's `msgid`.
 * @param tag
 *   The tag, as `blockTag` gives it.
 * @returns
 *   Place (the start of the file when it is not found).
 */
export function placeOfTag(text: string, id: string, tag: string): Place {
  const lines = text.split('\n')
  // PO escapes as JSON does: `\"`, `\\`, `\n`; a long msgid may be folded.
  const start = JSON.stringify(id.split('\n')[0]).slice(1, -1).slice(0, 30)
  const needle = tag.replace(/…$/, '')
  let from = lines.findIndex((line) => /^msgid\s+"/.test(line) && line.includes('"' + start))
  if (from === -1) from = 0
  for (let index = from; index < lines.length; index++) {
    const column = lines[index]!.indexOf(needle)
    if (column !== -1 && index > from) return {line: index + 1, column: column + 1}
  }

  return {line: from + 1, column: 1}
}
