/**
 * A chapter's hast made ready for an EPUB content document: wrapped in an
 * EPUB chapter section. (Images and table alignment are dealt with by the
 * stages, for every format: `rehype-local-images`, `rehype-table-align`.)
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {EditionChapter} from '../model.js'

/**
 * Wrap a chapter's content in an EPUB chapter section labelled by its heading.
 *
 * The chapter's tree is copied, never changed: other renderers read it too.
 *
 * @param chapter
 *   Chapter.
 * @param manifestId
 *   Manifest id of the chapter, to make a heading id from if needed.
 * @returns
 *   `section` element.
 */
export function chapterSection(
  chapter: EditionChapter,
  manifestId: string
): Element {
  const tree: Root = structuredClone(chapter.tree)

  const children = tree.children.filter(
    (child): child is ElementContent => child.type !== 'doctype'
  )
  const heading = children.find(
    (child): child is Element => child.type === 'element'
  )
  const properties: Record<string, string> = {
    'epub:type': 'chapter',
    role: 'doc-chapter'
  }

  if (heading && heading.tagName === 'h1') {
    if (typeof heading.properties.id !== 'string' || !heading.properties.id) {
      heading.properties.id = manifestId + '-title'
    }

    properties['aria-labelledby'] = heading.properties.id as string
  } else {
    properties['aria-label'] = chapter.title
  }

  return h('section', {...properties, className: ['chapter']}, children)
}
