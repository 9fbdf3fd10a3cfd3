/**
 * The build command on a thread of its own (`build-budget.ts` starts it): its
 * lines and its progress go to the command's thread as messages, in order.
 */
import {parentPort, workerData} from 'node:worker_threads'
import type {ThreadMessage} from './budget.js'
import {type BuildCommandOptions, buildCommand} from './build.js'

/** What the thread is given. */
export interface BuildThreadData {
  dir: string
  /** The command's options, but where progress is shown (the other thread's). */
  options: Omit<BuildCommandOptions, 'progress' | 'onProgress'>
}

const port = parentPort
if (port) {
  const post = (message: ThreadMessage) => port.postMessage(message)
  const {dir, options} = workerData as BuildThreadData
  const code = await buildCommand(
    dir,
    {
      ...options,
      onProgress(event) {
        post({type: 'progress', event})
        return undefined
      }
    },
    {
      out(line) {
        post({type: 'out', line})
        return undefined
      },
      err(line) {
        post({type: 'err', line})
        return undefined
      }
    }
  )
  post({type: 'exit', code})
}
