/**
 * Read a text file of the manuscript (a chapter, `book.yaml`, a dictionary, a
 * PO file) into a vfile, refusing what is not text or not the manuscript's.
 *
 * Manuscripts come from editors, translators and scraped pages: a file can be
 * UTF-16 or binary (NUL bytes), carry control characters that no XML document
 * may hold, or be a symbolic link to a file elsewhere on the machine (which a
 * build would otherwise publish). Each is reported with its place and a rule
 * id; such a file is never read into a book.
 */
import {readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {error, type Place} from '../diagnostics.js'

/**
 * Characters no XML 1.0 document may hold (C0 controls but tab, line feed
 * and carriage return); a NUL is the sign of a UTF-16 or binary file.
 */
const controlExpression = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/

/**
 * Read a UTF-8 text file of the manuscript into a vfile.
 *
 * A BOM is dropped (it is not text). A file that is not UTF-8 (M006), holds
 * a control character (M009) or leads outside the manuscript folder through a
 * symbolic link (M010) is reported on the returned file, whose `value` is
 * then empty.
 *
 * @param root
 *   Manuscript folder (absolute).
 * @param full
 *   Absolute path of the file.
 * @param files
 *   Files read; the file is added to it.
 * @returns
 *   The file, or `undefined` when it does not exist.
 */
export async function readManuscriptText(
  root: string,
  full: string,
  files: VFile[]
): Promise<VFile | undefined> {
  let real: string
  try {
    real = realpathSync(full)
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw cause
  }

  const file = new VFile({path: full, value: ''})
  files.push(file)
  if (!isInside(realpathSync(root), real)) {
    error(
      file,
      `Unexpected link to \`${real}\`, outside the manuscript folder, expected a file inside it (it is not read)`,
      {line: 1, column: 1},
      'M010'
    )
    return file
  }

  // Why sync: a book is hundreds of small files, read on every build of a
  // watch session, and a promise-based read costs several times a sync one.
  const buffer = readFileSync(real)
  let value: string
  try {
    // `ignoreBOM: false` drops a BOM, so the first heading still parses.
    value = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(buffer)
  } catch {
    error(file, 'Unexpected encoding, expected UTF-8 text', {line: 1, column: 1}, 'M006')
    return file
  }

  const control = controlExpression.exec(value)
  if (control) {
    const code = control[0].charCodeAt(0)
    const reason =
      code === 0
        ? 'Unexpected NUL byte, expected text (is the file UTF-16 or binary?)'
        : `Unexpected control character U+${code.toString(16).toUpperCase().padStart(4, '0')}, expected text`
    error(file, reason, placeOfOffset(value, control.index), 'M009')
    return file
  }

  file.value = value
  return file
}

/**
 * Whether a path is inside a folder (both absolute, both real paths).
 *
 * @param folder
 *   Folder.
 * @param full
 *   Path.
 * @returns
 *   Whether `full` is `folder` or below it.
 */
export function isInside(folder: string, full: string): boolean {
  const relative = path.relative(folder, full)
  return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative))
}

/**
 * Line and column (1-based) of an offset in a text.
 *
 * @param value
 *   Text.
 * @param offset
 *   Offset (UTF-16 code units).
 * @returns
 *   Place.
 */
function placeOfOffset(value: string, offset: number): Place {
  const before = value.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  return {line: before.split('\n').length, column: offset - lineStart + 1}
}
