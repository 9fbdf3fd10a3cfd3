/**
 * A book's resources (its images) in the EPUB: a manifest item and the bytes of each, for the
 * package template and the archive.
 *
 * Why not the library's own way (`<img src="file://…">` in a chapter's content): it copies each
 * image under a random name, which makes no two builds the same, and it only sees images of content
 * it sanitises. The resources are added to the archive the library wrote, next to the chapter
 * documents (`OEBPS/images/…`), under the names the chapters already use, and listed by the package
 * template (`zhbook.resources`), as the embedded font is.
 */
import type {EditionBook} from '../../core/model.js'
import {resourceData} from '../shared/resources.js'

/** A file of the package besides the library's documents. */
export interface PackageResource {
  /** Manifest item (not escaped); `href` is relative to `OEBPS/`. */
  item: {id: string; href: string; mediaType: string}
  /** Make its bytes. */
  data: () => Promise<Uint8Array>
}

/**
 * The images of an edition as package resources.
 *
 * @param book
 *   The edition.
 * @returns
 *   One resource per image, in the order of `book.resources`.
 */
export function imageResources(book: EditionBook): PackageResource[] {
  return (book.resources ?? []).map((resource, index) => ({
    item: {id: 'resource-' + (index + 1), href: resource.name, mediaType: resource.mediaType},
    data: () => resourceData(resource)
  }))
}
