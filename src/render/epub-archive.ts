/**
 * epub-gen-memory's archive, corrected: a subclass that exposes the zip and
 * refuses downloads, and the packing of its entries into a reproducible
 * archive that reuses what an earlier build compressed.
 */
import {EPub} from 'epub-gen-memory'
import JSZip from 'jszip'

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

/** An archive as written, kept for the next build of the same session. */
export interface PackedArchive {
  /** Date of every entry (ms since the epoch). */
  date: number
  /** Entry names, in archive order. */
  names: readonly string[]
  /** Uncompressed content of each entry. */
  contents: ReadonlyMap<string, Uint8Array>
  /** The archive read back: its entries are compressed already. */
  zip: JSZip
}

/**
 * Write the library's zip as a reproducible, well-formed EPUB archive.
 *
 * Every file is written dated `date`, without folder entries, in a fixed
 * order: `mimetype` first and stored (OCF requires it), then the rest by
 * path, deflated.
 *
 * Why not the library's zip as it is: it dates entries "now" (JSZip's
 * default), adds folder entries (`OEBPS/`, `META-INF/`) that OCF does not
 * need, and orders entries by its own steps.
 *
 * Given the archive of the previous build of the same EPUB, entries whose
 * bytes did not change keep their compressed data: JSZip copies an entry it
 * read from an archive without deflating it again. Deflating every chapter
 * is most of the cost of packaging a book, and an edit changes one. The
 * bytes are the same as without `previous`: same entries, same order, same
 * dates, and deflate is deterministic.
 *
 * @param zip
 *   The library's zip, after `render()`.
 * @param date
 *   Date for every entry.
 * @param previous
 *   The previous build's archive of this EPUB (optional).
 * @returns
 *   The EPUB's bytes, and the archive to hand to the next build.
 */
export async function packArchive(
  zip: JSZip,
  date: Date,
  previous?: PackedArchive | undefined
): Promise<{bytes: Uint8Array; packed: PackedArchive}> {
  const entries: Array<[string, Uint8Array]> = []

  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir) entries.push([name, await file.async('uint8array')])
  }

  entries.sort(([a], [b]) =>
    a === 'mimetype' ? -1 : b === 'mimetype' ? 1 : a < b ? -1 : a > b ? 1 : 0
  )
  const names = entries.map(([name]) => name)
  // JSZip writes entries in the order they were first added: reuse only an
  // archive with the same entries, so the order is the same.
  const reuse =
    previous !== undefined &&
    previous.date === date.getTime() &&
    previous.names.length === names.length &&
    previous.names.every((name, index) => name === names[index])
  const target = reuse ? previous.zip : new JSZip()

  for (const [name, data] of entries) {
    // `mimetype` is always added again: an entry read from an archive takes
    // the archive's compression (deflate), and `mimetype` must be stored.
    if (reuse && name !== 'mimetype' && sameBytes(previous.contents.get(name), data)) continue
    target.file(name, data, {
      binary: true,
      createFolders: false,
      date,
      compression: name === 'mimetype' ? 'STORE' : 'DEFLATE'
    })
  }

  const bytes = await target.generateAsync({
    type: 'uint8array',
    mimeType: 'application/epub+zip',
    compression: 'DEFLATE',
    compressionOptions: {level: 9}
  })

  return {
    bytes,
    packed: {date: date.getTime(), names, contents: new Map(entries), zip: await JSZip.loadAsync(bytes)}
  }
}

/** Whether two byte arrays are equal. */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}
