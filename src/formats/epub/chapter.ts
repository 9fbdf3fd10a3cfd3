/** A chapter's hast made ready for an EPUB content document: an EPUB section, ARIA roles mapped. */
import type {Element, ElementContent, Properties, Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {h} from 'hastscript'
import type {EditionChapter} from '../../core/model.js'

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
 * has none). The tree given is not changed: the section shares with it every node it leaves as it
 * is, and has new ones where it adds roles and attributes (a copy of the whole tree would double a
 * long chapter's memory).
 *
 * @param chapter
 *   Chapter.
 * @param tree
 *   The chapter's tree, with its chapter links resolved.
 * @param manifestId
 *   Manifest id of the chapter, to make a heading id from if needed.
 * @returns
 *   `section` element, sharing nodes with `tree`: copy it before changing it.
 */
export function chapterSection(chapter: EditionChapter, tree: Root, manifestId: string): Element {
  const children = withSemantics(tree.children, 'none').filter(
    (child): child is ElementContent => child.type !== 'doctype'
  )
  const first = children.findIndex((child) => child.type === 'element')
  const heading = children[first] as Element | undefined
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
  } else if (typeof title.properties.id !== 'string' || !title.properties.id) {
    // The heading is the tree's: the section gets its own.
    title = {...title, properties: {...title.properties}}
    children[first] = title
  }

  if (typeof title.properties.id !== 'string' || !title.properties.id) {
    title.properties.id = manifestId + '-title'
  }

  properties['aria-labelledby'] = title.properties.id as string

  return h('section', {...properties, className: [section.className]}, children)
}

/** Where a list of children is: in a footnotes section, in its list of notes, or elsewhere. */
type Place = 'footnotes' | 'notes' | 'none'

/**
 * Children with their EPUB semantics: the same list when nothing in it changes, else a new one
 * with new elements where they change.
 */
function withSemantics<Child extends Root['children'][number]>(children: Child[], place: Place): Child[] {
  let result: Child[] | undefined
  for (const [index, child] of children.entries()) {
    if (child.type !== 'element') continue
    const next = elementSemantics(child, place)
    if (next === child) continue
    result ??= [...children]
    result[index] = next as Child
  }

  return result ?? children
}

/**
 * An element with its EPUB semantics, in the order they were once added in place: a note of
 * GFM's footnotes gets `epub:type="endnote"` (a note gets no role: `doc-endnote` is deprecated in
 * DPUB-ARIA 1.1); GFM's footnote markup gets its DPUB-ARIA roles, the footnotes section the id of
 * its heading as its label (reading systems show an endnote as a pop-up); then an element gets
 * the `epub:type` of its role, and `xml:lang` next to its `lang` (Adobe RMSDK and its readers only
 * read `xml:lang`, and pick fonts and hyphenation by it).
 */
function elementSemantics(node: Element, place: Place): Element {
  let properties = node.properties
  const set = (key: string, value: Properties[string]) => {
    if (properties === node.properties) properties = {...properties}
    properties[key] = value
  }

  if (place === 'notes' && node.tagName === 'li' && properties['epub:type'] === undefined) set('epub:type', 'endnote')
  for (const [property, role] of footnoteRoles) {
    if (properties[property] !== undefined && properties.role === undefined) set('role', role)
  }

  const footnotes = properties.dataFootnotes !== undefined
  if (footnotes) {
    const heading = node.children.find((child): child is Element => child.type === 'element')
    const id = heading && headingRank(heading) ? heading.properties.id : undefined
    if (typeof id === 'string' && properties.ariaLabelledBy === undefined) set('ariaLabelledBy', [id])
  }

  const role = properties.role
  const lang = properties.lang
  const epubType = typeof role === 'string' ? epubTypeOf(role, node.tagName, properties['epub:type']) : undefined
  if (epubType || typeof lang === 'string') {
    // Rebuilt so the added attribute is written next to the one it comes from.
    const rebuilt: Properties = {}
    for (const [key, value] of Object.entries(properties)) {
      if (key === 'xmlLang' || (key === 'epub:type' && epubType)) continue
      rebuilt[key] = value
      if (key === 'role' && epubType) rebuilt['epub:type'] = epubType
      if (key === 'lang' && typeof lang === 'string') rebuilt.xmlLang = lang
    }

    properties = rebuilt
  }

  const inner: Place = footnotes ? 'footnotes' : place === 'footnotes' && node.tagName === 'ol' ? 'notes' : 'none'
  const children = withSemantics(node.children, inner)
  if (properties === node.properties && children === node.children) return node
  return {...node, properties, children}
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
