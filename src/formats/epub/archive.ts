/**
 * epub-gen-memory's archive, corrected: a subclass that exposes the zip and
 * refuses downloads, and the packing of its entries into a reproducible
 * archive that reuses what an earlier build compressed.
 */
import {createRequire} from 'node:module'
import {crc32} from 'node:zlib'
import {EPub} from 'epub-gen-memory'
import JSZip from 'jszip'
import pako from 'pako'

const require = createRequire(import.meta.url)

/**
 * JSZip's entry of compressed data and its compression methods.
 *
 * Why its own modules: JSZip takes an entry's compressed data only in this
 * form (it is what it makes of an entry it reads from an archive), and its
 * public API has no other way to put compressed data in an archive without
 * deflating it again. jszip is pinned in package.json.
 */
const CompressedObject = require('jszip/lib/compressedObject.js') as new (
  compressedSize: number,
  uncompressedSize: number,
  crc32: number,
  compression: unknown,
  data: Uint8Array
) => {compressedSize: number; uncompressedSize: number}
const compressions = require('jszip/lib/compressions.js') as {STORE: unknown; DEFLATE: unknown}

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
  /** Each entry as it was handed over (a string, or bytes), and as compressed. */
  entries: ReadonlyMap<string, {given: string | Uint8Array | ArrayBuffer; compressed: CompressedEntry}>
}

/** An entry compressed once, as JSZip copies it into an archive. */
type CompressedEntry = InstanceType<typeof CompressedObject>

/**
 * Write the library's documents as a reproducible, well-formed EPUB archive.
 *
 * Every file is written dated `date`, in a fixed order: `mimetype` first and
 * stored (OCF requires it), then the rest by path, deflated (pako, the
 * deflate JSZip itself uses: pure JavaScript, the same bytes on every
 * machine); no folder entries (OCF does not need them).
 *
 * Each entry is compressed here, and JSZip writes the archive around the
 * compressed data, as it does for entries it read from an archive. Given
 * the archive of the previous build of the same EPUB, an entry handed over
 * as the same text or bytes keeps its compressed data: deflating every
 * chapter is most of the cost of packaging a book, and an edit changes one.
 * The bytes are the same as without `previous`.
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
  const names = [...recorded.files.keys()].sort((a, b) =>
    a === 'mimetype' ? -1 : b === 'mimetype' ? 1 : a < b ? -1 : a > b ? 1 : 0
  )
  const known = previous?.date === date.getTime() ? previous.entries : undefined
  const entries = new Map<string, {given: string | Uint8Array | ArrayBuffer; compressed: CompressedEntry}>()
  const zip = new JSZip()

  for (const name of names) {
    const given = await recorded.files.get(name)!
    const before = known?.get(name)
    const compressed = before && sameData(before.given, given) ? before.compressed : compress(name, toBytes(given))
    entries.set(name, {given, compressed})
    // The compression named here is the one the data is in: JSZip copies it.
    zip.file(name, compressed as never, {
      binary: true,
      createFolders: false,
      date,
      compression: name === 'mimetype' ? 'STORE' : 'DEFLATE'
    })
  }

  const bytes = await zip.generateAsync({type: 'uint8array', mimeType: 'application/epub+zip'})
  return {bytes, packed: {date: date.getTime(), entries}}
}

/**
 * Compress an entry: `mimetype` stored, an embedded font at level 1, the
 * rest at level 6.
 *
 * Why these levels: an embedded font is compact already (CFF outlines), and
 * level 1 takes a quarter of level 9's time on it for 1% more bytes; level 6
 * is zlib's default, and level 9 takes half as long again for 0.2 % smaller
 * books.
 */
function compress(name: string, data: Uint8Array): CompressedEntry {
  const crc = crc32(data)
  if (name === 'mimetype') return new CompressedObject(data.length, data.length, crc, compressions.STORE, data)
  const deflated = pako.deflateRaw(data, {level: name.startsWith(fontFolder) ? 1 : 6})
  return new CompressedObject(deflated.length, data.length, crc, compressions.DEFLATE, deflated)
}

/** Whether two entries as handed over are the same text or bytes. */
function sameData(a: string | Uint8Array | ArrayBuffer, b: string | Uint8Array | ArrayBuffer): boolean {
  if (a === b) return true
  if (typeof a === 'string' || typeof b === 'string') return false
  const left = toBytes(a)
  return Buffer.from(left.buffer, left.byteOffset, left.byteLength).equals(toBytes(b))
}

/** Bytes of an entry (strings as UTF-8). */
function toBytes(data: string | Uint8Array | ArrayBuffer): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data) : data instanceof Uint8Array ? data : new Uint8Array(data)
}
