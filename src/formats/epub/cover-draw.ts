/**
 * Drawing the raster cover: its text set as outlines by harfbuzz (`cover-text.ts`), then drawn by
 * resvg and packed as an indexed PNG. Compiled, zhbook draws on a thread of its own
 * (`cover-thread.ts`): setting the text is a tenth of a second of work the build's thread need not
 * wait for, and harfbuzz's memory, which holds whole font files and never shrinks, goes with the
 * thread once its covers are drawn.
 */
import {Worker} from 'node:worker_threads'
import {renderAsync} from '@resvg/resvg-js'
import type {Element} from 'hast'
import {runsFromSources} from '../../core/package-root.js'
import {svgDocument} from './cover.js'
import {type CoverFaces, FaceCache, outlineText} from './cover-text.js'
import {indexedPng} from './png-indexed.js'

/** Width of the PNG: Kindle asks for at least 1000 px on the short side, ideally 1600. */
export const coverWidth = 1600

/**
 * Draw an SVG cover as PNG.
 *
 * @param svg
 *   SVG cover (`<svg>` element).
 * @param fonts
 *   Faces for its text (`loadFaces`); without, text is left out.
 * @returns
 *   PNG bytes, `coverWidth` pixels wide.
 */
export async function drawCover(svg: Element, fonts?: CoverFaces | undefined): Promise<Uint8Array<ArrayBuffer>> {
  const image = await renderAsync(svgDocument(fonts ? outlineText(svg, fonts) : svg), {
    fitTo: {mode: 'width', value: coverWidth},
    // Text is paths by now: resvg needs no fonts.
    font: {loadSystemFonts: false},
    logLevel: 'off'
  })
  // The cover is opaque, so resvg's pixels need no un-premultiplying.
  const indexed = await indexedPng(image.width, image.height, image.pixels)
  return indexed ?? new Uint8Array(image.asPng())
}

/** A cover to draw, as the drawing thread is asked. */
export interface CoverRequest {
  id: number
  svg: Element
  fonts: readonly string[]
}

/** The drawing thread's answer. */
export type CoverAnswer = {id: number; png: Uint8Array<ArrayBuffer>} | {id: number; error: string}

/**
 * Draws the covers of a build session: on one thread, started for the first cover and ended when
 * it has drawn every cover asked for (a build asks for all its editions' at once), so the font
 * files are read once.
 */
export class CoverDrawer {
  #thread: Worker | undefined
  readonly #waiting = new Map<
    number,
    {resolve: (png: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void}
  >()
  #next = 0
  /** Faces read on this thread, when there is no drawing thread. */
  #faces: FaceCache | undefined

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
  draw(svg: Element, fonts: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
    if (fonts.length === 0) return drawCover(svg)
    // From the TypeScript sources (the tests) there is no compiled thread: drawn here.
    if (runsFromSources(import.meta.url)) {
      this.#faces ??= new FaceCache()
      return this.#faces.get(fonts).then((faces) => drawCover(svg, faces))
    }

    this.#thread ??= this.#start()
    const thread = this.#thread
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, {resolve, reject})
      thread.postMessage({id, svg, fonts} satisfies CoverRequest)
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
