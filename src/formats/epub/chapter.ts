/**
 * A chapter's hast made ready for an EPUB content document: wrapped in an EPUB section (a chapter,
 * or the glossary), with the format-neutral ARIA roles the stages write mapped to the EPUB
 * semantics reading systems act on. (Images and table alignment are dealt with by the stages, for
 * every format: `rehype-local-images`, `rehype-table-align`.)
 */
import type {Element, ElementContent, Properties, Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import type {EditionChapter} from '../../core/model.js'
import {writable} from '../shared/copy.js'

/**
 * `epub:type` for an ARIA role, and the elements it may be added to (any element when absent).
 *
 * Why: Kobo, Apple Books and Kindle show a note as a pop-up only when the reference says
 * `epub:type="noteref"` and the note is an `aside epub:type="footnote"` in the same document; they
 * do not read `role`. Roles stay: assistive technology reads them, not `epub:type`. (`doc-backlink`
 * has no `epub:type` reading systems know; it keeps its role.)
 */
const epubTypes: Readonly<Record<string, {type: string; tagNames?: readonly string[] | undefined}>> = {
  'doc-noteref': {type: 'noteref'},
  'doc-footnote': {type: 'footnote', tagNames: ['aside']},
  'doc-endnotes': {type: 'endnotes', tagNames: ['section']}
}

/**
 * DPUB-ARIA roles for the markup remark-gfm writes for footnotes, which has none: the reference,
 * the notes' section, the link back.
 */
const footnoteRoles: ReadonlyArray<[property: string, role: string]> = [
  ['dataFootnoteRef', 'doc-noteref'],
  ['dataFootnotes', 'doc-endnotes'],
  ['dataFootnoteBackref', 'doc-backlink']
]

/** Semantics of the section that wraps a chapter, by chapter kind. */
const sections: Readonly<Record<NonNullable<EditionChapter['kind']>, {type: string; role: string; className: string}>> =
  {
    chapter: {type: 'chapter', role: 'doc-chapter', className: 'chapter'},
    glossary: {type: 'glossary', role: 'doc-glossary', className: 'glossary'}
  }

/**
 * Wrap a chapter's content in an EPUB section labelled by its heading (a chapter without a heading
 * gets its title as `h1`).
 *
 * A chapter's tree is copied, never changed (other renderers read it too); a renderer's own copy
 * (see `writable`) is changed in place.
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

  // Why: a chapter the manuscript left without a heading (M003) is listed in the contents under its
  // fallback title; it gets that title as its heading too, so the document says where it is and
  // assistive technology has a heading to go to (axe: `page-has-heading-one`).
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
 * Give GFM footnotes their roles, and each note (`li`) `epub:type="endnote"`.
 *
 * Why: the notes of a chapter's Markdown footnotes are listed at its end; reading systems show a
 * note as a pop-up when the reference is a `noteref` and the note an `endnote` (or `footnote`), and
 * assistive technology announces references and the notes' section by their roles. (A note gets no
 * role: `doc-endnote` is deprecated in DPUB-ARIA 1.1.)
 */
function addFootnoteSemantics(tree: Root): undefined {
  visit(tree, 'element', (node: Element) => {
    for (const [property, role] of footnoteRoles) {
      if (node.properties[property] !== undefined && node.properties.role === undefined) {
        node.properties.role = role
      }
    }

    if (node.properties.dataFootnotes === undefined) return
    // The section is named by its heading (`Notes`), as landmarks should be.
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
 * Add `epub:type` where an element's role has one, and `xml:lang` next to every `lang`.
 *
 * Why `xml:lang`: in XHTML both work in browsers, but older EPUB reading systems (Adobe RMSDK and
 * the readers built on it) only read `xml:lang`, and they pick fonts and hyphenation by it.
 */
function addEpubSemantics(tree: Root): undefined {
  visit(tree, 'element', (node: Element) => {
    const role = node.properties.role
    const lang = node.properties.lang
    const epubType = typeof role === 'string' ? epubTypeOf(role, node.tagName, node.properties['epub:type']) : undefined

    if (!epubType && typeof lang !== 'string') return

    // Rebuild the properties so the added attribute is written next to the one it comes from.
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

/**
 * The `epub:type` for an element's role, merged with the one it has.
 *
 * @param role
 *   Value of `role` (space-separated tokens).
 * @param existing
 *   The element's `epub:type`, if any.
 * @returns
 *   `epub:type` value, or `undefined` when no token maps.
 */
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
