/**
 * Which folders zhbook writes into: one that was new or empty on the first
 * write, then carries a marker (`.zhbook-output`) listing the top-level entries
 * zhbook made. A build replaces only those and leaves anything else alone; a
 * folder with other files, or holding or inside the manuscript, is refused.
 */
import {lstatSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {RuleId} from '../core/diagnostics.js'
import {isInside} from '../load/read-text.js'

/** Name of the marker file in an output folder. */
export const markerName = '.zhbook-output'

/** What the marker says before its list of entries. */
const explanation = [
  '# This folder is written by zhbook (`zhbook build`, `zhbook watch`).',
  '# Each build replaces the entries listed below, and removes those it no',
  '# longer makes; anything else here is left alone. Delete this file and',
  '# zhbook will not write here again unless the folder is empty.',
  ''
]

/** Entries that do not make a folder someone's: they are left alone. */
const ignorable: readonly string[] = ['.gitkeep', '.DS_Store', 'Thumbs.db']

/** Why a folder cannot be written or cleaned. */
export interface FolderProblem {
  /** Rule id. */
  ruleId: RuleId
  /** The folder or entry concerned (absolute). */
  path: string
  /** What went wrong and how to proceed, phrased "Unexpected X, expected Y". */
  reason: string
}

/** An output folder zhbook may write into. */
export interface OutputClaim {
  /** The folder (absolute). */
  out: string
  /** The top-level entries zhbook made there, as its marker lists them. */
  owned: Set<string>
}

/**
 * Check that zhbook may write into an output folder.
 *
 * @param out
 *   Output folder.
 * @param input
 *   Manuscript folder.
 * @param cwd
 *   Current folder (default: `process.cwd()`).
 * @returns
 *   The claim, or why the folder is refused.
 */
export function claimOutput(
  out: string,
  input: string,
  cwd: string = process.cwd()
): OutputClaim | {problem: FolderProblem} {
  out = path.resolve(out)
  const realOut = realish(out)
  const realInput = realish(path.resolve(input))
  const shown = display(out, cwd)

  if (isInside(realInput, realOut)) {
    return refuse(
      'W001',
      out,
      `Unexpected output folder \`${shown}\` inside the manuscript folder \`${display(input, cwd)}\`, expected a folder outside it (pass another \`--out\`)`
    )
  }

  if (isInside(realOut, realInput)) {
    return refuse(
      'W002',
      out,
      `Unexpected manuscript folder \`${display(input, cwd)}\` inside the output folder \`${shown}\`, expected an output folder that does not hold the manuscript (pass another \`--out\`)`
    )
  }

  let stat: ReturnType<typeof lstatSync>
  try {
    stat = lstatSync(out, {throwIfNoEntry: false})
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOTDIR') throw cause
    return refuse(
      'W006',
      out,
      `Unexpected file in the path of the output folder \`${shown}\`, expected folders (pass another \`--out\`)`
    )
  }

  if (!stat) return {out, owned: new Set()}
  if (!stat.isDirectory()) {
    return refuse(
      'W006',
      out,
      `Unexpected ${stat.isSymbolicLink() ? 'symbolic link' : 'file'} \`${shown}\`, expected an output folder (pass another \`--out\`)`
    )
  }

  const owned = readMarker(out)
  const names = readdirSync(out)
  const foreign = names.filter(
    (name) => !ignorable.includes(name) && name !== markerName && !isOwnName(name) && !owned?.has(name)
  )

  if (foreign.length > 0 && realOut === realish(path.resolve(cwd))) {
    return refuse(
      'W003',
      out,
      `Unexpected output folder \`.\`, the current folder, which holds ${quoteList(foreign)}, expected a folder of its own (pass \`--out output\`)`
    )
  }

  if (!owned) {
    if (foreign.length === 0) return {out, owned: new Set()}
    return refuse(
      'W004',
      out,
      `Unexpected ${quoteList(foreign)} in the output folder \`${shown}\`, which zhbook did not write (it has no \`${markerName}\`), expected an empty folder (empty it, or pass another \`--out\`)`
    )
  }

  return {out, owned}
}

/**
 * Check that a build may put its entries in place: each one that exists is
 * zhbook's.
 *
 * @param claim
 *   The output folder's claim.
 * @param tops
 *   Top-level entries the build writes.
 * @returns
 *   Why it may not, or `undefined`.
 */
export function checkEntries(claim: OutputClaim, tops: Iterable<string>): FolderProblem | undefined {
  for (const top of tops) {
    const full = path.join(claim.out, top)
    if (!claim.owned.has(top) && lstatSync(full, {throwIfNoEntry: false})) {
      return {
        ruleId: 'W005',
        path: full,
        reason: `Unexpected \`${top}\` in the output folder, which zhbook did not write (\`${markerName}\` does not list it), expected zhbook's own entry (move it away, or pass another \`--out\`)`
      }
    }
  }

  return undefined
}

/**
 * Write the marker of an output folder, before the entries are put in place
 * (so a build that stops midway leaves them listed).
 *
 * @param out
 *   Output folder (absolute, existing).
 * @param entries
 *   Top-level entries zhbook made there.
 * @returns
 *   Nothing.
 */
export function writeMarker(out: string, entries: Iterable<string>): undefined {
  const sorted = [...new Set(entries)].sort()
  const text = [...explanation, ...sorted, ''].join('\n')
  const file = path.join(out, markerName)
  if (readText(file) === text) return
  const temporary = `${file}.${process.pid}`
  writeFileSync(temporary, text)
  renameSync(temporary, file)
}

/**
 * The entries an output folder's marker lists.
 *
 * @param out
 *   Output folder.
 * @returns
 *   Entries, or `undefined` when the folder has no marker.
 */
export function readMarker(out: string): Set<string> | undefined {
  const text = readText(path.join(out, markerName))
  if (text === undefined) return undefined

  const entries = new Set<string>()
  for (const line of text.split('\n')) {
    const name = line.trim()
    // A name that is a path is not an entry zhbook makes: never trusted.
    if (name && !name.startsWith('#') && !/[/\\]/.test(name) && name !== '.' && name !== '..') entries.add(name)
  }

  return entries
}

/** Whether an entry is one zhbook keeps in a folder of its own (staging). */
export function isOwnName(name: string): boolean {
  return name.startsWith('.zhbook-staging-')
}

/** The real path of a path that may not exist yet (its nearest existing folder resolved). */
function realish(full: string): string {
  const rest: string[] = []
  let current = full
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...rest.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return full
      rest.push(path.basename(current))
      current = parent
    }
  }
}

/** A file's text, or `undefined` when it cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** A path as the user sees it: relative to the current folder. */
function display(full: string, cwd: string): string {
  return path.relative(cwd, path.resolve(full)) || '.'
}

/** A few names, quoted. */
function quoteList(names: string[]): string {
  const shown = names
    .sort()
    .slice(0, 3)
    .map((name) => `\`${name}\``)
  return shown.join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '')
}

/** A refusal. */
function refuse(ruleId: RuleId, full: string, reason: string): {problem: FolderProblem} {
  return {problem: {ruleId, path: full, reason}}
}
