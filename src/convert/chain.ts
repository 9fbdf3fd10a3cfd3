/**
 * OpenCC's `tw2sp` chain, compiled from opencc-js's dictionaries with zhbook's vocabulary over its
 * Taiwan phrases, run on traced text recording its hits. Text is cut into words first (`segment.ts`),
 * not at OpenCC's longest match from the left.
 */
import {configs} from 'opencc-js/preset'
import type {ConversionHit, HitKind} from './converter.js'
import {Segmenter} from './segment.js'
import {packedTables} from './packed.js'
import {type DictLike, mergeGroup as merge, pairsOf, Table, unmatchedLength} from './table.js'
import type {TracedText} from './traced.js'
import {type AddedEntry, added, type ReviewedEntry, review, type VocabularyField} from './vocabulary.js'

/** A dictionary entry of an OpenCC step. */
export interface StepEntry {
  readonly to: string
  /** Whether the replacement differs: a key that maps onto itself only consumes its span. */
  readonly changes: boolean
  readonly kind: Exclude<HitKind, 'override'>
}

/** Where a conversion collects what it changed. */
export interface Trace {
  hits: ConversionHit[]
  /** Single-character changes (not listed one by one). */
  characters: number
}

/** The compiled chain. */
export interface Chain {
  /** Compatibility ideographs → unified ones (no hits). */
  normalize: Table<StepEntry>
  /** The words segments are cut into. */
  lattice: Table<true>
  segmenter: Segmenter
  /** Steps run on each segment: zhbook's vocabulary with Taiwan phrases reversed, then Traditional → Simplified. */
  steps: ReadonlyArray<Table<StepEntry>>
}

interface Tw2sp {
  normalizationChain: DictLike[][]
  segmentation: DictLike[]
  conversionChain: DictLike[][]
}

/** Compiled chains by field, for the process: compiling (a lattice of 50,000 words) is the cost. */
const chains = new Map<VocabularyField, Chain>()

/** zhbook's vocabulary tables. */
export interface Layers {
  readonly review: readonly ReviewedEntry[]
  readonly added: readonly AddedEntry[]
}

/**
 * Compile the chain of a field once per process, or take it from the bundle (`packed.ts`).
 *
 * @param field
 *   The book's field (default: `'general'`).
 * @returns
 *   The chain.
 */
export function loadChain(field: VocabularyField = 'general'): Chain {
  let chain = chains.get(field)
  if (!chain) {
    const packed = packedTables('chain-' + field)
    chain = packed ? chainOf(packed) : compileChain(field, {review, added})
    chains.set(field, chain)
  }

  return chain
}

/**
 * The tables of a chain, in order, for the bundle to pack (`packed.ts`).
 *
 * @param chain
 *   The chain.
 * @returns
 *   Its normalisation, its lattice, then its steps.
 */
export function chainTables(chain: Chain): Array<Table<unknown>> {
  return [chain.normalize, chain.lattice, ...chain.steps]
}

/** A chain made again from its tables (`chainTables`). */
function chainOf(tables: ReadonlyArray<Table<unknown>>): Chain {
  const [normalize, lattice, ...steps] = tables as [Table<StepEntry>, Table<true>, ...Array<Table<StepEntry>>]
  return {normalize, lattice, segmenter: new Segmenter(lattice), steps}
}

/**
 * Compile a chain (not kept: `loadChain` keeps zhbook's own).
 *
 * @param field
 *   The book's field.
 * @param layers
 *   Vocabulary tables (zhbook's, or others to measure what an entry does).
 * @returns
 *   The chain.
 */
export function compileChain(field: VocabularyField, {review, added}: Layers): Chain {
  const config = configs.tw2sp as Tw2sp
  const [group = [], ...rest] = config.conversionChain
  const [phrases = [], ...variants] = group
  // TWPhrasesRev (tw2sp's first dictionary), reviewed by zhbook: its hits are vocabulary, even one
  // character long (矽 → 硅); every other OpenCC hit is a phrase or a character.
  const withheld = new Set(
    review.filter((entry) => entry.action === 'drop' || entry.field !== field).map((entry) => entry.from)
  )
  const openccVocabulary = pairsOf(phrases)
  const vocabulary = new Set(openccVocabulary.map(([from]) => from))
  const kindOf = (from: string): StepEntry['kind'] =>
    vocabulary.has(from) ? 'vocabulary' : [...from].length === 1 ? 'character' : 'phrase'
  const compile = (pairs: Map<string, string>) => {
    const entries = new Map<string, StepEntry>()
    for (const [from, to] of pairs) entries.set(from, {to, changes: to !== from, kind: kindOf(from)})
    return entries
  }

  const first = compile(merge([openccVocabulary.filter(([from]) => !withheld.has(from)), ...variants]))
  // zhbook's words win over OpenCC's; their Simplified values pass the T → S step unchanged (tested).
  for (const entry of added) {
    if (entry.field && entry.field !== field) continue
    first.set(entry.from, {to: entry.to, changes: true, kind: 'zhbook'})
  }

  const steps = [new Table(first), ...rest.map((next) => new Table(compile(merge(next))))]

  // The lattice: every key of the chain (withheld ones are still words) and the Traditional side of
  // OpenCC's S → T phrases, some 49,000 common words. One character is always a way on.
  const words = new Map<string, true>()
  const addWord = (word: string) => {
    if (word.length > 1 && (word.length > 2 || !/^[\ud800-\udbff]/.test(word))) words.set(word, true)
  }

  const s2t = configs.s2t as {conversionChain: ReadonlyArray<readonly DictLike[]>}
  for (const [, traditional] of pairsOf(s2t.conversionChain[0]?.[0] ?? [])) addWord(traditional)
  for (const dict of [...config.segmentation, phrases, ...variants]) {
    for (const [from] of pairsOf(dict)) addWord(from)
  }

  for (const entry of added) addWord(entry.from)

  const [normalization = []] = config.normalizationChain
  const lattice = new Table(words)
  return {
    normalize: new Table(compile(merge(normalization))),
    lattice,
    segmenter: new Segmenter(lattice),
    steps
  }
}

/**
 * Normalise the compatibility ideographs of a text (no hits: not a change a reader would see).
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
 * Convert `text[start..end)` (no overrides in it): cut it into words, run every step on each.
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
  {segmenter, steps}: Chain,
  scratch: readonly TracedText[],
  out: TracedText,
  trace: Trace
): void {
  const ends = segmenter.segment(text.units, start, end)
  let index = start
  while (index < end) {
    const next = ends[index - start]!

    // Each step reads what the one before made of the segment: no match reaches across its bounds.
    const last = steps.length - 1
    // One unit no earlier step changes (most segments) goes straight to the last step.
    if (next - index === 1 && keptBefore(steps, last, text.units, index)) {
      applyTable(steps[last]!, text, index, next, out, trace)
      index = next
      continue
    }

    let current = text
    let from = index
    let until = next
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

function keptBefore(steps: ReadonlyArray<Table<StepEntry>>, last: number, units: Uint16Array, index: number): boolean {
  for (let position = 0; position < last; position++) {
    const step = steps[position]!
    if (step.match(units, index, index + 1) !== -1 && step.matched!.changes) return false
  }

  return true
}

/** Apply one table to `text[start..end)`, longest match first as `Trie#convert`, recording hits. */
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
