/**
 * `zhbook watch [DIR]`: build, serve, rebuild on change.
 */
import path from 'node:path'
import {defaultCacheDir} from '../build/cache-folder.js'
import {formatMessages} from '../core/diagnostics.js'
import {folderProblem} from '../load/project.js'
import {watch} from '../watch/watch.js'

/**
 * Run the watch command; resolves when the process is told to stop.
 *
 * @param dir
 *   Manuscript folder.
 * @param options
 *   Command options.
 * @returns
 *   Exit code.
 */
export async function watchCommand(
  dir: string,
  options: {out: string; port: string; host: string; cache?: string | undefined}
): Promise<number> {
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`zhbook: unexpected port \`${options.port}\`, expected a number from 0 to 65535`)
    return 2
  }

  // A folder that is not there (or is a file) is no book to wait for.
  const problem = folderProblem(path.resolve(dir), dir)
  if (problem) {
    for (const line of formatMessages([problem])) console.error(line)
    return 1
  }

  const cacheDir = options.cache ?? defaultCacheDir(dir)
  let session: Awaited<ReturnType<typeof watch>>
  try {
    session = await watch({input: dir, output: options.out, port, host: options.host, cacheDir})
  } catch (cause) {
    console.error(`zhbook: ${cause instanceof Error ? cause.message : String(cause)}`)
    return 1
  }

  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve())
  })
  await session.close()
  return 0
}
