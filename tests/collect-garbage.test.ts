/**
 * The collection between the steps of a build of long chapters: it frees
 * what nothing holds any more, and is asked for only from `collectLength`.
 */
import {describe, expect, it} from 'vitest'
import {collectGarbage, collectLength} from '../src/build/collect-garbage.js'

describe('collectGarbage', () => {
  it('should start from chapters of 4 M characters', () => {
    expect(collectLength).toBe(4 * 1024 * 1024)
  })

  it('should free what nothing holds', async () => {
    const weak = held()
    // A weak reference keeps its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve))
    expect(collectGarbage()).toBe(undefined)
    expect(weak.deref()).toBe(undefined)
  })
})

/** A weak reference to an object nothing else holds. */
function held(): WeakRef<object> {
  return new WeakRef({data: new Array(1000).fill('x')})
}
