/**
 * `zhbook build` with its time budget over the stages too: the build runs on
 * a thread of its own, and this thread keeps the clock. A chapter's stages
 * run on the build's thread, in one go, where no timer of its own can fire;
 * a chapter still in its stages past `limits.chapterSeconds` stops the build
 * here (B003), before anything is written. (Its reading has its own threads
 * and budget, B001.)
 */
import type {BuildCommandOptions} from './build.js'
import {runClocked} from './budget.js'
import type {BuildThreadData} from './build-thread.js'
import {createProgress} from './progress.js'
import {runsFromSources} from '../core/package-root.js'

/**
 * Run the build command on a thread, under the chapters' time budget.
 *
 * @param dir
 *   Manuscript folder.
 * @param options
 *   Command options.
 * @param thread
 *   The build thread's module (optional, default: `build-thread.js` beside
 *   this one).
 * @returns
 *   Exit code: 0 on success, 1 on errors in the book or a chapter past its
 *   budget.
 */
export async function buildWithBudget(
  dir: string,
  options: BuildCommandOptions,
  thread?: URL | undefined
): Promise<number> {
  // Run from its TypeScript sources (`npm run zhbook`), there is no compiled
  // thread to start: the build runs here, its stages without a clock.
  // (The build's modules load on its thread only: this one keeps the clock.)
  if (!thread && runsFromSources(import.meta.url)) {
    const {buildCommand} = await import('./build.js')
    return buildCommand(dir, options)
  }

  const {progress, onProgress, ...rest} = options
  const display = rest.quiet || !progress ? undefined : createProgress(progress)
  const data: BuildThreadData = {dir, options: rest}
  const build = runClocked({
    thread: thread ?? new URL('./build-thread.js', import.meta.url),
    data,
    onProgress(event) {
      onProgress?.(event)
      if (event.kind !== 'stages') display?.update(event)
      return undefined
    },
    stopped: `zhbook: build failed; nothing was written to ${options.out}`,
    onEnd: display?.stop
  })
  return build.done
}
