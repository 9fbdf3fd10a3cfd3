/**
 * The whole-book check of links between chapters (possible only once every
 * chapter is processed): a link to an id its target lacks is unwrapped to its
 * text with a warning (L014), so renderers only see links that lead somewhere.
 */
import type {Element, Root} from 'hast'
import {visitElements} from '../core/walk.js'
import {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'
import {chapterLinkPrefix, type EditionChapter} from '../core/model.js'
import {collectIds, findId, unwrapLinks} from '../stages/rehype-chapter-links.js'

/**
 * Check the links between the chapters of an edition.
 *
 * @param chapters
 *   The edition's chapters (not changed).
 * @param files
 *   The file each chapter was processed from, by chapter id.
 * @returns
 *   The chapters (one with a broken link as a copy without it), and new files
 *   with the warnings, so a cached chapter's file does not collect them.
 */
export function checkChapterLinks(
  chapters: readonly EditionChapter[],
  files: ReadonlyMap<string, VFile>
): {chapters: EditionChapter[]; messages: VFile[]} {
  const byId = new Map(chapters.map((chapter) => [chapter.id, chapter]))
  const idsById = new Map<string, Set<string>>()
  const messages: VFile[] = []

  /** The `href` a link should have, or `undefined` when its id is missing. */
  function fix(href: string): string | undefined {
    const rest = href.slice(chapterLinkPrefix.length)
    const hash = rest.indexOf('#')
    if (hash === -1) return href
    const id = rest.slice(0, hash)
    const targetChapter = byId.get(id)
    if (!targetChapter) return undefined
    let ids = idsById.get(id)
    if (!ids) {
      ids = collectIds(targetChapter.tree)
      idsById.set(id, ids)
    }

    const found = findId(rest.slice(hash + 1), ids)
    return found === undefined ? undefined : chapterLinkPrefix + id + '#' + found
  }

  const checked = chapters.map((chapter) => {
    const source = files.get(chapter.id)
    const records = source?.data.chapterLinks
    if (!records || records.length === 0) return chapter
    const places = new Map<string, Array<(typeof records)[number]>>()
    for (const record of records) {
      const list = places.get(record.href)
      if (list) list.push(record)
      else places.set(record.href, [record])
    }

    // Links in document order; the copy has the same elements in the same order.
    const links = (tree: Root) => {
      const found: Element[] = []
      visitElements(tree, (node) => {
        const href = node.properties.href
        if (typeof href === 'string' && places.has(href)) found.push(node)
      })
      return found
    }

    const original = links(chapter.tree)
    const fixes = original.map((node) => fix(String(node.properties.href)))
    if (fixes.every((fixed, index) => fixed === original[index]!.properties.href)) return chapter

    const file = new VFile({path: source.path})
    // A plain copy: one `writable` makes is a renderer's own, changed in place.
    const tree: Root = structuredClone(chapter.tree)
    const unwrap = new Set<Element>()
    const seen = new Map<string, number>()
    for (const [index, node] of links(tree).entries()) {
      const href = String(node.properties.href)
      const count = seen.get(href) ?? 0
      seen.set(href, count + 1)
      const fixed = fixes[index]
      if (fixed === href) continue
      if (fixed !== undefined) {
        node.properties.href = fixed
        continue
      }

      const record = places.get(href)?.[count]
      warn(
        file,
        `Unexpected link to \`${decodeFragment(record?.written ?? href)}\`, expected an id of chapter \`${target(href)}\` (a heading's or \`{#id}\`): shown as text`,
        record?.place,
        'L014'
      )
      unwrap.add(node)
    }

    if (file.messages.length > 0) messages.push(file)
    if (unwrap.size > 0) unwrapLinks(tree, unwrap)
    return {...chapter, tree}
  })

  return {chapters: checked, messages}
}

/** The chapter id of a `chapter:` link. */
function target(href: string): string {
  return href.slice(chapterLinkPrefix.length).split('#')[0]!
}

/** A link as an author reads it: percent-escapes decoded where they can be. */
function decodeFragment(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
