/**
 * Links between chapters, resolved for one output format: stages write `chapter:<id>#<fragment>`
 * because only a renderer knows what it names a chapter's file.
 */
import type {Element, Root} from 'hast'
import {visitElements} from '../../core/walk.js'
import type {BuildSession} from '../../build/session.js'
import {treeFeatures} from './content-style.js'
import {writable} from './copy.js'
import {chapterLinkPrefix, type EditionChapter} from '../../core/model.js'

/**
 * Resolve the chapter links in one chapter's tree.
 *
 * @param chapter
 *   Chapter whose tree to resolve (not changed: links are resolved in an own copy, see `writable`).
 * @returns
 *   The tree with every `chapter:` link resolved: the chapter's own tree when it has none,
 *   otherwise a copy.
 */
export type ChapterLinkResolver = (chapter: EditionChapter) => Root

/**
 * Make a resolver of chapter links for a book. A link to a missing chapter or id is a bug in the
 * stage that made it: it throws rather than write a broken book (epubcheck rejects it).
 *
 * @param chapters
 *   Every chapter of the edition.
 * @param fileName
 *   Name of a chapter's file, from the linking file (e.g. `id + '.xhtml'`).
 * @param session
 *   Build session (optional), see `treeFeatures`.
 * @returns
 *   Resolver.
 */
export function chapterLinkResolver(
  chapters: readonly EditionChapter[],
  fileName: (id: string) => string,
  session?: BuildSession | undefined
): ChapterLinkResolver {
  const byId = new Map(chapters.map((chapter) => [chapter.id, chapter]))
  const idsById = new Map<string, Set<string>>()

  return (chapter) => {
    if (!treeFeatures(chapter.tree, session).chapterLink) return chapter.tree

    const tree = writable(chapter.tree)

    visitElements(tree, (node: Element) => {
      const href = node.properties.href
      if (typeof href !== 'string' || !href.startsWith(chapterLinkPrefix)) return

      const rest = href.slice(chapterLinkPrefix.length)
      const hash = rest.indexOf('#')
      const id = hash === -1 ? rest : rest.slice(0, hash)
      const fragment = hash === -1 ? undefined : rest.slice(hash + 1)
      const target = byId.get(id)
      const where = ' in chapter `' + chapter.id + '` (' + chapter.sourcePath + ')'

      if (!target) {
        throw new Error('Unexpected link `' + href + '`' + where + ', expected a chapter of this edition')
      }

      if (fragment !== undefined) {
        let ids = idsById.get(id)
        if (!ids) {
          ids = findIds(target.tree)
          idsById.set(id, ids)
        }

        if (!ids.has(fragment)) {
          throw new Error('Unexpected link `' + href + '`' + where + ', expected an id of chapter `' + id + '`')
        }
      }

      node.properties.href = fileName(id) + (fragment === undefined ? '' : '#' + fragment)
    })

    return tree
  }
}

function findIds(tree: Root): Set<string> {
  const ids = new Set<string>()

  visitElements(tree, (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
  })

  return ids
}
