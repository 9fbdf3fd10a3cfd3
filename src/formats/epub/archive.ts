/**
 * The one step that makes epub-gen-memory's archive reproducible: read the zip it generated back
 * with JSZip's public API and write it again.
 *
 * Why: the library dates every zip entry "now" and adds entries (and folder entries) in the order
 * it makes them, so two runs on the same input give different bytes. Its documents themselves are
 * reproducible (the templates, `templates.ts`, write no clock or random value). Rewriting the
 * archive is also where resources the library cannot take from memory are added (the font subset,
 * made from the library's documents: `font.ts`).
 */
import JSZip from 'jszip'

/** Path of the entry OCF wants first, stored. */
const mimetypePath = 'mimetype'

/** Folder of embedded fonts in the archive (`font.ts`). */
const fontFolder = 'OEBPS/fonts/'

/** The files of an archive, by path. */
export type Entries = Map<string, Uint8Array>

/**
 * Read the files of a zip archive (folder entries left out).
 *
 * @param bytes
 *   The archive (a Node buffer reads fastest).
 * @returns
 *   Its files, by path.
 */
export async function readEntries(bytes: Uint8Array): Promise<Entries> {
  const zip = await JSZip.loadAsync(bytes)
  const entries: Entries = new Map()

  for (const file of Object.values(zip.files)) {
    if (file.dir) continue
    // Why through a buffer: JSZip converts between its `nodebuffer` and `uint8array` types byte by
    // byte; a view of the buffer costs nothing.
    const data = await file.async('nodebuffer')
    entries.set(file.name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  }

  return entries
}

/**
 * Write files as a reproducible, well-formed EPUB archive.
 *
 * Every file is dated `date`, in a fixed order: `mimetype` first and stored (OCF requires it), then
 * the rest by path, deflated; no folder entries (OCF does not need them). JSZip deflates with pako:
 * pure JavaScript, the same bytes on every machine.
 *
 * Why these levels: an embedded font is compact already (CFF outlines), and level 1 takes a quarter
 * of level 9's time on it for 1% more bytes; level 6 is zlib's default, and level 9 takes half as
 * long again for 0.2% smaller books.
 *
 * @param entries
 *   Files by path; must hold `mimetype`.
 * @param date
 *   Date of every entry.
 * @returns
 *   The EPUB's bytes.
 */
export async function writeEpub(entries: ReadonlyMap<string, Uint8Array>, date: Date): Promise<Uint8Array> {
  if (!entries.has(mimetypePath)) throw new Error('Unexpected archive without `mimetype`, expected one')
  const names = [...entries.keys()].sort((a, b) =>
    a === mimetypePath ? -1 : b === mimetypePath ? 1 : a < b ? -1 : a > b ? 1 : 0
  )
  const zip = new JSZip()

  for (const name of names) {
    const stored = name === mimetypePath
    zip.file(name, entries.get(name)!, {
      binary: true,
      createFolders: false,
      date,
      compression: stored ? 'STORE' : 'DEFLATE',
      compressionOptions: stored ? null : {level: name.startsWith(fontFolder) ? 1 : 6}
    })
  }

  return zip.generateAsync({type: 'uint8array', mimeType: 'application/epub+zip'})
}
