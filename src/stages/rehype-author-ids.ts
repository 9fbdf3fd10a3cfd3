/**
 * Stage: keep the manuscript's HTML ids from colliding with zhbook's
 * (paragraph numbers `p-3`, which the edition switch follows, heading slugs,
 * footnotes, the page's own parts). Two elements of one id make an invalid
 * EPUB (epubcheck RSC-005) and a switch that lands on the wrong block: such an
 * id is removed with a warning (M015); the author's other ids are kept.
 */
import type {Element, Root} from 'hast'
import {visitElements} from '../core/walk.js'
import type {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'
import {elementKey} from './rehype-own-ids.js'

/** Ids of the pages' own parts (`formats/web/frame.ts`, `page.ts`, `settings.ts`; `formats/epub/rehype-kobo-spans.ts`). */
const pageIds: ReadonlySet<string> = new Set([
  'book-columns',
  'book-inner',
  'drawer',
  'footnote-label',
  'main',
  'settings',
  'toc'
])

/** Families of ids zhbook gives: paragraph numbers, footnotes, settings, kepub spans. */
const ownFamilies = /^(?:p-\d+(?:-\d+)?$|user-content-|setting-|kobo\.)/

/**
 * Remove the manuscript's ids that collide with zhbook's (or repeat); runs
 * after sanitising, on the ids `rehypeOwnIds` noted before raw HTML was parsed.
 *
 * @returns
 *   Transform.
 */
export default function rehypeAuthorIds() {
  return (tree: Root, file: VFile) => {
    const own = file.data.ownIds ?? new Set<string>()
    // Only this stage reads it, and a chapter's data is kept as JSON.
    delete file.data.ownIds
    const authors: Element[] = []
    const taken = new Set<string>(pageIds)
    visitElements(tree, (node) => {
      if (typeof node.properties.id !== 'string') return
      const key = elementKey(node)
      if (key === undefined || own.has(key)) taken.add(node.properties.id)
      else authors.push(node)
    })

    for (const node of authors) {
      const id = node.properties.id as string
      if (taken.has(id) || ownFamilies.test(id)) {
        warn(
          file,
          `Unexpected id \`${id}\` on \`<${node.tagName}>\`, expected an id zhbook does not give (and used once): removed`,
          node.position?.start,
          'M015'
        )
        delete node.properties.id
      } else {
        taken.add(id)
      }
    }
  }
}
