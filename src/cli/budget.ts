/**
 * A command run on a thread of its own while this thread keeps the clock: a
 * chapter's stages run on the build's thread, in one go, where no timer of
 * its own can fire. A chapter still in its stages past `limits.chapterSeconds`
 * stops the thread here (B003). (Its reading has threads and a budget of its
 * own, B001.)
 */
import {Worker} from 'node:worker_threads'
import {VFile} from 'vfile'
import type {BuildProgress} from '../build/build.js'
import {error, formatMessages} from '../core/diagnostics.js'

/** What a command's thread tells this one. */
export type ThreadMessage =
  | {type: 'out' | 'err'; line: string}
  | {type: 'progress'; event: BuildProgress}
  | {type: 'exit'; code: number}

/** What this thread tells a command's thread. */
export type ThreadRequest = {type: 'stop'}

/** A command running on its thread. */
export interface ClockedThread {
  /** Exit code: the command's, or 1 when a chapter ran past its budget. */
  readonly done: Promise<number>
  /** Ask the command to end (it answers with its exit code). */
  stop(): undefined
}

/** Options of `runClocked`. */
export interface ClockedOptions {
  /** Module of the command's thread. */
  thread: URL
  /** What the thread is given (`workerData`). */
  data: unknown
  /** Each step of a build the thread runs (optional). */
  onProgress?: ((event: BuildProgress) => undefined) | undefined
  /** What to say after the message of a chapter past its budget. */
  stopped: string
  /** Called once the command ends, before anything more is printed (optional). */
  onEnd?: (() => undefined) | undefined
}

/**
 * Run a command on its thread, under the chapters' time budget.
 *
 * @param options
 *   Options.
 * @returns
 *   The running command.
 */
export function runClocked(options: ClockedOptions): ClockedThread {
  const worker = new Worker(options.thread, {workerData: options.data})
  /** A timer for each chapter and edition in its stages. */
  const running = new Map<string, NodeJS.Timeout>()

  const done = new Promise<number>((resolve, reject) => {
    let settled = false
    const settle = (then: () => void) => {
      if (settled) return
      settled = true
      for (const timer of running.values()) clearTimeout(timer)
      options.onEnd?.()
      then()
    }

    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'exit') {
        // What the thread still holds (a server, a watcher) ends with it.
        settle(() => resolve(message.code))
        void worker.terminate()
      } else if (message.type !== 'progress') (message.type === 'out' ? console.log : console.error)(message.line)
      else {
        const event = message.event
        options.onProgress?.(event)
        if (event.kind !== 'stages') return
        const key = event.chapter + '\0' + event.edition
        clearTimeout(running.get(key))
        running.delete(key)
        if (!event.running) return
        const timer = setTimeout(() => {
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
            console.error(options.stopped)
            resolve(1)
          })
        }, event.seconds * 1000)
        running.set(key, timer)
      }
    })
    // An error thrown on the command's thread is a bug in zhbook: the command
    // reports it as one (exit 70).
    worker.on('error', (cause) => settle(() => reject(cause)))
    worker.on('exit', () =>
      settle(() => reject(new Error('Unexpected end of the command’s thread, expected its exit code')))
    )
  })

  return {
    done,
    stop() {
      worker.postMessage({type: 'stop'} satisfies ThreadRequest)
      return undefined
    }
  }
}
