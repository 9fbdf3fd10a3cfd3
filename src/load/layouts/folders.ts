/**
 * A folder of folders: chapters in natural order (`2-` before `10-`), each subfolder a section whose
 * `README.md` or `index.md` is its page, the rest nested under it.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'

/** A chapter found in the folders. */
export interface FolderChapter {
  /** POSIX path relative to the book's folder. */
  path: string
  /** Nesting: 0 at the top. */
  depth: number
}

/** Natural order (numbers by value), the same on every machine. */
const collator = new Intl.Collator('en', {numeric: true})

/** Folders that are never chapters: tools', output, zhbook's translations. */
const skipped = new Set(['node_modules', 'translations', 'output', 'book', '_book'])

const maxDepth = 8

const sectionPage = /^(?:readme|index)\.md$/i

/** A file left out at the top (the repository's README, a summary). */
const topLevelSkipped = /^(?:readme|index|summary)\.md$/i

/**
 * Whether a folder holds subfolders with Markdown: a book in folders.
 *
 * @param root
 *   The book's folder.
 * @returns
 *   Whether it does.
 */
export function hasChapterFolders(root: string): boolean {
  return folders(root).some((name) => hasMarkdown(path.join(root, name), 1))
}

/**
 * The chapters of a folder of folders.
 *
 * @param root
 *   The book's folder.
 * @returns
 *   Chapters in reading order.
 */
export function folderChapters(root: string): FolderChapter[] {
  const chapters: FolderChapter[] = []
  walk('', 0)
  return chapters

  function walk(folder: string, depth: number): undefined {
    const full = path.join(root, folder)
    const subfolders = new Set(folders(full))
    const names = list(full).filter(
      (name) =>
        subfolders.has(name) || (/\.md$/i.test(name) && !(folder === '' ? topLevelSkipped : sectionPage).test(name))
    )
    for (const name of names.sort(collator.compare)) {
      const relative = folder === '' ? name : `${folder}/${name}`
      if (!subfolders.has(name)) {
        chapters.push({path: relative, depth})
        continue
      }

      if (depth >= maxDepth || !hasMarkdown(path.join(root, relative), 1)) continue
      const page = list(path.join(root, relative))
        .filter((entry) => sectionPage.test(entry))
        .sort()
        .sort((a, b) => Number(/^index/i.test(a)) - Number(/^index/i.test(b)))[0]
      if (page) chapters.push({path: `${relative}/${page}`, depth})
      // A folder without a page of its own: its chapters stand at its level.
      walk(relative, page ? depth + 1 : depth)
    }
  }
}

function list(folder: string): string[] {
  try {
    return readdirSync(folder)
  } catch {
    return []
  }
}

function folders(folder: string): string[] {
  try {
    return readdirSync(folder, {withFileTypes: true})
      .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name) && !skipped.has(entry.name))
      .map((entry) => entry.name)
  } catch {
    return []
  }
}

function hasMarkdown(folder: string, depth: number): boolean {
  if (list(folder).some((name) => /\.md$/i.test(name))) return true
  return depth < maxDepth && folders(folder).some((name) => hasMarkdown(path.join(folder, name), depth + 1))
}
