/**
 * `zhbook build` with its time budget over the stages too: the build runs on
 * a thread of its own, and this thread keeps the clock. A chapter's stages
 * run on the build's thread, in one go, where no timer of its own can fire;
 * a chapter still in its stages past `limits.chapterSeconds` stops the build
 * here (B003), before anything is written. (Its reading has its own threads
 * and budget, B001.)
 */
import {Worker} from 'node:worker_threads'
import {VFile} from 'vfile'
import {error, formatMessages} from '../core/diagnostics.js'
import type {BuildCommandOptions} from './build.js'
import type {BuildThreadData, BuildThreadMessage} from './build-thread.js'
import {createProgress} from './progress.js'

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
  if (!thread && !import.meta.url.endsWith('.js')) {
    const {buildCommand} = await import('./build.js')
    return buildCommand(dir, options)
  }

  const {progress, onProgress, ...rest} = options
  const display = rest.quiet || !progress ? undefined : createProgress(progress)
  const data: BuildThreadData = {dir, options: rest}
  const worker = new Worker(thread ?? new URL('./build-thread.js', import.meta.url), {workerData: data})
  /** A timer for each chapter and edition in its stages. */
  const running = new Map<string, NodeJS.Timeout>()

  return new Promise<number>((resolve, reject) => {
    let settled = false
    const settle = (then: () => void) => {
      if (settled) return
      settled = true
      for (const timer of running.values()) clearTimeout(timer)
      display?.stop()
      then()
    }

    worker.on('message', (message: BuildThreadMessage) => {
      if (message.type === 'exit') settle(() => resolve(message.code))
      else if (message.type !== 'progress') (message.type === 'out' ? console.log : console.error)(message.line)
      else {
        const event = message.event
        onProgress?.(event)
        if (event.kind !== 'stages') {
          display?.update(event)
          return
        }

        const key = event.chapter + '\0' + event.edition
        clearTimeout(running.get(key))
        running.delete(key)
        if (event.running) {
          running.set(
            key,
            setTimeout(() => {
              settle(() => {
                void worker.terminate()
                const file = new VFile({path: event.chapter})
                error(
                  file,
                  `Unexpected chapter still in its ${event.edition} stages after ${event.seconds} s, expected them done within \`limits.chapterSeconds\` of book.yaml: split the chapter, or raise the limit`,
                  undefined,
                  'B003'
                )
                for (const line of formatMessages([file], undefined, {totals: true})) console.error(line)
                console.error(`zhbook: build failed; nothing was written to ${options.out}`)
                resolve(1)
              })
            }, event.seconds * 1000)
          )
        }
      }
    })
    // An error thrown on the build's thread is a bug in zhbook: the command
    // reports it as one (exit 70).
    worker.on('error', (cause) => settle(() => reject(cause)))
    worker.on('exit', () =>
      settle(() => reject(new Error('Unexpected end of the build thread, expected the build’s exit code')))
    )
  })
}
