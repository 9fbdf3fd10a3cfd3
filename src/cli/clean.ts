/**
 * `zhbook clean`: remove the caches.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {dictionaryCacheDir} from '../dictionary/cache.js'

/** Default folder of the chapter cache, in the working folder. */
export const defaultCacheDir = '.zhbook-cache'

/**
 * Run the clean command.
 *
 * @param options
 *   Command options.
 * @returns
 *   Exit code (0).
 */
export async function cleanCommand(options: {cache: string}): Promise<number> {
  for (const dir of [path.resolve(options.cache), dictionaryCacheDir()]) {
    if (!dir) continue
    await fs.rm(dir, {recursive: true, force: true})
    console.log(`Removed ${path.relative(process.cwd(), dir) || dir}`)
  }

  return 0
}
