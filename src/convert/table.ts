/**
 * A dictionary compiled for longest-prefix matching on UTF-16 code units.
 *
 * opencc-js's `Trie` keeps a `Map` per node keyed by code point and returns a new `{end, value}`
 * object per match; on a book that is millions of map look-ups and objects. A `Table` holds the
 * same keys in typed arrays, made once (for OpenCC's dictionaries, once per process): a flat 64K
 * table for the first code unit, so a step of single characters is one array read per character,
 * and below it each node's children sorted by code unit for a binary search. Matching allocates
 * nothing: it returns the end of the longest key and leaves the entry in `matched`.
 *
 * Matching goes by code unit, opencc-js's by code point. The two agree because a key is a whole
 * string: a match can only end where a key ends, which is on a code point boundary, except after a
 * lone high surrogate, which `match` rejects when the input goes on with a low surrogate.
 */

/** No node: 0 is the root, which is never anyone's child. */
const none = 0

/** A compiled dictionary. */
export class Table<Entry> {
  /** Entry of the last successful `match`. */
  matched: Entry | undefined

  /** Whether the table has no keys. */
  readonly empty: boolean

  /** Node reached from the root by each code unit. */
  private readonly first = new Int32Array(0x10000)
  /** Children of node `n` are at `[childStart[n], childStart[n + 1])`. */
  private readonly childStart: Int32Array
  /** Code unit of each child, sorted within a node. */
  private readonly childUnit: Uint16Array
  /** Node of each child. */
  private readonly childNode: Int32Array
  /** Entry ending at each node (`undefined`: no key ends there). */
  private readonly entryAt: Array<Entry | undefined>

  /**
   * Compile entries.
   *
   * @param entries
   *   Map of keys to entries; empty keys are ignored (they never match in opencc-js either).
   */
  constructor(entries: ReadonlyMap<string, Entry>) {
    // Laid out straight from the sorted keys, breadth first, so each node's children are numbered,
    // and their edges stored, one after the other (a trie of maps first costs several times more on
    // the 50,000 words of the segmentation lattice). A node is the run of sorted keys that share
    // its prefix; `sort` orders strings by code unit, as the edges are.
    const keys = [...entries.keys()].filter((key) => key !== '').sort()
    let units = 0
    for (const key of keys) units += key.length
    // A node per unit at most, and the root.
    const low = new Int32Array(units + 1)
    const high = new Int32Array(units + 1)
    const depth = new Int32Array(units + 1)
    const childStart = new Int32Array(units + 2)
    const childUnit = new Uint16Array(units)
    const childNode = new Int32Array(units)
    const entryAt: Array<Entry | undefined> = []
    high[0] = keys.length
    let nodes = 1
    let edge = 0
    for (let node = 0; node < nodes; node++) {
      const at = depth[node]!
      let index = low[node]!
      const end = high[node]!
      childStart[node] = edge
      // The key that ends here sorts first in its run.
      entryAt[node] = index < end && keys[index]!.length === at ? entries.get(keys[index]!) : undefined
      if (entryAt[node] !== undefined) index++
      while (index < end) {
        const unit = keys[index]!.charCodeAt(at)
        const child = nodes++
        low[child] = index
        depth[child] = at + 1
        while (index < end && keys[index]!.charCodeAt(at) === unit) index++
        high[child] = index
        if (node === 0) {
          this.first[unit] = child
        } else {
          childUnit[edge] = unit
          childNode[edge] = child
          edge++
        }
      }
    }

    childStart[nodes] = edge
    this.empty = entries.size === 0
    this.entryAt = entryAt
    this.childStart = childStart.slice(0, nodes + 1)
    this.childUnit = childUnit.slice(0, edge)
    this.childNode = childNode.slice(0, edge)
  }

