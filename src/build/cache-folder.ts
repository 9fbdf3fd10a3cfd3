/**
 * The folder of a book's caches: `.zhbook-cache` in the manuscript folder
 * unless `--cache` names another. Not the current folder (the cache belongs to
 * one book wherever the command runs), not the output folder (it is published,
 * and the cache holds text of deleted chapters). Hidden: never a chapter, not
 * watched. Tagged with `CACHEDIR.TAG` (https://bford.info/cachedir/): backup
 * tools skip it, `zhbook clean` needs it.
 */
import {lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {FolderProblem} from './ownership.js'

/** Name of the cache folder in the manuscript folder. */
export const cacheName = '.zhbook-cache'

/** Name of the tag file. */
const tagName = 'CACHEDIR.TAG'

/** What the tag says: the signature the convention requires, then who made it. */
const tag = [
  'Signature: 8a477f597d28d172789f06886806bc55',
  '# This file is a cache directory tag created by zhbook.',
  '# `zhbook clean` removes this folder; the next build makes it again.',
  '# For information about cache directory tags, see https://bford.info/cachedir/',
  ''
].join('\n')

/**
 * The default cache folder of a manuscript.
 *
 * @param input
 *   Manuscript folder.
 * @returns
 *   Cache folder.
 */
export function defaultCacheDir(input: string): string {
  return path.join(input, cacheName)
}

/**
 * Make sure a folder is zhbook's cache: made and tagged when new or empty.
 *
 * @param dir
 *   Cache folder.
 * @returns
 *   Why it cannot be used, or `undefined`.
 */
export function claimCache(dir: string): FolderProblem | undefined {
  dir = path.resolve(dir)
  const stat = lstatSync(dir, {throwIfNoEntry: false})
  if (stat && !stat.isDirectory()) {
    return {
      ruleId: 'W009',
      path: dir,
      reason: `Unexpected file \`${dir}\`, expected a cache folder (pass another \`--cache\`, or \`--no-cache\`)`
    }
  }

  if (stat && isCache(dir)) return undefined
  if (stat && readdirSync(dir).length > 0) {
    return {
      ruleId: 'W009',
      path: dir,
      reason: `Unexpected files in the cache folder \`${dir}\`, which has no \`${tagName}\` of zhbook's, expected an empty or new folder (pass another \`--cache\`)`
    }
  }

  try {
    mkdirSync(dir, {recursive: true})
    writeFileSync(path.join(dir, tagName), tag)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause)
    return {
      ruleId: 'W009',
      path: dir,
      reason: `Unexpected failure to make the cache folder \`${dir}\` (${code}), expected a folder zhbook can write (pass another \`--cache\`, or \`--no-cache\`)`
    }
  }

  return undefined
}

/**
 * Whether a folder carries zhbook's cache tag.
 *
 * @param dir
 *   Folder.
 * @returns
 *   Whether it is zhbook's cache.
 */
export function isCache(dir: string): boolean {
  try {
    return readFileSync(path.join(dir, tagName), 'utf8') === tag
  } catch {
    return false
  }
}
