/**
 * The cover thread of a build session (`cover-thread.ts`): setting a cover's text is a tenth of a
 * second of work the build's thread need not wait for, and harfbuzz's memory, which holds whole font
 * files and never shrinks, goes with the thread once its covers are drawn. The thread starts as soon
 * as the book is read (`warm`), so that it is up, its fonts read, when the first cover is asked for.
 */
import {Worker} from 'node:worker_threads'
import type {Element} from 'hast'
import type {BuildSession} from '../../build/session.js'
import {runsFromSources} from '../../core/package-root.js'
import {FaceCache} from './cover-text.js'

/**
 * Faces read on the build's own thread when there is no cover thread (zhbook run from its TypeScript
 * sources: the tests), for the process: harfbuzz frees a font's memory only when the garbage
 * collector gets to it, and never gives memory back, so faces read per session would add 50 MB a
 * build. One set of fonts, read-only once read.
 */
let sourceFaces: FaceCache | undefined

/** What the cover thread is asked: to read fonts ahead, or to draw a cover. */
export type CoverRequest =
  | {type: 'load'; fonts: readonly string[]}
  | {type: 'draw'; id: number; svg: Element; fonts: readonly string[]}

/** The cover thread's answer to a drawing. */
export type CoverAnswer = {id: number; png: Uint8Array<ArrayBuffer>} | {id: number; error: string}

/**
 * The drawer of a session, made on first use and closed with the session.
 *
 * @param session
 *   The build session.
 * @returns
 *   Its drawer.
 */
export function coverDrawer(session: BuildSession): CoverDrawer {
  return session.keyed<CoverDrawer>('epub.cover-drawer', 1).get('', () => {
    const made = new CoverDrawer()
    session.onDispose(() => made.close())
    return made
  })
}

/**
 * Draws the covers of a build session: on one thread, ended once it has drawn every cover asked for
 * (a build asks for all its editions' at once), so the font files are read once.
 */
export class CoverDrawer {
  #thread: Worker | undefined
  readonly #waiting = new Map<
    number,
    {resolve: (png: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void}
  >()
  #next = 0
  /** Whether a cover was asked for, or the thread warmed: a session warms it once, before its first cover. */
  #asked = false

  /**
   * Start the thread and have it read the fonts, before the session's first cover is asked for
   * (later, it does nothing). A thread that no cover is asked of keeps no process alive, and ends
   * with the session.
   *
   * @param fonts
   *   Font files for the covers' text.
   */
  warm(fonts: readonly string[]): undefined {
    if (this.#asked || fonts.length === 0 || runsFromSources(import.meta.url)) return
    this.#asked = true
    this.#post({type: 'load', fonts})
    if (this.#waiting.size === 0) this.#thread?.unref()
    return undefined
  }

  /**
   * Draw a cover.
   *
   * @param svg
   *   SVG cover.
   * @param fonts
   *   Font files for its text; with none, text is left out.
   * @returns
   *   PNG bytes.
   */
  async draw(svg: Element, fonts: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
    this.#asked = true
    // From the TypeScript sources (the tests) there is no compiled thread: drawn here.
    if (fonts.length === 0 || runsFromSources(import.meta.url)) {
      const {drawCover} = await import('./cover-draw.js')
      if (fonts.length === 0) return drawCover(svg)
      sourceFaces ??= new FaceCache()
      return drawCover(svg, await sourceFaces.get(fonts))
    }

    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, {resolve, reject})
      this.#post({type: 'draw', id, svg, fonts})
      this.#thread?.ref()
    })
  }

  /** Stop the thread, if one runs. */
  async close(): Promise<undefined> {
    const thread = this.#thread
    this.#thread = undefined
    await thread?.terminate()
    this.#fail(new Error('Unexpected end of the cover thread, expected it to draw every cover first'))
    return undefined
  }

  #post(request: CoverRequest): undefined {
    this.#thread ??= this.#start()
    this.#thread.postMessage(request)
    return undefined
  }

  #start(): Worker {
    const thread = new Worker(new URL('./cover-thread.js', import.meta.url))
    thread.on('message', (answer: CoverAnswer) => {
      const waiting = this.#waiting.get(answer.id)
      this.#waiting.delete(answer.id)
      if ('error' in answer) waiting?.reject(new Error(answer.error))
      else waiting?.resolve(answer.png)
      if (this.#waiting.size === 0 && this.#thread === thread) {
        this.#thread = undefined
        void thread.terminate()
      }
    })
    thread.on('error', (error) => {
      if (this.#thread === thread) this.#thread = undefined
      this.#fail(error)
    })
    // A thread that ends on its own (not stopped here, once idle) leaves nothing waiting forever.
    thread.on('exit', (code) => {
      if (this.#thread !== thread) return
      this.#thread = undefined
      this.#fail(
        new Error(`Unexpected end of the cover thread (exit code ${code}), expected it to draw every cover first`)
      )
    })
    return thread
  }

  #fail(error: Error): undefined {
    for (const {reject} of this.#waiting.values()) reject(error)
    this.#waiting.clear()
    return undefined
  }
}
