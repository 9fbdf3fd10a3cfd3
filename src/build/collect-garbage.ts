/**
 * A full garbage collection between the steps of a build of long chapters.
 *
 * Why: V8 lets its heap grow by a factor of the data found live at its last
 * full collection. A long chapter's stages hold its Markdown tree and every
 * edition's tree at once, so the heap is allowed to grow large, and rendering
 * then fills it with garbage before V8 collects: a chapter of 50 MB peaked at
 * 2.3 GB, of which about 0.7 GB was live. Collected between the steps, it
 * peaks at 1.8 GB, in the same time (the collections it saves pay for it).
 *
 * Node gives `gc()` only under `--expose-gc`: the flag is set at run time
 * with `v8.setFlagsFromString` (Node's public API), and V8 puts the function
 * in a context made after that (`vm.runInNewContext`).
 */
import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * Chapters at least this long (UTF-16 units, about 10 MB of Chinese
 * Markdown), alone or together, are worth a collection between steps;
 * shorter ones are not (a collection costs a moment, and saves nothing).
 */
export const collectLength = 4 * 1024 * 1024

/**
 * Run a full garbage collection.
 *
 * @returns
 *   Nothing.
 */
export function collectGarbage(): undefined {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  gc()
  return undefined
}
