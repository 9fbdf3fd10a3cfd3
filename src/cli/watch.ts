/**
 * `zhbook watch [DIR]`: build, serve, rebuild on change.
 */
import path from 'node:path'
import {defaultCacheDir} from '../build/cache-folder.js'
import {formatMessages} from '../core/diagnostics.js'
import {folderProblem} from '../load/project.js'
import {runClocked} from './budget.js'
import type {WatchThreadData} from './watch-thread.js'
import {runsFromSources} from '../core/package-root.js'

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
  const data: WatchThreadData = {input: dir, output: options.out, port, host: options.host, cacheDir}
  // Run from its TypeScript sources (`npm run zhbook`), there is no compiled
  // thread to start: the session runs here, its stages without a clock.
  if (runsFromSources(import.meta.url)) return watchHere(data)

  // The session runs on a thread of its own, this one keeps the stages'
  // clock (`budget.ts`): a chapter whose stages run past its budget ends the
  // session with B003, as it would fail \`zhbook build\`.
  const thread = runClocked({
    thread: new URL('./watch-thread.js', import.meta.url),
    data,
    stopped: 'zhbook: watch stopped; the last good build stays in place'
  })
  const stop = () => thread.stop()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stop)
  try {
    return await thread.done
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stop)
  }
}

/** The watch session on this thread, until the process is told to stop. */
async function watchHere(data: WatchThreadData): Promise<number> {
  const {watch} = await import('../watch/watch.js')
  let session: Awaited<ReturnType<typeof watch>>
  try {
    session = await watch(data)
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
