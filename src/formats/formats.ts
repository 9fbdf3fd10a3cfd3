/**
 * The output formats a build writes, in the order they render. A format is a
 * folder beside this file whose renderer (`Renderer`) makes its files; adding
 * one is adding it here.
 *
 * Each format's modules load when it first renders: a build of the EPUBs
 * alone (`--format epub`) never loads the web edition's, nor a build of the
 * web edition the EPUB's archive, image and font code.
 */
import type {Renderer} from '../core/model.js'
// Loaded with the build, not with its renderer: the cover thread must start before the stages take
// the thread, and an import would resolve only after them.
import {warm as warmEpub} from './epub/warm.js'

/** The formats of a default build. */
export const formats: readonly Renderer[] = [
  lazy('epub', true, async () => (await import('./epub/epub.js')).epub, warmEpub),
  lazy('web', false, async () => (await import('./web/web.js')).web)
]

/**
 * A renderer that loads its modules on first use.
 *
 * @param name
 *   Its name.
 * @param deferred
 *   Whether it takes long (`Renderer.deferred`).
 * @param load
 *   Import of the renderer.
 * @param warm
 *   Its `warm` hook (optional): it runs before the renderer loads.
 * @returns
 *   Renderer that hands each call to the loaded one.
 */
function lazy(name: string, deferred: boolean, load: () => Promise<Renderer>, warm?: Renderer['warm']): Renderer {
  let loaded: Promise<Renderer> | undefined
  const renderer = () => {
    loaded ??= load()
    return loaded
  }

  let ready: Renderer | undefined
  return {
    name,
    deferred,
    async load() {
      ready = await renderer()
      return undefined
    },
    warm(book, context) {
      return warm?.(book, context)
    },
    prepare(book, context) {
      // Loaded (`load`, which a build awaits first): the early work starts now.
      return ready?.prepare?.(book, context)
    },
    async render(book, context) {
      return (await renderer()).render(book, context)
    },
    async finish(books, context) {
      return (await renderer()).finish?.(books, context) ?? {files: []}
    }
  }
}
