/**
 * Progress of a build on a terminal: the chapters processed per edition on
 * one line that is rewritten, then a line for each edition made in each
 * format, then the files written. Nothing for a build that ends within a
 * second (its summary says enough), and nothing when the stream is not a
 * terminal (a log or a pipe wants the messages only).
 */
import type {BuildProgress} from '../build/build.js'
import type {EditionId} from '../core/model.js'

/** Where progress is written: `process.stderr`, or a stand-in in tests. */
export interface ProgressStream {
  /** Whether the stream is a terminal. */
  isTTY?: boolean | undefined
  /** Write text. */
  write(text: string): unknown
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** Milliseconds before anything is shown (optional, default: `1000`). */
  delay?: number | undefined
}

/** A progress display. */
export interface Progress {
  /** Take a step of the build (`BuildOptions.onProgress`). */
  update(event: BuildProgress): undefined
  /** End the display: clear the line being rewritten, stop the timer. */
  stop(): undefined
}

/** Erase the current line of a terminal and go back to its start. */
const eraseLine = '\r\u001B[K'

/**
 * Make a progress display.
 *
 * @param stream
 *   Stream to write to; nothing is written unless it is a terminal.
 * @param options
 *   Options (optional).
 * @returns
 *   The display.
 */
export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  const chapters = new Map<EditionId, {done: number; total: number}>()
  /** Lines of finished steps not yet shown (before the delay). */
  const pending: string[] = []
  let status = ''
  let shown = false
  let timer: ReturnType<typeof setTimeout> | undefined

  if (!stream.isTTY) return {update: () => undefined, stop: () => undefined}
  const delay = options.delay ?? 1000
  if (delay <= 0) show()
  else {
    timer = setTimeout(show, delay)
    // A display never keeps a finished build alive.
    timer.unref?.()
  }

  return {
    update(event) {
      if (event.kind === 'stages') return
      if (event.kind === 'chapters') {
        chapters.set(event.edition, {done: event.done, total: event.total})
        status = `processing chapters: ${[...chapters].map(([id, count]) => `${id} ${count.done}/${count.total}`).join(', ')}`
        if (shown) stream.write(eraseLine + status)
        return
      }

      status = ''
      line(event.kind === 'rendered' ? `${event.edition}: ${event.format} made` : `wrote ${event.files} files`)
      return undefined
    },
    stop() {
      if (timer) clearTimeout(timer)
      if (shown && status) stream.write(eraseLine)
      return undefined
    }
  }

  /** Start showing: what happened so far, then the current step. */
  function show(): undefined {
    shown = true
    for (const text of pending.splice(0)) stream.write(`${text}\n`)
    if (status) stream.write(status)
    return undefined
  }

  /** Show a finished step on its own line, in place of the status line. */
  function line(text: string): undefined {
    if (!shown) {
      pending.push(text)
      return undefined
    }

    stream.write(`${eraseLine}${text}\n`)
    return undefined
  }
}
