/**
 * The thread that draws covers (`CoverDrawer` starts it): it reads the font files once, for every
 * cover it is asked to draw with them.
 */
import {parentPort} from 'node:worker_threads'
import {type CoverAnswer, type CoverRequest, drawCover} from './cover-draw.js'
import {type CoverFaces, loadFaces} from './cover-text.js'

const port = parentPort
if (port) {
  let loaded: {key: string; faces: Promise<CoverFaces>} | undefined

  port.on('message', async ({id, svg, fonts}: CoverRequest) => {
    const key = fonts.join('\n')
    if (loaded?.key !== key) loaded = {key, faces: loadFaces(fonts)}
    try {
      const png = await drawCover(svg, await loaded.faces)
      port.postMessage({id, png} satisfies CoverAnswer, [png.buffer])
    } catch (error) {
      port.postMessage({id, error: String(error)} satisfies CoverAnswer)
    }
  })
}
