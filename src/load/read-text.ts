/**
 * Read a manuscript's text files, refusing what is not text or not its own:
 * files come from editors and scraped pages, and one linking elsewhere on the
 * machine would be published.
 */
import {readFileSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import type {BuildSession} from '../build/session.js'
import {error, type Place} from '../core/diagnostics.js'
import {findForbidden, forbiddenReason} from '../core/xml-characters.js'

/** C0 controls XML 1.0 forbids (but tab, LF, CR); a NUL means a UTF-16 or binary file. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlExpression = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/

/**
 * Texts read before (session store `load.text`), by real path, with the file's
 * identity and times. Why: decoding and checking a 2 MB book on every watch
 * build costs more than the edit. Same device, inode, size, mtime and ctime
 * (ns) means not written since; only good reads are kept. A file changed in
 * the last second is read again, as the clock is coarse (Git's "racily clean").
 */
type KnownText = {signature: string; value: string}

/** How many texts a session keeps: the files of a few large books. */
const textLimit = 4096

/** How old a file's last change must be for its text to be remembered. */
const racyMilliseconds = 1000

/**
 * Read a UTF-8 text file of the manuscript into a vfile, a BOM dropped. A file
 * not UTF-8 (M006), with a control character (M009) or a non-character (X001,
 * X002), linking outside the folder (M010) or no regular file (M013) is
 * reported on the returned file, whose `value` is then empty.
 *
 * @param root
 *   Manuscript folder (absolute).
 * @param full
 *   Absolute path of the file.
 * @param files
 *   Files read; the file is added to it.
 * @param session
 *   The build session (optional): it keeps the texts read, see `KnownText`.
 * @returns
 *   The file, or `undefined` when it does not exist.
 */
export async function readManuscriptText(
  root: string,
  full: string,
  files: VFile[],
  session?: BuildSession | undefined
): Promise<VFile | undefined> {
  let real: string
  try {
    // Why `.native`: the C library's realpath, one call, where the JS one
    // makes a call per folder of the path; every build resolves every file.
    real = realpathSync.native(full)
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw cause
  }

  const file = new VFile({path: full, value: ''})
  files.push(file)
  if (!isInside(realpathSync.native(root), real)) {
    error(
      file,
      `Unexpected link to \`${real}\`, outside the manuscript folder, expected a file inside it (it is not read)`,
      {line: 1, column: 1},
      'M010'
    )
    return file
  }

  const stat = statSync(real, {bigint: true})
  // Before any read: a FIFO blocks the read for ever, a device never ends,
  // and a folder cannot be read at all.
  if (!stat.isFile()) {
    error(
      file,
      `Unexpected ${kindOf(stat)} \`${path.relative(root, full)}\`, expected a regular file (it is not read)`,
      {line: 1, column: 1},
      'M013'
    )
    return file
  }

  const signature = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`
  const texts = session?.keyed<KnownText>('load.text', textLimit)
  const known = texts?.peek(real)
  if (known?.signature === signature) {
    file.value = known.value
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

  const forbidden = findForbidden(value)
  if (forbidden) {
    error(file, forbiddenReason(forbidden, 'the text'), placeOfOffset(value, forbidden.index), forbidden.ruleId)
    return file
  }

  file.value = value
  // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.max does not take.
  const changed = Number((stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs) / 1_000_000n)
  if (changed < Date.now() - racyMilliseconds) texts?.set(real, {signature, value})
  else texts?.delete(real)
  return file
}

/**
 * What a file that is not a regular file is, as a message names it.
 *
 * @param stat
 *   Status of the file (`stat`, links followed).
 * @returns
 *   `folder`, `FIFO`, `device file`, `socket`.
 */
export function kindOf(stat: {isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean}): string {
  if (stat.isDirectory()) return 'folder'
  if (stat.isFIFO()) return 'FIFO'
  if (stat.isSocket()) return 'socket'
  return 'device file'
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

/** Line and column (1-based) of an offset (UTF-16 code units) in a text. */
function placeOfOffset(value: string, offset: number): Place {
  const before = value.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  return {line: before.split('\n').length, column: offset - lineStart + 1}
}
