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
 * Why: the library writes its documents into a JSZip of its own, dated
 * "now" and in its own order, and fetches fonts and images with node-fetch.
 * This subclass records the documents instead, and refuses any download:
 * nothing reaches the network
 * (the renderer passes no fonts, no chapter content for the library to scan
 * for `<img>`, and the cover as an in-memory `File`).
 */
export class Archive extends EPub {
  /** What the library writes, by path, in place of its zip. */
  readonly entries: EntryRecorder

  /**
   * Make an archive.
   *
   * @param options
   *   Options of the library.
   * @param content
   *   Chapters.
   */
  constructor(...parameters: ConstructorParameters<typeof EPub>) {
    super(...parameters)
    // Why: the library adds every document to a JSZip as a string, and
    // reading them back out of it (to order, date and compare them) costs
    // more than making them. It only ever calls `file` and `folder` on its
    // zip, so a recorder of those calls takes the zip's place; the archive
    // is packed by `packArchive`.
    this.entries = new EntryRecorder()
    this.zip = this.entries as unknown as typeof this.zip
    // The library adds it in its constructor, to the zip replaced here.
    this.entries.file('mimetype', 'application/epub+zip')
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

/** Data of an entry as the library gives it. */
export type EntryData = string | Uint8Array | ArrayBuffer | Promise<ArrayBuffer | Uint8Array>

/**
 * The part of JSZip's API the library calls (`file`, `folder`), recording
 * the entries by full path.
 */
export class EntryRecorder {
  /** Entries by path. */
  readonly files = new Map<string, EntryData>()
  private readonly prefix: string
  private readonly root: EntryRecorder | undefined

  /**
   * Make a recorder.
   *
   * @param prefix
   *   Folder of this view, with a trailing slash (default: the root).
   * @param root
   *   Recorder that holds the entries (default: this one).
   */
  constructor(prefix = '', root?: EntryRecorder) {
    this.prefix = prefix
    this.root = root
  }

  /**
   * Record a file.
   *
   * @param name
   *   Path in this folder.
   * @param data
   *   Content.
   * @returns
   *   This view.
   */
  file(name: string, data: EntryData): this {
    ;(this.root ?? this).files.set(this.prefix + name, data)
    return this
  }

  /**
   * A view of a folder; folders have no entries of their own.
   *
   * @param name
   *   Folder name.
   * @returns
   *   View of the folder.
   */
  folder(name: string): EntryRecorder {
    return new EntryRecorder(this.prefix + name + '/', this.root ?? this)
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
  /** Each entry as it was handed over (a string, or bytes). */
  given: ReadonlyMap<string, string | Uint8Array | ArrayBuffer>
  /** The archive read back: its entries are compressed already. */
  zip: JSZip
}

/**
 * Write the library's documents as a reproducible, well-formed EPUB archive.
 *
 * Every file is written dated `date`, in a fixed order: `mimetype` first and
 * stored (OCF requires it), then the rest by path, deflated; no folder
 * entries (OCF does not need them).
 *
 * Given the archive of the previous build of the same EPUB, entries whose
 * bytes did not change keep their compressed data: JSZip copies an entry it
 * read from an archive without deflating it again. Deflating every chapter
 * is most of the cost of packaging a book, and an edit changes one. The
 * bytes are the same as without `previous`: same entries, same order, same
 * dates, and deflate is deterministic.
 *
 * @param recorded
 *   The library's documents, after `render()`.
 * @param date
 *   Date for every entry.
 * @param previous
 *   The previous build's archive of this EPUB (optional).
 * @returns
 *   The EPUB's bytes, and the archive to hand to the next build.
 */
export async function packArchive(
  recorded: EntryRecorder,
  date: Date,
  previous?: PackedArchive | undefined
): Promise<{bytes: Uint8Array; packed: PackedArchive}> {
  const entries: Array<[string, Uint8Array]> = []
  const given = new Map<string, string | Uint8Array | ArrayBuffer>()

  for (const [name, data] of recorded.files) {
    const value = await data
    // The same text as last time (compared as strings, not encoded again),
    // or the same bytes: the same encoded entry.
    const known = previous?.given.get(name) === value ? previous.contents.get(name) : undefined
    entries.push([name, known ?? toBytes(value)])
    given.set(name, value)
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
      compression: name === 'mimetype' ? 'STORE' : 'DEFLATE',
      // Why: an embedded font is compact already (CFF outlines): level 1
      // takes a quarter of level 9's time on it for 1% more bytes.
      compressionOptions: name.startsWith(fontFolder) ? {level: 1} : null
    })
  }

  const bytes = await target.generateAsync({
    type: 'uint8array',
    mimeType: 'application/epub+zip',
    compression: 'DEFLATE',
    // Level 6, zlib's default: level 9 takes half as long again for 0.2 %
    // smaller books.
    compressionOptions: {level: 6}
  })

  return {
    bytes,
    packed: {date: date.getTime(), names, contents: new Map(entries), given, zip: await JSZip.loadAsync(bytes)}
  }
}

/** Bytes of an entry (strings as UTF-8). */
function toBytes(data: string | Uint8Array | ArrayBuffer): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data) : data instanceof Uint8Array ? data : new Uint8Array(data)
}

/** Whether two byte arrays are equal. */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === b) return true
  return a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}
