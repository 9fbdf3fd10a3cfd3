/**
 * Chapter ids: what a chapter's file name or path becomes, whichever layout
 * lists it (`book.yaml`, a folder, `SUMMARY.md`).
 */

/**
 * Ids the renderers keep for their own documents (`index.html`,
 * `cover.xhtml`, the web edition's `search.html` …).
 */
export const reservedIds: ReadonlySet<string> = new Set(['cover', 'glossary', 'index', 'nav', 'search', 'style', 'toc'])

/**
 * Longest chapter id: it names the chapter's files (`<id>.html`,
 * `<id>.xhtml`), and a file name holds at most 255 bytes on most file
 * systems; the rest is left for the extension and a suffix.
 */
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
