/** Chapter ids: what a chapter's file name or path becomes, whichever layout lists it. */

/** Ids the renderers keep for their own documents (`index.html`, `cover.xhtml`, `search.html` …). */
export const reservedIds: ReadonlySet<string> = new Set(['cover', 'glossary', 'index', 'nav', 'search', 'style', 'toc'])

/** Longest chapter id: it names files, of at most 255 bytes on most file systems, with room for a suffix. */
export const maxIdLength = 200

/**
 * Lowercase ASCII words joined by `-`.
 *
 * @param value
 *   Name.
 * @returns
 *   Slug (empty when the name has no ASCII letter or digit).
 */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
