/**
 * A book's images in the EPUB: a manifest item and the bytes of each. Not the library's way (`<img
 * src="file://…">`): it copies each image under a random name, so no two builds would be the same.
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
