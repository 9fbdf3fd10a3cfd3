/** `zhbook clean [DIR]`: remove the caches, only what carries zhbook's mark (`CACHEDIR.TAG`, an index header). */
import fs from 'node:fs/promises'
import path from 'node:path'
import {cacheName, defaultCacheDir, isCache} from '../build/cache-folder.js'
import {folderMessage} from '../build/publish.js'
import {formatMessages} from '../core/diagnostics.js'
import {dictionaryCacheDir} from '../dictionary/cache.js'

/** First bytes of a dictionary index file (see `dictionary/cache.ts`). */
const indexMagic = 'zhbook-cedict\t'

/**
 * Run the clean command.
 *
 * @param dir
 *   Manuscript folder, whose cache is removed.
 * @param options
 *   Command options: `cache`, another cache folder (optional);
 *   `dictionary`, the folder of the dictionary index (optional, default:
 *   where builds keep it, `dictionaryCacheDir`).
 * @returns
 *   Exit code: 0, or 1 when a folder is not zhbook's cache.
 */
export async function cleanCommand(
  dir: string,
  options: {cache?: string | undefined; dictionary?: string | undefined}
): Promise<number> {
  const cache = path.resolve(options.cache ?? defaultCacheDir(dir))
  const shown = (full: string) => path.relative(process.cwd(), full) || full
  let code = 0

  if (isCache(cache)) {
    await fs.rm(cache, {recursive: true, force: true})
    console.log(`Removed ${shown(cache)}`)
  } else if (await exists(cache)) {
    const problem = folderMessage({
      ruleId: 'W008',
      path: cache,
      reason: `Unexpected folder \`${shown(cache)}\` without zhbook's cache tag (\`CACHEDIR.TAG\`), expected a \`${cacheName}\` folder zhbook made (it is not removed)`
    })
    for (const line of formatMessages([problem])) console.error(line)
    code = 1
  }

  // Dictionary index files are recognised by their header; the folder goes if then empty.
  const dictionary = options.dictionary ?? dictionaryCacheDir()
  if (dictionary) {
    const names = await fs.readdir(dictionary).catch(() => [] as string[])
    for (const name of names) {
      const full = path.join(dictionary, name)
      if (!/^cedict-.*\.tsv$/.test(name) || !(await startsWith(full, indexMagic))) continue
      await fs.rm(full, {force: true})
      console.log(`Removed ${shown(full)}`)
    }

    await fs.rmdir(dictionary).catch(() => undefined)
  }

  return code
}

/** Whether a path exists. */
async function exists(full: string): Promise<boolean> {
  return fs.lstat(full).then(
    () => true,
    () => false
  )
}

/** Whether a regular file starts with some text. */
async function startsWith(full: string, text: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined
  try {
    if (!(await fs.lstat(full)).isFile()) return false
    handle = await fs.open(full, 'r')
    const buffer = Buffer.alloc(text.length)
    await handle.read(buffer, 0, buffer.length, 0)
    return buffer.toString('utf8') === text
  } catch {
    return false
  } finally {
    await handle?.close()
  }
}
