/**
 * Read an EPUB the way a reading system does: the package document named by
 * `META-INF/container.xml`, its manifest and spine, and every entry.
 *
 * The parsing is deliberately small (regular expressions over the markup
 * zhbook writes): these are tests of our own output, not a general reader.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'

/** A manifest item. */
export interface ManifestItem {
  /** `id`. */
  id: string
  /** Path inside the zip (resolved against the package document). */
  path: string
  /** `href` as written. */
  href: string
  /** `media-type`. */
  mediaType: string
  /** `properties`, split. */
  properties: string[]
}

/** An EPUB, opened. */
export interface EpubFiles {
  /** Path of the `.epub`. */
  file: string
  /** Every file entry (not folders), by path. */
  entries: Map<string, Uint8Array>
  /** Path of the package document inside the zip. */
  opfPath: string
  /** Text of the package document. */
  opf: string
  /** Manifest items, in order. */
  manifest: ManifestItem[]
  /** Manifest ids of the spine, in order. */
  spine: string[]
}

/**
 * Open an EPUB.
 *
 * @param file
 *   Path of the `.epub`.
 * @returns
 *   Its package and entries.
 */
export async function readEpub(file: string): Promise<EpubFiles> {
  const zip = await JSZip.loadAsync(await fs.readFile(file))
  const entries = new Map<string, Uint8Array>()

  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) entries.set(name, await entry.async('uint8array'))
  }

  const container = text(entries.get('META-INF/container.xml'))
  const opfPath = /full-path="([^"]+)"/.exec(container)?.[1]
  if (!opfPath) throw new Error('Missing rootfile in `' + file + '`')
  const opf = text(entries.get(opfPath))
  const base = path.posix.dirname(opfPath)
  const manifest: ManifestItem[] = [...opf.matchAll(/<item\s([^>]*)\/>/g)].map((match) => {
    const attributes = match[1]!
    const href = attribute(attributes, 'href') ?? ''
    return {
      id: attribute(attributes, 'id') ?? '',
      href,
      path: path.posix.join(base, decodeURIComponent(href)),
      mediaType: attribute(attributes, 'media-type') ?? '',
      properties: (attribute(attributes, 'properties') ?? '').split(/\s+/).filter(Boolean)
    }
  })
  const spine = [...opf.matchAll(/<itemref\s[^>]*idref="([^"]+)"/g)].map((match) => match[1]!)

  return {file, entries, opfPath, opf, manifest, spine}
}

/**
 * Text of an entry.
 *
 * @param epub
 *   The EPUB.
 * @param name
 *   Path inside the zip.
 * @returns
 *   UTF-8 text.
 */
export function entryText(epub: EpubFiles, name: string): string {
  const data = epub.entries.get(name)
  if (!data) throw new Error('Missing entry `' + name + '` in `' + epub.file + '`')
  return text(data)
}

/**
 * The XHTML content documents of an EPUB (navigation document included), in
 * manifest order.
 *
 * @param epub
 *   The EPUB.
 * @returns
 *   Manifest items.
 */
export function contentDocuments(epub: EpubFiles): ManifestItem[] {
  return epub.manifest.filter((item) => item.mediaType === 'application/xhtml+xml')
}

/**
 * Write every entry of an EPUB into a folder.
 *
 * @param epub
 *   The EPUB.
 * @param folder
 *   Folder (made if missing).
 * @returns
 *   Nothing.
 */
export async function unpackEpub(epub: EpubFiles, folder: string): Promise<undefined> {
  for (const [name, data] of epub.entries) {
    const target = path.join(folder, name)
    await fs.mkdir(path.dirname(target), {recursive: true})
    await fs.writeFile(target, data)
  }
}

/**
 * Read an attribute from a start tag's attributes.
 *
 * @param attributes
 *   Attributes as written.
 * @param name
 *   Attribute name.
 * @returns
 *   Value, or `undefined`.
 */
export function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp('(?:^|\\s)' + name.replace(/[.:]/g, '\\$&') + '="([^"]*)"').exec(attributes)
  return match?.[1]
}

/**
 * Decode UTF-8.
 *
 * @param data
 *   Bytes (or nothing).
 * @returns
 *   Text (empty for nothing).
 */
function text(data: Uint8Array | undefined): string {
  return data ? new TextDecoder().decode(data) : ''
}
