/**
 * Chapter ids: what a chapter's file name or path becomes, whichever layout
 * lists it (`book.yaml`, a folder, `SUMMARY.md`).
 */

/** Ids the renderers keep for their own documents (`index.html`, `cover.xhtml` …). */
export const reservedIds: ReadonlySet<string> = new Set(['cover', 'glossary', 'index', 'nav', 'style', 'toc'])

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