  /**
   * Find the longest key at `start`.
   *
   * @param units
   *   Text.
   * @param start
   *   Where the key must start (below `limit`).
   * @param limit
   *   Where the key must end at the latest (the text seen is `units[start..limit)`).
   * @returns
   *   End of the longest key (its entry is left in `matched`), or `-1`.
   */
  match(units: Uint16Array, start: number, limit: number): number {
    let node = this.first[units[start]!]!
    let end = -1
    let index = start + 1
    while (node !== none) {
      const entry = this.entryAt[node]
      if (entry !== undefined && !splitsPair(units, index, limit)) {
        end = index
        this.matched = entry
      }

      if (index === limit) break
      node = this.child(node, units[index]!)
      index++
    }

    return end
  }

  /**
   * Find every key at `start`, shortest first.
   *
   * @param units
   *   Text.
   * @param start
   *   Where the keys must start (below `limit`).
   * @param limit
   *   Where the keys must end at the latest.
   * @param ends
   *   Where the end of each key is written (as many as fit).
   * @returns
   *   Number of keys found.
   */
  matchAll(units: Uint16Array, start: number, limit: number, ends: Int32Array): number {
    let node = this.first[units[start]!]!
    let count = 0
    let index = start + 1
    while (node !== none && count < ends.length) {
      if (this.entryAt[node] !== undefined && !splitsPair(units, index, limit)) ends[count++] = index
      if (index === limit) break
      node = this.child(node, units[index]!)
      index++
    }

    return count
  }

  /** Child of `node` by `unit` (binary search), or `none`. */
  private child(node: number, unit: number): number {
    let low = this.childStart[node]!
    let high = this.childStart[node + 1]!
    while (low < high) {
      const middle = (low + high) >>> 1
      const found = this.childUnit[middle]!
      if (found === unit) return this.childNode[middle]!
      if (found < unit) low = middle + 1
      else high = middle
    }

    return none
  }
}

/** Whether `index` falls between the two halves of a surrogate pair of `units[..limit)`. */
function splitsPair(units: Uint16Array, index: number, limit: number): boolean {
  return index < limit && (units[index]! & 0xfc00) === 0xdc00 && (units[index - 1]! & 0xfc00) === 0xd800
}

/**
 * Length in code units of the code point at `index` of `units[..limit)`.
 *
 * @param units
 *   Text.
 * @param index
 *   Index (below `limit`).
 * @param limit
 *   End of the text.
 * @returns
 *   2 for a surrogate pair, else 1.
 */
export function codePointLength(units: Uint16Array, index: number, limit: number): number {
  return splitsPair(units, index + 1, limit) ? 2 : 1
}

/**
 * How far opencc-js steps over text that no key matches at `index`: an ideographic description
 * sequence (`⿰木國`, a character described by its parts) as a whole, so no part of it is converted on
 * its own; else one code point.
 *
 * @param units
 *   Text.
 * @param index
 *   Index (below `limit`).
 * @param limit
 *   End of the text (a sequence cut by it is not one).
 * @returns
 *   Length in code units.
 */
export function unmatchedLength(units: Uint16Array, index: number, limit: number): number {
  // Description characters are U+2FF0–U+2FFF: one comparison for the rest.
  if ((units[index]! & 0xfff0) !== 0x2ff0) return codePointLength(units, index, limit)
  const end = sequenceEnd(units, index, limit)
  return end > index ? end - index : 1
}

/**
 * End of the ideographic description sequence at `index`, or 0 when there is none (not a
 * description character, or the text ends before its parts). A part is a sequence itself or any one
 * code point.
 */
function sequenceEnd(units: Uint16Array, index: number, limit: number): number {
  const unit = units[index]!
  // ⿲ and ⿳ describe three parts; every other description character two.
  const parts = (unit & 0xfff0) !== 0x2ff0 ? 0 : unit === 0x2ff2 || unit === 0x2ff3 ? 3 : 2
  if (parts === 0) return 0
  let end = index + 1
  for (let part = 0; part < parts; part++) {
    if (end >= limit) return 0
    end = sequenceEnd(units, end, limit) || end + codePointLength(units, end, limit)
  }

  return end
}
