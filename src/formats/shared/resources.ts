/** The bytes of a book's images as every renderer packages them (an SVG cleaned first). */
import fs from 'node:fs/promises'
import type {BookResource, EditionBook, OutputFile} from '../../core/model.js'
import {formatSize} from '../../core/diagnostics.js'
import {largeImage} from '../../stages/rehype-local-images.js'
import {sanitizeSvg} from './svg.js'

/**
 * Read a resource for packaging.
 *
 * @param resource
 *   Resource of the book.
 * @returns
 *   Its bytes; an SVG without script or external references.
 */
export async function resourceData(resource: BookResource): Promise<Uint8Array> {
  const data = await fs.readFile(resource.source)
  if (resource.mediaType !== 'image/svg+xml') return data
  const clean = await sanitizeSvg(data.toString('utf8'))
  // An SVG without an `svg` element: an empty drawing, not the file.
  return new TextEncoder().encode(clean ?? '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
}

/**
 * The resources of an edition as output files, under a folder.
 *
 * @param book
 *   The edition.
 * @param folder
 *   Folder of the chapter documents in the output, with a trailing `/` (`web/hant/`).
 * @returns
 *   Files, one per resource.
 */
export async function resourceFiles(book: EditionBook, folder: string): Promise<OutputFile[]> {
  return Promise.all(
    (book.resources ?? []).map(async (resource) => ({path: folder + resource.name, data: await resourceData(resource)}))
  )
}

/**
 * A line of the build's summary: how much the images weigh and which are large.
 *
 * @param books
 *   The editions built (each carries the same images).
 * @returns
 *   `images: 4 files, 3 KB in each edition; over 1 MB: …`, or `undefined` when the book has no
 *   images.
 */
export function resourceSummary(books: readonly EditionBook[]): string | undefined {
  const resources = new Map<string, BookResource>()
  for (const book of books) for (const resource of book.resources ?? []) resources.set(resource.name, resource)
  if (resources.size === 0) return undefined
  const all = [...resources.values()]
  const total = all.reduce((sum, resource) => sum + resource.size, 0)
  const large = all.filter((resource) => resource.size > largeImage)
  return (
    `images: ${all.length} file${all.length === 1 ? '' : 's'}, ${formatSize(total)} in each edition` +
    (large.length > 0
      ? `; over 1 MB: ${large.map((resource) => `${resource.path} (${formatSize(resource.size)})`).join(', ')}`
      : '')
  )
}
