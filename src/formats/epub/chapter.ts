/** A chapter's hast made ready for an EPUB content document: an EPUB section, ARIA roles mapped. */
import type {Element, ElementContent, Properties, Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {h} from 'hastscript'
import {visitElements} from '../../core/walk.js'
import type {EditionChapter} from '../../core/model.js'
import {writable} from '../shared/copy.js'

/**
 * `epub:type` for an ARIA role, and the elements it may go on (any when absent). Kobo, Apple Books
 * and Kindle show a pop-up note only for `epub:type="noteref"` to an `aside epub:type="footnote"`;
 * assistive technology reads the roles, which stay.
 */
const epubTypes: Readonly<Record<string, {type: string; tagNames?: readonly string[] | undefined}>> = {
  'doc-noteref': {type: 'noteref'},
  'doc-footnote': {type: 'footnote', tagNames: ['aside']},
  'doc-endnotes': {type: 'endnotes', tagNames: ['section']}
}

/** DPUB-ARIA roles for remark-gfm's footnote markup, which has none. */
const footnoteRoles: ReadonlyArray<[property: string, role: string]> = [
  ['dataFootnoteRef', 'doc-noteref'],
  ['dataFootnotes', 'doc-endnotes'],
  ['dataFootnoteBackref', 'doc-backlink']
]

const sections: Readonly<Record<NonNullable<EditionChapter['kind']>, {type: string; role: string; className: string}>> =
  {
    chapter: {type: 'chapter', role: 'doc-chapter', className: 'chapter'},
    glossary: {type: 'glossary', role: 'doc-glossary', className: 'glossary'}
  }

/**
 * Wrap a chapter's content in an EPUB section labelled by its heading (its title as `h1` when it
 * has none). A chapter's tree is copied; a renderer's own copy (see `writable`) is changed in place.
 *
 * @param chapter
 *   Chapter.
 * @param tree
 *   The chapter's tree, with its chapter links resolved (optional, default: `chapter.tree`).
 * @param manifestId
 *   Manifest id of the chapter, to make a heading id from if needed.
 * @returns
 *   `section` element.
 */
export function chapterSection(chapter: EditionChapter, tree: Root, manifestId: string): Element {
  const copy = writable(tree)
  addFootnoteSemantics(copy)
  addEpubSemantics(copy)

  const children = copy.children.filter((child): child is ElementContent => child.type !== 'doctype')
  const heading = children.find((child): child is Element => child.type === 'element')
  const section = sections[chapter.kind ?? 'chapter']
  const properties: Record<string, string> = {
    'epub:type': section.type,
    role: section.role
  }

  let title = heading && headingRank(heading) ? heading : undefined

  // A chapter without a heading (M003) gets its fallback title, so assistive technology has a
  // heading to go to (axe: `page-has-heading-one`).
  if (!title) {
    title = h('h1', {className: ['fallback-title']}, chapter.title)
    children.unshift(title)
  }

  if (typeof title.properties.id !== 'string' || !title.properties.id) {
    title.properties.id = manifestId + '-title'
  }

  properties['aria-labelledby'] = title.properties.id as string

  return h('section', {...properties, className: [section.className]}, children)
}

/**
 * Give GFM footnotes their roles and each note `epub:type="endnote"`, which reading systems show as
 * a pop-up (a note gets no role: `doc-endnote` is deprecated in DPUB-ARIA 1.1).
 */
function addFootnoteSemantics(tree: Root): undefined {
  visitElements(tree, (node: Element) => {
    for (const [property, role] of footnoteRoles) {
      if (node.properties[property] !== undefined && node.properties.role === undefined) {
        node.properties.role = role
      }
    }

    if (node.properties.dataFootnotes === undefined) return
    const heading = node.children.find((child): child is Element => child.type === 'element')
    const id = heading && headingRank(heading) ? heading.properties.id : undefined
    if (typeof id === 'string' && node.properties.ariaLabelledBy === undefined) {
      node.properties.ariaLabelledBy = [id]
    }

    for (const list of node.children) {
      if (list.type !== 'element' || list.tagName !== 'ol') continue
      for (const item of list.children) {
        if (item.type === 'element' && item.tagName === 'li' && item.properties['epub:type'] === undefined) {
          item.properties['epub:type'] = 'endnote'
        }
      }
    }
  })
}

/**
 * Add `epub:type` where a role has one, and `xml:lang` next to every `lang`: Adobe RMSDK and its
 * readers only read `xml:lang`, and pick fonts and hyphenation by it.
 */
function addEpubSemantics(tree: Root): undefined {
  visitElements(tree, (node: Element) => {
    const role = node.properties.role
    const lang = node.properties.lang
    const epubType = typeof role === 'string' ? epubTypeOf(role, node.tagName, node.properties['epub:type']) : undefined

    if (!epubType && typeof lang !== 'string') return

    // Rebuilt so the added attribute is written next to the one it comes from.
    const properties: Properties = {}

    for (const [key, value] of Object.entries(node.properties)) {
      if (key === 'xmlLang' || (key === 'epub:type' && epubType)) continue
      properties[key] = value
      if (key === 'role' && epubType) properties['epub:type'] = epubType
      if (key === 'lang' && typeof lang === 'string') properties.xmlLang = lang
    }

    node.properties = properties
  })
}

/** The `epub:type` for an element's role, merged with the one it has; `undefined` when none maps. */
function epubTypeOf(role: string, tagName: string, existing: Properties[string]): string | undefined {
  const types = typeof existing === 'string' ? existing.split(/\s+/).filter(Boolean) : []
  const before = types.length

  for (const token of role.split(/\s+/)) {
    const entry = epubTypes[token]
    if (entry && (!entry.tagNames || entry.tagNames.includes(tagName)) && !types.includes(entry.type)) {
      types.push(entry.type)
    }
  }

  return types.length > before ? types.join(' ') : undefined
}
