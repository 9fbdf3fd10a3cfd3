/**
 * What a chapter's links and images depend on outside its text, for its cache
 * key: the book's chapters and the manuscript folder's image files. The whole
 * folder, since which images a chapter uses is known only once processed; an
 * image edit (rare) then remakes every chapter.
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
