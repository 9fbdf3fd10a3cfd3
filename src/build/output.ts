/**
 * Write a build's files so that a failed or interrupted build never leaves a
 * half-written edition, and an unchanged file is not rewritten: files are laid
 * out in a staging folder (unchanged ones hard-linked), then each changed
 * top-level entry is swapped in by rename.
 */
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {OutputFile} from '../core/model.js'

/** Prefix of the staging folders inside the output folder. */
const stagingPrefix = '.zhbook-staging-'

/** What a write did. */
export interface WriteReport {
  /** Top-level entries replaced (absolute paths). */
  replaced: string[]
  /** Files whose bytes changed or that are new (relative paths). */
  written: string[]
  /** Files left as they were (relative paths). */
  unchanged: string[]
}

/**
 * Write files into `out`; a top-level folder the build produces holds exactly
 * its files afterwards (no stale page survives), other entries are left alone.
 *
 * @param out
 *   Output folder (made when missing).
 * @param files
 *   Files, with POSIX paths relative to `out`.
 * @param memo
 *   What the session last wrote (optional): keeps the staging folder for the
 *   next write.
 * @returns
 *   What was written.
 */
export async function writeOutput(
  out: string,
  files: readonly OutputFile[],
  memo?: OutputMemo | undefined
): Promise<WriteReport> {
  out = path.resolve(out)
  mkdirSync(out, {recursive: true})
  const state = spareOf(memo, out)
  const spare = state?.staging
  await removeStale(out, spare)

  // A session keeps its staging folder, with the folders its last write replaced (`.spare`).
  const staging = spare ?? (await fs.mkdtemp(path.join(out, stagingPrefix)))
  const retired = path.join(staging, '.retired')
  const spares = path.join(staging, '.spare')
  const fresh = path.join(staging, 'fresh')
  const report: WriteReport = {replaced: [], written: [], unchanged: []}
  const changedTops = new Set<string>()
  const filesByTop = new Map<string, Set<string>>()
  // The session's other writes to this folder (later formats) keep their spare folders.
  const next: SpareState = {staging, files: new Map(state?.files), produced: new Map(state?.produced)}
  memo?.spares.delete(out)

  try {
    for (const file of files) {
      const parts = file.path.split('/')
      if (parts.some((part) => part === '' || part === '.' || part === '..')) {
        throw new Error(`Unexpected output path \`${file.path}\`, expected a relative path`)
      }

      const top = parts[0]!
      const set = filesByTop.get(top) ?? new Set()
      set.add(parts.join(path.sep))
      filesByTop.set(top, set)
    }

    for (const top of filesByTop.keys()) {
      next.files.delete(top)
      next.produced.delete(top)
    }

    // Why: a link and an unlink per file on every build is costly; the folder
    // replaced last time already holds most files, so it is updated in place.
    mkdirSync(fresh, {recursive: true})
    const reused = new Set<string>()
    // The files in place before this write: the next one's spare folders.
    const before = new Map<string, Map<string, Inode>>()
    for (const [top, names] of state?.produced ?? []) before.set(top, inodes(out, names, memo!))
    for (const [top, produced] of filesByTop) {
      const from = path.join(spares, top)
      if (memo && spare && isFolder(from)) {
        renameSync(from, path.join(fresh, top))
        if (prune(path.join(fresh, top), top, produced)) reused.add(top)
        else rmSync(path.join(fresh, top), {recursive: true, force: true})
      }
    }

    for (const top of filesByTop.keys()) rmSync(path.join(spares, top), {recursive: true, force: true})

    // Synchronous calls: most pages are unchanged, a few stat/link calls
    // each, and the thread pool costs several times the call itself.
    const folders = new Set(files.map((file) => path.dirname(path.join(fresh, ...file.path.split('/')))))
    for (const folder of [...folders].sort()) mkdirSync(folder, {recursive: true})

    const outcomes = files.map((file) => {
      const parts = file.path.split('/')
      const target = path.join(fresh, ...parts)
      const current = path.join(out, ...parts)
      const reusing = reused.has(parts[0]!)

      const known = knownContent(current, memo)
      if (known !== undefined && sameData(known, file.data)) {
        // The spare file may be the very file in place: nothing to do.
        if (!reusing || !sameInode(state?.files.get(parts[0]!)?.get(parts.join(path.sep)), memo!.files.get(current))) {
          place(target, () => linkSync(current, target), reusing)
        }

        if (known !== file.data) remember(current, file.data, memo)
        return 'unchanged'
      }

      const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data
      // A file the session knows holds other data needs no reading.
      if (known === undefined && sameBytes(current, data)) {
        place(target, () => linkSync(current, target), reusing)
        remember(current, file.data, memo)
        return 'unchanged'
      }

      place(target, () => writeFileSync(target, data), reusing)
      remember(target, file.data, memo, current)
      return 'written'
    })

    for (const [index, file] of files.entries()) {
      if (outcomes[index] === 'unchanged') {
        report.unchanged.push(file.path)
      } else {
        report.written.push(file.path)
        changedTops.add(file.path.split('/')[0]!)
      }
    }

    // A folder also changes when a file in it goes away.
    for (const [top, produced] of filesByTop) {
      if (changedTops.has(top)) continue
      const last = state?.produced.get(top)
      if (last && last.size === produced.size && [...produced].every((name) => last.has(name))) continue
      const existing = await listFiles(path.join(out, top), top)
      if (existing.length !== produced.size || existing.some((file) => !produced.has(file))) changedTops.add(top)
    }

    // Through `fsSync` (not a named import) so a test can stop the process at each rename.
    mkdirSync(retired, {recursive: true})
    for (const top of [...changedTops].sort()) {
      const destination = path.join(out, top)
      const source = path.join(fresh, top)
      // A folder cannot be renamed over (a file can): the old one is moved aside first.
      if (statSync(source).isFile()) {
        fsSync.renameSync(source, destination)
        report.replaced.push(destination)
        continue
      }

      try {
        fsSync.renameSync(destination, path.join(retired, top))
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause
      }

      fsSync.renameSync(source, destination)
      report.replaced.push(destination)
    }

    if (memo) {
      // The next write starts from each folder as it was before (replaced) or is (unchanged).
      mkdirSync(spares, {recursive: true})
      for (const [top, produced] of filesByTop) {
        const old = path.join(retired, top)
        const kept = path.join(fresh, top)
        const last = state?.produced.get(top)
        if (isFolder(old) && last) {
          // Files of the last write changed or dropped by this one hold old
          // text, which must not stay in the output folder.
          const spare = path.join(spares, top)
          renameSync(old, spare)
          const files = new Map(before.get(top))
          const written = new Set(report.written.filter((name) => name.split('/')[0] === top))
          for (const name of last) {
            const relative = name.split(path.sep).join('/')
            if (produced.has(name) && !written.has(relative)) continue
            rmSync(path.join(spare, path.relative(top, name)), {force: true})
            files.delete(name)
          }

          next.files.set(top, files)
        } else if (isFolder(kept)) {
          renameSync(kept, path.join(spares, top))
          next.files.set(top, inodes(out, produced, memo))
        }

        next.produced.set(top, produced)
      }
    }
  } catch (cause) {
    // A failed write leaves the last output as it was: folders moved aside go back.
    restoreRetired(out, retired)
    rmSync(staging, {recursive: true, force: true})
    throw cause
  }

  if (memo) {
    rmSync(fresh, {recursive: true, force: true})
    rmSync(retired, {recursive: true, force: true})
    memo.spares.set(out, next)
    return report
  }

  // What is left is old files; if the process ends first, the next build removes them.
  await fs.rm(staging, {recursive: true, force: true}).catch(() => {})
  return report
}

