/**
 * Write a build's files so that a failed or interrupted build never leaves a
 * half-written or missing edition: everything is written to a staging folder
 * first, then each top-level entry is swapped into place by rename.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {OutputFile} from './model.js'

/** Prefix of the staging folders inside the output folder. */
const stagingPrefix = '.zhbook-staging-'

/**
 * Write files into `out`, replacing the entries they belong to.
 *
 * Top-level entries the build does not produce (a `.gitkeep`, an old edition)
 * are left alone; a top-level folder it produces (`web/`, `reports/`) is
 * replaced whole, so no stale page survives a renamed chapter.
 *
 * @param out
 *   Output folder (made when missing).
 * @param files
 *   Files, with POSIX paths relative to `out`.
 * @returns
 *   Absolute paths of the top-level entries written.
 */
export async function writeOutput(out: string, files: readonly OutputFile[]): Promise<string[]> {
  out = path.resolve(out)
  await fs.mkdir(out, {recursive: true})
  await removeStale(out)

  const staging = await fs.mkdtemp(path.join(out, stagingPrefix))
  const retired = path.join(staging, '.retired')
  const fresh = path.join(staging, 'fresh')
  const tops = new Set<string>()

  try {
    for (const file of files) {
      const parts = file.path.split('/')
      if (parts.some((part) => part === '' || part === '.' || part === '..')) {
        throw new Error(`Unexpected output path \`${file.path}\`, expected a relative path`)
      }

      tops.add(parts[0]!)
      const target = path.join(fresh, ...parts)
      await fs.mkdir(path.dirname(target), {recursive: true})
      await fs.writeFile(target, file.data)
    }

    await fs.mkdir(retired)
    for (const top of [...tops].sort()) {
      const destination = path.join(out, top)
      try {
        await fs.rename(destination, path.join(retired, top))
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause
      }

      await fs.rename(path.join(fresh, top), destination)
    }
  } finally {
    await fs.rm(staging, {recursive: true, force: true})
  }

  return [...tops].sort().map((top) => path.join(out, top))
}

/**
 * Remove staging folders an interrupted build left behind, first putting back
 * any retired entry whose replacement never arrived.
 */
async function removeStale(out: string) {
  for (const name of await fs.readdir(out)) {
    if (!name.startsWith(stagingPrefix)) continue
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
