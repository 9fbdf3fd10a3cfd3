/**
 * Stage: point links between chapters at the chapters. An author links to a chapter's source file
 * (`../ch03/README.md#變數`, or mdBook's `.html`); it becomes `chapter:<id>#<fragment>`, resolved by
 * each renderer. A link that leads nowhere in the book would be dead in every edition and an
 * epubcheck error: it is unwrapped, with a warning (L013, L014). Links to other chapters' ids are
 * checked once all are processed (`checkChapterLinks`).
 */
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import type {Point} from 'unist'
import {visit} from 'unist-util-visit'
import {visitElements} from '../core/walk.js'
import type {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'
import {chapterLinkPrefix} from '../core/model.js'

declare module 'vfile' {
  interface DataMap {
    chapterLinks: ChapterLinkRecord[]
  }
}

/** A link to another chapter, as written and as rewritten. */
export interface ChapterLinkRecord {
  href: string
  written: string
  place?: Point | undefined
}

/** Options of `rehypeChapterLinks`. */
export interface Options {
  readonly root: string
  /** The book's chapters: id and path relative to the manuscript folder (required). */
  readonly chapters: ReadonlyArray<{readonly id: string; readonly path: string}>
}

/**
 * Rewrite links to chapters' source files; unwrap those that lead nowhere. Runs after sanitising
 * (which would not let `chapter:` through) and after every stage that makes ids.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function rehypeChapterLinks(options: Options) {
  const root = path.resolve(options.root)
  const byPath = new Map<string, string>()
  for (const chapter of options.chapters) byPath.set(normalise(chapter.path), chapter.id)

  return (tree: Root, file: VFile) => {
    const own = file.path ? normalise(path.relative(root, path.resolve(file.path))) : undefined
    const ids = collectIds(tree)
    const records: ChapterLinkRecord[] = []
    const unwrap = new Set<Element>()

    visitElements(tree, (node) => {
      if (node.tagName !== 'a') return
      const href = node.properties.href
      if (typeof href !== 'string' || href === '') return
      if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//')) return
      const place = node.position?.start
      const hash = href.indexOf('#')
      const target = hash === -1 ? href : href.slice(0, hash)
      const fragment = hash === -1 ? undefined : decode(href.slice(hash + 1))

      if (target === '') {
        if (fragment === undefined || fragment === '') return
        const id = findId(fragment, ids)
        if (id === undefined) {
          warn(
            file,
            `Unexpected link to \`#${fragment}\`, expected an id of this chapter (a heading's or \`{#id}\`): shown as text`,
            place,
            'L014'
          )
          unwrap.add(node)
        } else {
          node.properties.href = '#' + id
        }

        return
      }

      const from = own === undefined ? '' : path.posix.dirname(own)
      const resolved = path.posix.normalize(path.posix.join(from, decode(target.split('?')[0]!)))
      const id = chapterOf(resolved, byPath)
      if (id === undefined) {
        warn(
          file,
          `Unexpected link to \`${href}\`, expected a chapter of the book (its \`.md\` file): shown as text`,
          place,
          'L013'
        )
        unwrap.add(node)
        return
      }

      if (resolved === own || byPath.get(own ?? '') === id) {
        if (fragment === undefined || fragment === '') {
          node.properties.href = chapterLinkPrefix + id
          return
        }

        const found = findId(fragment, ids)
        if (found === undefined) {
          warn(file, `Unexpected link to \`${href}\`, expected an id of this chapter: shown as text`, place, 'L014')
          unwrap.add(node)
        } else {
          node.properties.href = chapterLinkPrefix + id + '#' + found
        }

        return
      }

      const rewritten = chapterLinkPrefix + id + (fragment ? '#' + fragment : '')
      node.properties.href = rewritten
      records.push({href: rewritten, written: href, place})
    })

    if (unwrap.size > 0) unwrapLinks(tree, unwrap)
    file.data.chapterLinks = records
  }
}

/** The chapter a path leads to: its `.md`, mdBook's `.html` of it, or a folder's `README.md` / `index.md`. */
function chapterOf(resolved: string, byPath: ReadonlyMap<string, string>): string | undefined {
  const stem = resolved.replace(/\.html?$/i, '')
  const folder = resolved.replace(/\/?(?:index\.html?)?$/i, '')
  const candidates = [
    resolved,
    stem + '.md',
    stem + '.markdown',
    // mdBook writes `README.md` as `index.html`.
    ...(folder === '' || folder === '.' ? ['README.md', 'index.md'] : [folder + '/README.md', folder + '/index.md'])
  ]
  for (const candidate of candidates) {
    const id = byPath.get(normalise(candidate))
    if (id !== undefined) return id
  }

  return undefined
}

/**
 * Find the id a fragment names: as written, or in lower case (GitHub and mdBook match `#Intro` to
 * the heading `intro`).
 *
 * @param fragment
 *   Fragment, decoded.
 * @param ids
 *   Ids of the chapter.
 * @returns
 *   The id, or `undefined`.
 */
export function findId(fragment: string, ids: ReadonlySet<string>): string | undefined {
  if (ids.has(fragment)) return fragment
  const lower = fragment.toLowerCase()
  if (ids.has(lower)) return lower
  return undefined
}

/**
 * Collect the ids of a tree.
 *
 * @param tree
 *   Tree.
 * @returns
 *   Ids.
 */
export function collectIds(tree: Root): Set<string> {
  const ids = new Set<string>()
  visitElements(tree, (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
  })
  return ids
}

/**
 * Replace links by their content.
 *
 * @param tree
 *   Tree (changed).
 * @param links
 *   Links to unwrap.
 * @returns
 *   Nothing.
 */
export function unwrapLinks(tree: Root, links: ReadonlySet<Element>): undefined {
  visit(tree, 'element', (node, index, parent) => {
    if (!links.has(node) || !parent || index === undefined) return
    parent.children.splice(index, 1, ...(node.children as ElementContent[]))
    return index
  })
  return undefined
}

function normalise(value: string): string {
  return value.split(path.sep).join('/').replace(/^\.\//, '').normalize('NFC')
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
