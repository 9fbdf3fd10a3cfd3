/**
 * The EPUB's table of contents, nested as the book's layout nests it: the list of the navigation
 * document and the `navMap` of the NCX.
 *
 * A part's title heads its chapters: in the navigation document a `span` over their list (what EPUB
 * 3 allows an entry without a link), in the NCX a navigation point to its first chapter (NCX points
 * must lead somewhere). A flat book gives the flat list it always had.
 */
import {escapeXml} from '../shared/xhtml.js'
import {type Placed, type TocNode, tocDepth, tocTree} from '../shared/toc.js'

/** A document in the table of contents; strings escaped for XML. */
export interface TocDocument extends Placed {
  /** File name in the EPUB (`<id>.xhtml`). */
  filename: string
  /** Title, escaped. */
  title: string
  /** Manifest id. */
  manifestId: string
}

/** The table of contents in the markup of each navigation file. */
export interface EpubToc {
  /** The navigation document's `<ol>`, with its line breaks. */
  nav: string
  /** The NCX's navigation points. */
  ncx: string
  /** Depth of the tree, for the NCX's `dtb:depth`. */
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

  /** An `<ol>` of nodes. */
  function navList(nodes: ReadonlyArray<TocNode<TocDocument>>): string {
    return `<ol>\n${nodes.map((node) => navItem(node)).join('')}</ol>\n`
  }

  /** An `<li>`. */
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
