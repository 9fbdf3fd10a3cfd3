/**
 * What a chapter's links and images depend on outside its own text, for the
 * chapter cache's key: the book's chapters (a link to `intro.md` leads to a
 * chapter only while `intro.md` is one) and the image files of the
 * manuscript folder (an image added, changed or removed changes the
 * chapters that show it).
 *
 * Why the whole folder's images and not each chapter's: which files a
 * chapter refers to is known only once it is processed; the folder is
 * listed once per build, and an edit of an image makes the chapters again,
 * which is rare next to edits of the text.
 */
import {type Dirent, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import type {Book} from '../core/model.js'

/** Files a chapter may show as an image, by extension. */
const imageExtension = /\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif)$/i

/** Folders never looked into: version control, packages, build output. */
const skipped = new Set(['.git', 'node_modules', 'output', '.zhbook-cache'])

/**
 * The inputs of a book's links and images.
 *
 * @param book
 *   The book.
 * @returns
 *   The chapters' ids and paths, and each image file's path, size and
 *   modification time, sorted.
 */
export function referenceInputs(book: Book): unknown {
  const images: Array<[string, number, number]> = []
  const walk = (folder: string, depth: number) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, {withFileTypes: true})
    } catch {
      return
    }

    for (const entry of entries) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name) && depth < 8) walk(full, depth + 1)
      } else if (imageExtension.test(entry.name)) {
        try {
          const stat = statSync(full)
          images.push([path.relative(book.root, full), stat.size, stat.mtimeMs])
        } catch {}
      }
    }
  }

  walk(book.root, 0)
  images.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return {chapters: book.chapters.map((chapter) => [chapter.id, chapter.path]), images}
}
