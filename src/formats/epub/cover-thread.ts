/**
 * The thread that draws covers (`CoverDrawer` starts it): it reads the font files once, for every
 * cover it is asked to draw with them, and may be asked to read them before the first.
 */
import {parentPort} from 'node:worker_threads'
import {drawCover} from './cover-draw.js'
import type {CoverAnswer, CoverRequest} from './cover-drawer.js'
import {FaceCache} from './cover-text.js'

const port = parentPort
if (port) {
  const faces = new FaceCache()

  port.on('message', async (request: CoverRequest) => {
    // Read ahead: a failure shows when a cover is drawn with them.
    const reading = faces.get(request.fonts)
    if (request.type === 'load') {
      reading.catch(() => {})
      return
    }

    try {
      const png = await drawCover(request.svg, await reading)
      port.postMessage({id: request.id, png} satisfies CoverAnswer, [png.buffer])
    } catch (error) {
      port.postMessage({id: request.id, error: String(error)} satisfies CoverAnswer)
    }
  })
}
