/**
 * The watch command on a thread of its own (`watch.ts` starts it): its lines
 * and its builds' stages go to the command's thread, which keeps the clock;
 * it closes when asked (`{type: 'stop'}`) and answers with its exit code.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {watch, type WatchOptions} from '../watch/watch.js'
import type {ThreadMessage, ThreadRequest} from './budget.js'

/** What the thread is given. */
export type WatchThreadData = Pick<WatchOptions, 'input' | 'output' | 'port' | 'host' | 'cacheDir'>

const port = parentPort
if (port) {
  const post = (message: ThreadMessage) => port.postMessage(message)
  let session: Awaited<ReturnType<typeof watch>> | undefined
  try {
    session = await watch({
      ...(workerData as WatchThreadData),
      log(line) {
        post({type: 'out', line})
      },
      onProgress(event) {
        if (event.kind === 'stages') post({type: 'progress', event})
        return undefined
      }
    })
  } catch (cause) {
    post({type: 'err', line: `zhbook: ${cause instanceof Error ? cause.message : String(cause)}`})
    post({type: 'exit', code: 1})
  }

  const running = session
  if (running) {
    port.on('message', (request: ThreadRequest) => {
      if (request.type !== 'stop') return
      void running.close().then(() => post({type: 'exit', code: 0}))
    })
  }
}
