/**
 * epub-gen-memory's archive, corrected: a subclass that exposes the zip and
 * refuses downloads, and a pass that rewrites the zip entries before
 * generation.
 */
import {EPub} from 'epub-gen-memory'
import type JSZip from 'jszip'

/**
 * epub-gen-memory, extended.
 *
 * Why: the library keeps its zip `protected`, and fetches fonts and images
 * with node-fetch. This subclass exposes the zip so entries can be corrected
 * before generation, and refuses any download: nothing reaches the network
 * (the renderer passes no fonts, no chapter content for the library to scan
 * for `<img>`, and the cover as an in-memory `File`).
 */
export class Archive extends EPub {
  /**
   * The library's zip, filled by `render()`.
   *
   * @returns
   *   JSZip instance.
   */
  get archive(): JSZip {
    return this.zip
  }

  /**
   * Refuse to download fonts.
   *
   * @returns
   *   Nothing.
   */
  protected override async downloadAllFonts(): Promise<void> {
    if (this.options.fonts.length > 0) {
      throw new Error('Unexpected fonts to download, expected none')
    }
  }

  /**
   * Refuse to download images.
   *
   * @returns
   *   Nothing.
   */
  protected override async downloadAllImages(): Promise<void> {
    if (this.images.length > 0) {
      throw new Error('Unexpected images to download, expected none')
    }
  }
}

/** Folder of embedded fonts in the archive (`epub-font.ts`). */
const fontFolder = 'OEBPS/fonts/'

/**
 * Rewrite every zip entry so the archive is reproducible and well-formed.
 *
 * Why: the library adds entries dated "now" (JSZip's default), adds folder
 * entries (`OEBPS/`, `META-INF/`) that OCF does not need, and its entry order
 * follows its own steps. Here every file is re-added, dated `date`, without
 * folder entries, in a fixed order: `mimetype` first and stored (OCF requires
 * it), then the rest by path, deflated (fonts at a lower level).
 *
 * @param zip
 *   The library's zip, after `render()`.
 * @param date
 *   Date for every entry.
 * @returns
 *   Nothing.
 */
export async function normalizeEntries(
  zip: JSZip,
  date: Date
): Promise<undefined> {
  const names = Object.keys(zip.files)
  const entries: Array<[string, Uint8Array]> = []

  for (const name of names) {
    const file = zip.files[name]
    if (file && !file.dir) entries.push([name, await file.async('uint8array')])
  }

  for (const name of names) zip.remove(name)

  entries.sort(([a], [b]) =>
    a === 'mimetype' ? -1 : b === 'mimetype' ? 1 : a < b ? -1 : a > b ? 1 : 0
  )

  for (const [name, data] of entries) {
    zip.file(name, data, {
      binary: true,
      createFolders: false,
      date,
      compression: name === 'mimetype' ? 'STORE' : 'DEFLATE',
      // Why: an embedded font is compact already (CFF outlines): level 1
      // takes a quarter of level 9's time on it for 1% more bytes.
      compressionOptions: name.startsWith(fontFolder) ? {level: 1} : null
    })
  }
}
