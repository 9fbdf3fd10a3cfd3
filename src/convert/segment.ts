/**
 * Segmentation over a lattice of dictionary words. OpenCC's forward maximum matching takes 行程 in
 * 一行程式碼 and 參數列 in 參數列表; here the split has the fewest segments (一｜行｜程式碼), then the fewest
 * single characters (參數｜列表), then forward matching's own: never worse than it by those counts.
 */
import {codePointLength, type Table, unmatchedLength} from './table.js'

const maxCandidates = 32

const keptLength = 0x10000

/** Cuts runs of text into segments, reusing its working arrays from call to call. */
export class Segmenter {
  private readonly lattice: Table<unknown>
  private segments = new Int32Array(256)
  private singles = new Int32Array(256)
  private next = new Int32Array(256)
  private readonly ends = new Int32Array(maxCandidates)

  /**
   * Make a segmenter.
   *
   * @param lattice
   *   Dictionary of words (only its keys are used).
   */
  constructor(lattice: Table<unknown>) {
    this.lattice = lattice
  }

  /**
   * Segment `units[start..end)`.
   *
   * @param units
   *   Text.
   * @param start
   *   First unit.
   * @param end
   *   End of the run.
   * @returns
   *   `result[p - start]`: the end of the segment starting at `p` (walk from `start`); reused by the
   *   next call.
   */
  segment(units: Uint16Array, start: number, end: number): Int32Array {
    const length = end - start
    let {segments, singles, next} = this
    if (next.length < length + 1) {
      const size = Math.max(length + 1, next.length * 2)
      segments = new Int32Array(size)
      singles = new Int32Array(size)
      next = new Int32Array(size)
      // Kept up to a paragraph's worth: one long text must not keep megabytes alive.
      if (size <= keptLength) {
        this.segments = segments
        this.singles = singles
        this.next = next
      }
    }

    const {ends, lattice} = this
    segments[length] = 0
    singles[length] = 0
    for (let index = end - 1; index >= start; index--) {
      const count = lattice.matchAll(units, index, end, ends)
      // One code point is always a way on (a description sequence whole, as OpenCC steps over it).
      const single = codePointLength(units, index, end)
      const step = count === 0 ? unmatchedLength(units, index, end) : single
      let bestEnd = index + step
      let bestSegments = 1 + segments[bestEnd - start]!
      let bestSingles = (step === single ? 1 : 0) + singles[bestEnd - start]!
      // Words come shortest first: `<=` keeps the longest of equal ones.
      for (let candidate = 0; candidate < count; candidate++) {
        const wordEnd = ends[candidate]!
        const total = 1 + segments[wordEnd - start]!
        const totalSingles = (wordEnd - index === single ? 1 : 0) + singles[wordEnd - start]!
        if (total < bestSegments || (total === bestSegments && totalSingles <= bestSingles)) {
          bestEnd = wordEnd
          bestSegments = total
          bestSingles = totalSingles
        }
      }

      segments[index - start] = bestSegments
      singles[index - start] = bestSingles
      next[index - start] = bestEnd
    }

    return next
  }
}

/**
 * Forward maximum matching over the same lattice, as OpenCC does; kept to compare against.
 *
 * @param lattice
 *   Dictionary of words.
 * @param units
 *   Text.
 * @param start
 *   First unit.
 * @param end
 *   End of the run.
 * @returns
 *   Ends of the segments, in order.
 */
export function forwardSegments(lattice: Table<unknown>, units: Uint16Array, start: number, end: number): number[] {
  const result: number[] = []
  let index = start
  while (index < end) {
    const matched = lattice.match(units, index, end)
    index = matched === -1 ? index + unmatchedLength(units, index, end) : matched
    result.push(index)
  }

  return result
}
