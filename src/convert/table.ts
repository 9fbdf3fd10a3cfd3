/**
 * A dictionary compiled for longest-prefix matching on UTF-16 code units. opencc-js's `Trie` makes a
 * `Map` look-up and an object per match (millions on a book); a `Table` is typed arrays: a flat 64K
 * table for the first unit, then sorted children for a binary search, and matching allocates
 * nothing. By code unit, it agrees with opencc-js's code points: a key ends on a code point boundary,
 * except after a lone high surrogate, which `match` rejects.
 */

const none = 0

/**
 * A table's arrays and entries (`Table#pack`), from which it is made again without compiling: the
 * bundled command carries the tables that never change (`packed.ts`).
 */
export interface PackedTable<Entry> {
  first: Int32Array
  childStart: Int32Array
  childUnit: Uint16Array
  childNode: Int32Array
  /** Nodes where a key ends, ascending. */
  entryNodes: Int32Array
  /** Their entries. */
  entries: readonly Entry[]
  /** Whether the table was compiled from no entries. */
  empty: boolean
}

/** A compiled dictionary. */
export class Table<Entry> {
  matched: Entry | undefined

  readonly empty: boolean

  private readonly first: Int32Array
  /** Children of node `n` are at `[childStart[n], childStart[n + 1])`. */
  private readonly childStart: Int32Array
  private readonly childUnit: Uint16Array
  private readonly childNode: Int32Array
  /** Entry ending at each node (`undefined`: no key ends there). */
  private readonly entryAt: Array<Entry | undefined>

  /**
   * Compile entries, or make a table again from its packed form.
   *
   * @param source
   *   Map of keys to entries (empty keys are ignored: they never match in opencc-js either), or
   *   a packed table (`Table#pack`).
   */
  constructor(source: ReadonlyMap<string, Entry> | PackedTable<Entry>) {
    if (!(source instanceof Map)) {
      const packed = source as PackedTable<Entry>
      this.first = packed.first
      this.childStart = packed.childStart
      this.childUnit = packed.childUnit
      this.childNode = packed.childNode
      this.entryAt = new Array<Entry | undefined>(packed.childStart.length - 1).fill(undefined)
      for (const [index, node] of packed.entryNodes.entries()) this.entryAt[node] = packed.entries[index]
      this.empty = packed.empty
      return
    }

    const entries = source as ReadonlyMap<string, Entry>
    this.first = new Int32Array(0x10000)
    // Laid out straight from the sorted keys, breadth first (a trie of maps first costs several times
    // more on the 50,000-word lattice). A node is the run of sorted keys sharing its prefix.
    const keys = [...entries.keys()].filter((key) => key !== '').sort()
    let units = 0
    for (const key of keys) units += key.length
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
   * The table's arrays and entries, to make it again (`new Table(packed)`).
   *
   * @returns
   *   Packed table (its arrays are the table's own: do not change them).
   */
  pack(): PackedTable<Entry> {
    const entryNodes: number[] = []
    const entries: Entry[] = []
    for (const [node, entry] of this.entryAt.entries()) {
      if (entry === undefined) continue
      entryNodes.push(node)
      entries.push(entry)
    }

    return {
      first: this.first,
      childStart: this.childStart,
      childUnit: this.childUnit,
      childNode: this.childNode,
      entryNodes: Int32Array.from(entryNodes),
      entries,
      empty: this.empty
    }
  }

  /**
   * Find the longest key at `start`; its entry is left in `matched`.
   *
   * @param units
   *   Text.
   * @param start
   *   Where the key starts (below `limit`).
   * @param limit
   *   Where the key ends at the latest.
   * @returns
   *   End of the longest key, or `-1`.
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
   *   Where the keys start (below `limit`).
   * @param limit
   *   Where the keys end at the latest.
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
 * How far opencc-js steps over text no key matches: an ideographic description sequence (`⿰木國`)
 * as a whole, so no part is converted on its own; else one code point.
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

/** End of the description sequence at `index`, or 0 (none, or cut off); a part is a sequence or a code point. */
function sequenceEnd(units: Uint16Array, index: number, limit: number): number {
  const unit = units[index]!
  const parts = (unit & 0xfff0) !== 0x2ff0 ? 0 : unit === 0x2ff2 || unit === 0x2ff3 ? 3 : 2
  if (parts === 0) return 0
  let end = index + 1
  for (let part = 0; part < parts; part++) {
    if (end >= limit) return 0
    end = sequenceEnd(units, end, limit) || end + codePointLength(units, end, limit)
  }

  return end
}

/** An OpenCC dictionary as opencc-js gives it: `"a α|b β"` or `[["a", "α"], ["b", "β"]]`. */
export type DictLike = string | ReadonlyArray<readonly [string, string]>

/**
 * Pairs of a dictionary group, merged as `Trie#loadDictGroup` does: the earlier dictionary wins.
 *
 * @param group
 *   Dictionaries.
 * @returns
 *   Keys and their replacements.
 */
export function mergeGroup(group: readonly DictLike[]): Map<string, string> {
  const merged = new Map<string, string>()
  for (const dict of [...group].reverse()) {
    for (const [from, to] of pairsOf(dict)) merged.set(from, to)
  }

  return merged
}

/**
 * Pairs of a dictionary.
 *
 * @param dict
 *   Dictionary.
 * @returns
 *   Its pairs, in order.
 */
export function pairsOf(dict: DictLike): ReadonlyArray<readonly [string, string]> {
  if (typeof dict !== 'string') return dict
  return dict.split('|').map((line) => {
    const [from, to] = line.split(' ')
    if (to === undefined) {
      throw new TypeError(`Unexpected dictionary line \`${line}\`, expected \`source replacement\``)
    }
    return [from!, to] as const
  })
}

/**
 * Convert a text as opencc-js's `Trie#convert` does: the longest key at each place replaced by
 * its value, text no key matches stepped over (`unmatchedLength`).
 *
 * @param table
 *   Keys and their replacements.
 * @param text
 *   Text.
 * @returns
 *   Converted text.
 */
export function convertText(table: Table<string>, text: string): string {
  const units = new Uint16Array(text.length)
  for (let index = 0; index < text.length; index++) units[index] = text.charCodeAt(index)
  let result = ''
  let plainStart = 0
  let index = 0
  while (index < units.length) {
    const end = table.match(units, index, units.length)
    if (end === -1) {
      index += unmatchedLength(units, index, units.length)
      continue
    }

    result += text.slice(plainStart, index) + table.matched!
    index = end
    plainStart = index
  }

  return result + text.slice(plainStart)
}
