/**
 * The last step of a build: check what it made, then write it into the
 * output folder zhbook owns (`ownership.ts`). Every failure is a message with
 * a rule id (X003, X004, W005, W007), never thrown; the last output stays.
 */
import {accessSync, constants, existsSync, mkdirSync, renameSync, rmSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import type {OutputFile} from '../core/model.js'
import {error} from '../core/diagnostics.js'
import {checkEntries, type FolderProblem, type OutputClaim, writeMarker} from './ownership.js'
import {type OutputMemo, writeOutput} from './output.js'
import {verifyOutputs} from './verify.js'

/** Error codes of a write that are the machine's state, not zhbook's bug. */
const writeErrors: Record<string, string> = {
  ENOSPC: 'full disk',
  EDQUOT: 'used-up disk quota',
  EROFS: 'read-only file system',
  EACCES: 'missing permission',
  EPERM: 'missing permission',
  ENOTDIR: 'file where a folder belongs',
  EISDIR: 'folder where a file belongs',
  EEXIST: 'entry in the way',
  EMFILE: 'number of open files',
  ENAMETOOLONG: 'path too long for the file system'
}

/** Options of `publish`. */
export interface PublishOptions {
  /** What the session last wrote (optional). */
  memo?: OutputMemo | undefined
  /** Whether this is the last write: entries the marker lists and the build no longer makes go. */
  last: boolean
  /** Top-level entries the build's other writes made (kept when `last`). */
  others?: ReadonlySet<string> | undefined
}

/** What `publish` did. */
export interface Published {
  /** Files with messages, empty when everything was written. */
  failed: VFile[]
  /** Milliseconds the read-back took (`verifyOutputs`), for benchmarks. */
  checked: number
}

/**
 * Check and write a build's files into its output folder.
 *
 * @param claim
 *   The output folder's claim (`claimOutput`); its `owned` is brought up to
 *   date.
 * @param files
 *   Files, relative to the folder.
 * @param options
 *   Options.
 * @returns
 *   What it did.
 */
export async function publish(
  claim: OutputClaim,
  files: readonly OutputFile[],
  options: PublishOptions
): Promise<Published> {
  const started = performance.now()
  const failed = await verifyOutputs(claim.out, files, options.memo)
  const checked = performance.now() - started
  if (failed.length > 0) return {failed, checked}
  const tops = new Set(files.map((file) => file.path.split('/')[0]!))
  const problem = checkEntries(claim, tops)
  if (problem) return {failed: [folderMessage(problem)], checked}

  try {
    makeFolder(claim.out)
    for (const top of tops) claim.owned.add(top)
    writeMarker(claim.out, claim.owned)
    await writeOutput(claim.out, files, options.memo)
    if (options.last) {
      const kept = new Set([...tops, ...(options.others ?? [])])
      const stale = [...claim.owned].filter((name) => !kept.has(name))
      if (stale.length > 0) {
        removeEntries(claim.out, stale)
        for (const name of stale) claim.owned.delete(name)
        writeMarker(claim.out, claim.owned)
      }
    }
  } catch (cause) {
    return {failed: [folderMessage(writeProblem(cause, claim.out))], checked}
  }

  return {failed: [], checked}
}

/**
 * What a failed file system call on an output folder means to the author:
 * a W007 for the state of the machine (a full or read-only disk, a missing
 * permission); anything else is zhbook's bug, and thrown again.
 *
 * @param cause
 *   What the call threw.
 * @param out
 *   Output folder.
 * @returns
 *   The problem.
 */
export function writeProblem(cause: unknown, out: string): FolderProblem {
  const code = (cause as NodeJS.ErrnoException).code
  if (!code || !(code in writeErrors)) throw cause
  const where = (cause as NodeJS.ErrnoException).path ?? out
  return {
    ruleId: 'W007',
    path: out,
    reason: `Unexpected ${writeErrors[code]} (${code}) at \`${where}\`, expected a folder zhbook can write (the last output is kept)`
  }
}

/**
 * A message about a folder, on a file of its own.
 *
 * @param problem
 *   The problem.
 * @returns
 *   File with the message.
 */
export function folderMessage(problem: FolderProblem): VFile {
  const file = new VFile({path: problem.path})
  error(file, problem.reason, undefined, problem.ruleId)
  return file
}

/** Make a folder and its parents; on a read-only disk `mkdirSync` says ENOENT, the nearest parent tells EROFS. */
function makeFolder(folder: string): undefined {
  let parent = folder
  while (!existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent)
  if (parent !== folder) accessSync(parent, constants.W_OK)
  mkdirSync(folder, {recursive: true})
}

/** Remove entries: all moved aside first, then deleted, so each is either in place or gone. */
function removeEntries(out: string, names: readonly string[]): undefined {
  const aside = path.join(out, `.zhbook-staging-remove-${process.pid}`)
  mkdirSync(aside, {recursive: true})
  for (const name of names) {
    try {
      renameSync(path.join(out, name), path.join(aside, name))
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause
    }
  }

  rmSync(aside, {recursive: true, force: true})
}