/** Put back each entry of a `.retired` folder whose place is empty. */
function restoreRetired(out: string, retired: string): undefined {
  let names: string[] = []
  try {
    names = readdirSync(retired)
  } catch {}

  for (const name of names) {
    try {
      if (!lstatSync(path.join(out, name), {throwIfNoEntry: false})) {
        renameSync(path.join(retired, name), path.join(out, name))
      }
    } catch {}
  }
}

/** A file's identity and times, as the memo records them. */
type Inode = {ino: number; size: number; mtimeMs: number}

/** What a session keeps in an output folder for its next write. */
export interface SpareState {
  /** Its staging folder. */
  staging: string
  /** The files of each spare folder (`.spare/<top>`), by path relative to the output. */
  files: Map<string, Map<string, Inode>>
  /** The files the last write produced in each top-level folder. */
  produced: Map<string, ReadonlySet<string>>
}

function inodes(out: string, names: Iterable<string>, memo: OutputMemo): Map<string, Inode> {
  const found = new Map<string, Inode>()
  for (const name of names) {
    const known = memo.files.get(path.join(out, name))
    if (known) found.set(name, {ino: known.ino, size: known.size, mtimeMs: known.mtimeMs})
  }

  return found
}

function sameInode(a: Inode | undefined, b: Inode | undefined): boolean {
  return a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs
}

/**
 * Remove the staging folders a session kept (when it ends).
 *
 * @param memo
 *   What the session wrote.
 * @returns
 *   Nothing.
 */
export async function releaseOutput(memo: OutputMemo): Promise<undefined> {
  const states = [...memo.spares.values()]
  memo.spares.clear()
  for (const state of states) await fs.rm(state.staging, {recursive: true, force: true})
}

/** What a session keeps in an output folder, if its staging folder is still there. */
function spareOf(memo: OutputMemo | undefined, out: string): SpareState | undefined {
  const state = memo?.spares.get(out)
  return state && isFolder(state.staging) ? state : undefined
}

function isFolder(full: string): boolean {
  return lstatSync(full, {throwIfNoEntry: false})?.isDirectory() === true
}

/** Put a file in a spare folder: the old one is removed, not written over (it may be the one in place). */
function place(target: string, make: () => void, reusing: boolean): undefined {
  if (reusing) rmSync(target, {force: true})
  make()
}

