/**
 * The one step that makes epub-gen-memory's archive reproducible: it dates every entry "now" and
 * adds entries in the order it makes them, so the zip is read back with JSZip's public API and
 * written again. Resources the library cannot take from memory (the font subset) are added here.
 */
import JSZip from 'jszip'

const mimetypePath = 'mimetype'

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
    // JSZip converts to `uint8array` byte by byte; a view of a buffer costs nothing.
    const data = await file.async('nodebuffer')
    entries.set(file.name, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  }

  return entries
}

/**
 * Write files as a reproducible EPUB archive: every entry dated `date`, `mimetype` first and stored
 * (OCF), the rest by path, deflated by pako (the same bytes on every machine), no folder entries.
 * Level 1 for fonts (CFF is compact: a quarter of level 9's time for 1% more), level 6 otherwise
 * (level 9 takes half as long again for 0.2%).
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
