/**
 * The EPUB's table of contents, nested as the book's layout nests it. A part's title is a `span` in
 * the navigation document (an entry without a link) and a point to its first chapter in the NCX
 * (NCX points must lead somewhere).
 */
import {escapeXml} from '../shared/xhtml.js'
import {type Placed, type TocNode, tocDepth, tocTree} from '../shared/toc.js'

/** A document in the table of contents; strings escaped for XML. */
export interface TocDocument extends Placed {
  filename: string
  title: string
  manifestId: string
}

/** The table of contents in the markup of each navigation file. */
export interface EpubToc {
  nav: string
  ncx: string
  depth: number
}

/**
 * Make the table of contents.
 *
 * @param documents
 *   Documents in reading order (the cover left out).
 * @param parts
 *   Part titles, not escaped (optional: none).
 * @returns
 *   Markup for the navigation document and the NCX.
 */
export function epubToc(documents: readonly TocDocument[], parts: readonly string[] = []): EpubToc {
  const tree = tocTree(documents, parts)
  const order = new Map(documents.map((document, index) => [document, index + 1]))
  let partCount = 0
  return {nav: navList(tree), ncx: tree.map((node) => navPoint(node)).join(''), depth: Math.max(1, tocDepth(tree))}

  function navList(nodes: ReadonlyArray<TocNode<TocDocument>>): string {
    return `<ol>\n${nodes.map((node) => navItem(node)).join('')}</ol>\n`
  }

  function navItem(node: TocNode<TocDocument>): string {
    const label =
      node.kind === 'part'
        ? `<span>${escapeXml(node.title)}</span>`
        : `<a href="${node.item.filename}">${node.item.title}</a>`
    return node.children.length === 0 ? `<li>${label}</li>\n` : `<li>${label}\n${navList(node.children)}</li>\n`
  }

  /** A `navPoint`, with those of its children. */
  function navPoint(node: TocNode<TocDocument>): string {
    const first = firstDocument(node)
    const id = node.kind === 'part' ? `nav-part-${++partCount}` : `nav-${node.item.manifestId}`
    const label = node.kind === 'part' ? escapeXml(node.title) : node.item.title
    return (
      `<navPoint id="${id}" playOrder="${order.get(first)}">\n` +
      `<navLabel><text>${label}</text></navLabel>\n` +
      `<content src="${first.filename}"/>\n` +
      node.children.map((child) => navPoint(child)).join('') +
      '</navPoint>\n'
    )
  }
}

/** The document a node leads to: its own, or a part's first. */
function firstDocument(node: TocNode<TocDocument>): TocDocument {
  return node.kind === 'chapter' ? node.item : firstDocument(node.children[0]!)
}
