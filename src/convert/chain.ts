/**
 * OpenCC's `tw2sp` chain, compiled from opencc-js's dictionaries, and how it
 * runs on traced text: the part of the converter that does what opencc-js's
 * `Converter({from: 'twp', to: 'cn'})` does, recording its hits.
 */
import {configs} from 'opencc-js/preset'
import type {ConversionHit, HitKind} from './converter.js'
import {Table, unmatchedLength} from './table.js'
import type {TracedText} from './traced.js'

/** A dictionary entry of an OpenCC step. */
export interface StepEntry {
  /** Replacement. */
  readonly to: string
  /**
   * Whether the replacement differs from the key: a key that maps onto itself
   * only consumes its span (no later key may start inside it).
   */
  readonly changes: boolean
  /** Kind of the hit it makes. */
  readonly kind: Exclude<HitKind, 'override'>
}

/** Where a conversion collects what it changed. */
export interface Trace {
  /** Vocabulary, phrase and override hits, in the order they were made. */
  hits: ConversionHit[]
  /** Number of single-character changes (not listed one by one). */
  characters: number
}

type DictLike = string | ReadonlyArray<readonly [string, string]>

/** The compiled `tw2sp` chain. */
export interface Chain {
  /** Compatibility ideographs → unified ones (no hits). */
  normalize: Table<StepEntry>
  /** `TSPhrases`: where segments start and end. */
  segment: Table<StepEntry>
  /** Steps run on each segment, in order. */
  steps: ReadonlyArray<Table<StepEntry>>
}

let chain: Chain | undefined

/**
 * Compile the chain once per process: it is the costly part (tens of ms),
 * converting is cheap.
 *
 * @returns
 *   The chain.
 */
export function loadChain(): Chain {
  if (!chain) {
    const config = configs.tw2sp as {
      normalizationChain: DictLike[][]
      segmentation: DictLike[]
      conversionChain: DictLike[][]
    }
    // The first dictionary of tw2sp's first group is TWPhrasesRev: Taiwan
    // words and their mainland equivalents. Its hits are vocabulary, even one
    // character long (矽 → 硅); every other hit is a phrase or a character.
    const vocabulary = new Set(pairsOf(config.conversionChain[0]?.[0] ?? []).map(([from]) => from))
    const table = (group: readonly DictLike[]) => {
      const entries = new Map<string, StepEntry>()
      for (const [from, to] of merge(group)) {
        const kind = vocabulary.has(from) ? 'vocabulary' : [...from].length === 1 ? 'character' : 'phrase'
        entries.set(from, {to, changes: to !== from, kind})
      }

      return new Table(entries)
    }

    // tw2sp normalises with one group: the compatibility ideographs.
    const [normalization = []] = config.normalizationChain
    chain = {
      normalize: table(normalization),
      segment: table(config.segmentation),
      steps: config.conversionChain.map((group) => table(group))
    }
  }

  return chain
}

/**
 * Normalise the compatibility ideographs of a text (no hits: OpenCC's
 * normalisation is not a change a reader would see).
 *
 * @param chain
 *   The chain.
 * @param text
 *   Closed text.
 * @param out
 *   Where the normalised text goes (emptied first; closed like `text`).
 */
export function normalize(chain: Chain, text: TracedText, out: TracedText): void {
  applyTable(chain.normalize, text, 0, text.length, out.clear(), undefined)
  out.close(text.origin[text.length]!)
}

/**
 * Convert `text[start..end)` (text without overrides in it): segment it like
 * OpenCC (a `TSPhrases` match, or the run up to the next one) and run every
 * step on each segment.
 *
 * @param text
 *   Normalised, closed text.
 * @param start
 *   First unit.
 * @param end
 *   End.
 * @param chain
 *   The chain.
 * @param scratch
 *   One text per step but the last, for what that step makes of a segment.
 * @param out
 *   Where the converted text is appended.
 * @param trace
 *   Where hits are recorded.
 */
export function convertPlain(
  text: TracedText,
  start: number,
  end: number,
  {segment, steps}: Chain,
  scratch: readonly TracedText[],
  out: TracedText,
  trace: Trace
): void {
  let index = start
  while (index < end) {
    let next = segment.match(text.units, index, end)
    if (next === -1) {
      next = index
      do next += unmatchedLength(text.units, next, end)
      while (next < end && segment.match(text.units, next, end) === -1)
    }

    // Each step reads what the one before made of the segment, and sees
    // nothing else: no match reaches across a segment's bounds. The last
    // step writes to the output.
    let current = text
    let from = index
    let until = next
    const last = steps.length - 1
    for (let position = 0; position < last; position++) {
      const target = scratch[position]!.clear()
      applyTable(steps[position]!, current, from, until, target, trace)
      current = target.close(current.origin[until]!)
      from = 0
      until = current.length
    }

    applyTable(steps[last]!, current, from, until, out, trace)
    index = next
  }
}

/**
 * Apply one table to `text[start..end)` (longest match first, like
 * `Trie#convert`), appending to `out`, and record hits in `trace` when given.
 */
function applyTable(
  table: Table<StepEntry>,
  text: TracedText,
  start: number,
  end: number,
  out: TracedText,
  trace: Trace | undefined
): void {
  let plainStart = start
  let index = start
  while (index < end) {
    const matchEnd = table.match(text.units, index, end)
    const entry = table.matched
    if (matchEnd === -1 || !entry!.changes) {
      // A match that changes nothing still consumes its span, as in OpenCC.
      index = matchEnd === -1 ? index + unmatchedLength(text.units, index, end) : matchEnd
      continue
    }

    out.copy(text, plainStart, index)
    const from = text.origin[index]!
    const until = text.origin[matchEnd]!
    out.replace(entry!.to, from, until)
    if (trace && entry!.kind === 'character') {
      trace.characters++
    } else if (trace) {
      trace.hits.push({kind: entry!.kind, from: '', to: entry!.to, start: from, end: until})
    }

    index = matchEnd
    plainStart = index
  }

  out.copy(text, plainStart, end)
}

/**
 * Pairs of a dictionary group, merged as `Trie#loadDictGroup` does: of two
 * entries for one key, the one in the earlier dictionary wins, and within a
 * dictionary the later one.
 */
function merge(group: readonly DictLike[]): Map<string, string> {
  const merged = new Map<string, string>()
  for (const dict of [...group].reverse()) {
    for (const [from, to] of pairsOf(dict)) merged.set(from, to)
  }

  return merged
}

/** Pairs of a dictionary (`"a α|b β"` or `[["a", "α"], ["b", "β"]]`). */
function pairsOf(dict: DictLike): ReadonlyArray<readonly [string, string]> {
  if (typeof dict !== 'string') return dict
  return dict.split('|').map((line) => {
    const [from, to] = line.split(' ')
    if (to === undefined) {
      throw new TypeError(`Unexpected dictionary line \`${line}\`, expected \`source replacement\``)
    }
    return [from!, to] as const
  })
}