/**
 * Make a spare folder hold no file this write does not produce; `false` when
 * its layout stands in the way (folder vs file) and it is better made afresh.
 */
function prune(folder: string, top: string, produced: ReadonlySet<string>): boolean {
  const folders = new Set<string>()
  for (const file of produced) {
    for (let parent = path.dirname(file); parent !== top && parent !== '.'; parent = path.dirname(parent))
      folders.add(parent)
  }

  for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
    const relative = path.join(top, path.relative(folder, path.join(entry.parentPath, entry.name)))
    if (entry.isDirectory()) {
      if (produced.has(relative)) return false
    } else if (folders.has(relative)) {
      return false
    } else if (!produced.has(relative)) {
      unlinkSync(path.join(entry.parentPath, entry.name))
    }
  }

  return true
}

function sameBytes(file: string, data: Uint8Array): boolean {
  try {
    const stat = statSync(file)
    if (!stat.isFile() || stat.size !== data.byteLength) return false
    return Buffer.compare(readFileSync(file), data) === 0
  } catch {
    return false
  }
}

/** Files below a path (or the path itself if it is a file), relative to `out`. */
async function listFiles(full: string, relative: string): Promise<string[]> {
  let stat: Awaited<ReturnType<typeof fs.stat>>
  try {
    stat = await fs.stat(full)
  } catch {
    return []
  }

  if (!stat.isDirectory()) return [relative]
  const entries = await fs.readdir(full, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.join(relative, path.relative(full, path.join(entry.parentPath, entry.name))))
}

/**
 * Put back what an interrupted write left aside and remove its staging folder.
 * Every build runs this first, a failing one too, so the previous output is
 * back even when the next build stops on an error.
 *
 * @param out
 *   Output folder (nothing happens when it does not exist).
 * @param memo
 *   What the session last wrote (optional): its own staging folder stays.
 * @returns
 *   Nothing.
 */
export async function recoverOutput(out: string, memo?: OutputMemo | undefined): Promise<undefined> {
  try {
    await removeStale(path.resolve(out), spareOf(memo, path.resolve(out))?.staging)
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause
  }
}

/** Remove staging folders an interrupted build left, putting back retired entries not replaced. */
async function removeStale(out: string, keep?: string | undefined) {
  for (const name of readdirSync(out)) {
    if (!name.startsWith(stagingPrefix) || path.join(out, name) === keep) continue
    const retired = path.join(out, name, '.retired')
    let entries: string[] = []
    try {
      entries = await fs.readdir(retired)
    } catch {}

    for (const entry of entries) {
      try {
        await fs.access(path.join(out, entry))
      } catch {
        await fs.rename(path.join(retired, entry), path.join(out, entry))
      }
    }

    await fs.rm(path.join(out, name), {recursive: true, force: true})
  }
}

/**
 * What a session keeps of its writes (on `BuildSession.output`); dies with it.
 * `files`: data last written by path and the file it became, so an unchanged
 * file is known without reading it (a file changed since is read again).
 * `spares`: by output folder, the staging folder reused by the next write;
 * removed by `releaseOutput`.
 */
export class OutputMemo {
  /** What the session last wrote, by absolute path. */
  readonly files = new Map<string, {data: string | Uint8Array; size: number; mtimeMs: number; ino: number}>()
  /** What the session keeps in each output folder for its next write. */
  readonly spares = new Map<string, SpareState>()
  /**
   * EPUB XML documents that parsed (`verifyOutputs`), for a next build not to
   * parse them again; cleared past a few books' worth. Kept only by a session
   * that builds again: a single build's would hold every document it wrote.
   */
  readonly parsed: Set<string> | undefined

  /**
   * @param rebuilds
   *   Whether the session builds again (optional, default: `true`).
   */
  constructor(rebuilds = true) {
    this.parsed = rebuilds ? new Set() : undefined
  }
}

/** What a file is known to hold, if not touched since the session wrote or checked it. */
function knownContent(file: string, memo: OutputMemo | undefined): string | Uint8Array | undefined {
  const known = memo?.files.get(file)
  if (!known) return undefined
  try {
    const stat = statSync(file)
    if (stat.isFile() && stat.size === known.size && stat.mtimeMs === known.mtimeMs && stat.ino === known.ino) {
      return known.data
    }
  } catch {}

  return undefined
}

/** Whether two data are the same bytes (strings as UTF-8, not encoded when both are). */
function sameData(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (a === b) return true
  if (typeof a === 'string' && typeof b === 'string') return false
  const bytes = (data: string | Uint8Array) =>
    typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return bytes(a).equals(bytes(b))
}

/** Record what a file holds; `final` is where it will be once moved into place. */
function remember(file: string, data: string | Uint8Array, memo: OutputMemo | undefined, final = file): undefined {
  if (!memo) return
  // A rename keeps the inode and times: the staged file's stat is the final one's.
  const stat = statSync(file)
  memo.files.set(final, {data, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino})
}
