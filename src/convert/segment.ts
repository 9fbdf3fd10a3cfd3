/**
 * Segmentation that respects words: a run of text cut into the fewest segments over a lattice of
 * dictionary words.
 *
 * OpenCC cuts at the longest match from the left (forward maximum matching): in 一行程式碼 it takes 行程
 * ("process") and leaves 式碼, in 參數列表 it takes 參數列 and leaves 表. Here every word of the lattice that
 * starts at a position is a candidate, and the split chosen is the one with the fewest segments
 * (一｜行｜程式碼, not 一｜行程｜式｜碼); at an equal count, the one with the fewest single characters (參數｜列表, not
 * 參數列｜表); at an equal count of both, the one forward matching takes, the longest word first. So the
 * result is never worse than forward matching by those two counts, and is forward matching's own
 * whenever that is as good.
 */
import {codePointLength, type Table, unmatchedLength} from './table.js'

/** Most words that can start at one position (longer ones are ignored). */
const maxCandidates = 32

/** Positions a segmenter's arrays may hold to be kept for the next call. */
const keptLength = 0x10000

/**
 * Cuts runs of text into segments. Holds its working arrays, reused from call to call (grown as
 * needed).
 */
export class Segmenter {
  /** The words. */
  private readonly lattice: Table<unknown>
  /** Fewest segments from each position to the end of the run. */
  private segments = new Int32Array(256)
  /** Single characters among those segments. */
  private singles = new Int32Array(256)
  /** End of the segment chosen at each position. */
  private next = new Int32Array(256)
  /** Ends of the words found at one position. */
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
   *   For each position `p` of the run, `result[p - start]` is the end of the segment that starts
   *   at `p` (valid for positions where a segment starts: walk from `start`). The array may be
   *   reused by the next call.
   */
  segment(units: Uint16Array, start: number, end: number): Int32Array {
    const length = end - start
    let {segments, singles, next} = this
    if (next.length < length + 1) {
      const size = Math.max(length + 1, next.length * 2)
      segments = new Int32Array(size)
      singles = new Int32Array(size)
      next = new Int32Array(size)
      // Kept for the next call up to a paragraph's worth: one long text must not keep megabytes
      // alive for the life of the process.
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
      // One code point is always a way on (a description sequence as a whole where no word starts,
      // as OpenCC steps over it).
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
 * Forward maximum matching over the same lattice: at each position the longest word, else one code
 * point (a description sequence where no word starts). What OpenCC does; kept to compare against.
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
