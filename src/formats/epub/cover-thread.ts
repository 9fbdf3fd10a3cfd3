/**
 * The thread that draws covers (`CoverDrawer` starts it): it reads the font files once, for every
 * cover it is asked to draw with them.
 */
import {parentPort} from 'node:worker_threads'
import {type CoverAnswer, type CoverRequest, drawCover} from './cover-draw.js'
import {FaceCache} from './cover-text.js'

const port = parentPort
if (port) {
  const faces = new FaceCache()

  port.on('message', async ({id, svg, fonts}: CoverRequest) => {
    try {
      const png = await drawCover(svg, await faces.get(fonts))
      port.postMessage({id, png} satisfies CoverAnswer, [png.buffer])
    } catch (error) {
      port.postMessage({id, error: String(error)} satisfies CoverAnswer)
    }
  })
}
