/**
 * Traditional (Taiwan) → Simplified (mainland) conversion that says what it
 * changed.
 *
 * OpenCC's `tw2sp` chain, run from opencc-js's own dictionaries and its own
 * `Trie` (longest match), in the same order as opencc-js's `Converter({from:
 * 'twp', to: 'cn'})`: normalise compatibility ideographs, segment by
 * `TSPhrases`, then per segment Taiwan phrases and variants reversed, then
 * Traditional → Simplified phrases and characters. opencc-js has no API that
 * reports its matches, so this module walks the same tries with
 * `Trie#matchPrefix` and records every hit with its place in the input.
 *
 * The editor's overrides are matched first, on the Traditional input, so an
 * entry wins over any OpenCC phrase it overlaps (a patch on the Simplified
 * output could not stop a wrong phrase conversion).
 */
import {Trie} from 'opencc-js/core'
import {configs} from 'opencc-js/preset'
import type {OverrideEntry} from '../model.js'

/** What kind of change a hit is. */
export type HitKind =
  /** An override from the editor's dictionary. */
  | 'override'
  /** A Taiwan word replaced by the mainland word (OpenCC `TWPhrasesRev`). */
  | 'vocabulary'
  /** A multi-character entry that picks the right characters in context. */
  | 'phrase'
  /** A single-character variant or Traditional → Simplified character. */
  | 'character'

/** One change the converter made. */
export interface ConversionHit {
  /** Kind of change. */
  kind: HitKind
  /** Source text (Traditional), as in the input. */
  from: string
  /** What it became in the output. */
  to: string
  /** Offset of `from` in the input (UTF-16 code units). */
  start: number
  /** End offset of `from` in the input. */
  end: number
  /** The override entry that made the change, for `override` hits. */
  override?: OverrideEntry | undefined
}

/** Result of a conversion. */
export interface Conversion {
  /** Converted text. */
  value: string
  /**
   * For each UTF-16 index of `value`, plus one past the end, the input offset
   * it comes from; non-decreasing. Lets callers split the output back over the
   * input's pieces (text nodes split by inline markup).
   */
  origin: Int32Array
  /** Overrides applied and phrase-level changes, in input order. */
  hits: ConversionHit[]
  /** Number of single-character changes. */
  characters: number
}

/** A configured converter. */
export interface Converter {
  /**
   * Convert text and trace the changes.
   *
   * @param value
   *   Traditional text.
   * @returns
   *   The conversion.
   */
  convert(value: string): Conversion
}

/** One step of the chain: a trie and how its multi-character hits count. */
interface Step {
  trie: Trie
  /** Kind of a hit whose source is in `vocabulary`, else by its length. */
  kind(source: string): HitKind
}

/** Text with, for each UTF-16 index and one past the end, its input offset. */
interface Traced {
  value: string
  origin: Int32Array
}

type DictLike = string | ReadonlyArray<readonly [string, string]>

let chain: {normalize: Trie; segment: Trie; steps: Step[]} | undefined

/**
 * Build the tries once per process: loading the dictionaries is the costly
 * part (tens of ms), converting is cheap.
 */
function loadChain() {
  if (!chain) {
    const config = configs.tw2sp as {
      normalizationChain: DictLike[][]
      segmentation: DictLike[]
      conversionChain: DictLike[][]
    }
    const normalize = new Trie()
    for (const group of config.normalizationChain) normalize.loadDictGroup(group)
    const segment = new Trie()
    segment.loadDictGroup(config.segmentation)
    // The first dictionary of tw2sp's first group is TWPhrasesRev: Taiwan
    // words and their mainland equivalents. Its hits are vocabulary, even one
    // character long (矽 → 硅); every other hit is a phrase or a character.
    const vocabulary = keysOf(config.conversionChain[0]?.[0])
    const steps = config.conversionChain.map((group): Step => {
      const trie = new Trie()
      trie.loadDictGroup(group)
      return {
        trie,
        kind: (source) =>
          vocabulary.has(source) ? 'vocabulary' : [...source].length === 1 ? 'character' : 'phrase'
      }
    })
    chain = {normalize, segment, steps}
  }

  return chain
}

/**
 * Create a converter.
 *
 * @param overrides
 *   The editor's entries, matched on the input before OpenCC (default: none).
 * @returns
 *   Converter.
 */
export function createConverter(overrides: readonly OverrideEntry[] = []): Converter {
  const {normalize, segment, steps} = loadChain()
  const overrideTrie = new Trie()
  const byFrom = new Map<string, OverrideEntry>()
  for (const entry of overrides) {
    overrideTrie.addWord(entry.from, entry.to)
    byFrom.set(entry.from, entry)
  }

  return {
    convert(input) {
      const hits: ConversionHit[] = []
      const counter = {characters: 0}
      const normalized = applyTrie(identity(input), normalize, undefined, hits, counter)
      const out: Traced[] = []

      // Overrides first: the text between two override hits goes to OpenCC on
      // its own, so no OpenCC phrase can reach across an override.
      let plainStart = 0
      let index = 0
      const text = normalized.value
      while (index < text.length) {
        const match = byFrom.size > 0 ? overrideTrie.matchPrefix(text, index) : null
        if (match) {
          if (plainStart < index) {
            out.push(convertPlain(slice(normalized, plainStart, index), segment, steps, hits, counter))
          }

          const piece = slice(normalized, index, match.end)
          const from = input.slice(piece.origin[0], piece.origin[piece.value.length])
          const replaced = replace(piece, match.value)
          hits.push({
            kind: 'override',
            from,
            to: match.value,
            start: piece.origin[0]!,
            end: piece.origin[piece.value.length]!,
            override: byFrom.get(text.slice(index, match.end))
          })
          out.push(replaced)
          index = match.end
          plainStart = index
        } else {
          index += codePointLength(text, index)
        }
      }

      if (plainStart < text.length) {
        out.push(convertPlain(slice(normalized, plainStart, text.length), segment, steps, hits, counter))
      }

      const result = concat(out, input.length)
      hits.sort((a, b) => a.start - b.start || a.end - b.end)
      // Report what each source span finally became, not the intermediate
      // form after the first step.
      for (const hit of hits) {
        if (hit.kind === 'override') continue
        hit.from = input.slice(hit.start, hit.end)
        hit.to = outputOf(result, hit.start, hit.end)
      }

      return {
        value: result.value,
        origin: result.origin,
        // Every override counts, even one that keeps the text (核心 → 核心).
        hits: hits.filter(
          (hit) => hit.kind === 'override' || (hit.kind !== 'character' && hit.from !== hit.to)
        ),
        characters: counter.characters
      }
    }
  }
}

/** Source keys of a dictionary. */
function keysOf(dict: DictLike | undefined): Set<string> {
  if (!dict) return new Set()
  const pairs = typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ')) : dict
  return new Set(pairs.map((pair) => pair[0]!))
}

/** Segment plain text like OpenCC and run every step on each segment. */
function convertPlain(
  text: Traced,
  segment: Trie,
  steps: readonly Step[],
  hits: ConversionHit[],
  counter: {characters: number}
): Traced {
  const pieces: Traced[] = []
  let offset = 0
  for (const part of segment.segment(text.value)) {
    let piece = slice(text, offset, offset + part.length)
    offset += part.length
    for (const step of steps) piece = applyTrie(piece, step.trie, step.kind, hits, counter)
    pieces.push(piece)
  }

  return concat(pieces, text.origin[text.value.length]!)
}

/**
 * Apply one trie (longest match first, like `Trie#convert`), recording hits
 * when `kindOf` is given.
 */
function applyTrie(
  text: Traced,
  trie: Trie,
  kindOf: ((source: string) => HitKind) | undefined,
  hits: ConversionHit[],
  counter: {characters: number}
): Traced {
  const value = text.value
  const pieces: Traced[] = []
  let plainStart = 0
  let index = 0

  while (index < value.length) {
    const match = trie.matchPrefix(value, index)
    if (match && match.value !== value.slice(index, match.end)) {
      if (plainStart < index) pieces.push(slice(text, plainStart, index))
      const piece = slice(text, index, match.end)
      pieces.push(replace(piece, match.value))

      if (kindOf) {
        const kind = kindOf(value.slice(index, match.end))
        if (kind === 'character') counter.characters++
        hits.push({
          kind,
          from: '',
          to: match.value,
          start: piece.origin[0]!,
          end: piece.origin[piece.value.length]!
        })
      }

      index = match.end
      plainStart = index
    } else {
      // A match that changes nothing still consumes its span, as in OpenCC.
      index = match ? match.end : index + codePointLength(value, index)
    }
  }

  if (pieces.length === 0) return text
  if (plainStart < value.length) pieces.push(slice(text, plainStart, value.length))
  return concat(pieces, text.origin[value.length]!)
}

/** Text that maps onto itself. */
function identity(value: string): Traced {
  const origin = new Int32Array(value.length + 1)
  for (let index = 0; index <= value.length; index++) origin[index] = index
  return {value, origin}
}

/** Part of a traced text. */
function slice(text: Traced, start: number, end: number): Traced {
  return {value: text.value.slice(start, end), origin: text.origin.slice(start, end + 1)}
}

/**
 * Replace a traced piece by new text. Output characters are spread over the
 * piece's input span in proportion, so when `作業|系統` (split by markup)
 * becomes `操作系统`, `操作` falls on the first part and `系统` on the second.
 */
function replace(piece: Traced, value: string): Traced {
  const start = piece.origin[0]!
  const end = piece.origin[piece.value.length]!
  const origin = new Int32Array(value.length + 1)
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    // Keep a surrogate pair on one side of any split.
    origin[index] =
      code >= 0xdc00 && code <= 0xdfff && index > 0
        ? origin[index - 1]!
        : start + Math.floor((index * (end - start)) / value.length)
  }

  origin[value.length] = end
  return {value, origin}
}

/** Join traced pieces. */
function concat(pieces: readonly Traced[], end: number): Traced {
  const value = pieces.map((piece) => piece.value).join('')
  const origin = new Int32Array(value.length + 1)
  let offset = 0
  for (const piece of pieces) {
    origin.set(piece.origin.subarray(0, piece.value.length), offset)
    offset += piece.value.length
  }

  origin[value.length] = end
  return {value, origin}
}

/** The output that comes from the input span `[start, end)`. */
function outputOf(text: Traced, start: number, end: number): string {
  return text.value.slice(outputIndex(text, start), outputIndex(text, end))
}

/**
 * First index of a conversion's output that comes from input at or after
 * `offset`: where to cut the output to split it like the input.
 *
 * @param conversion
 *   A conversion (or any text with an `origin` map).
 * @param offset
 *   Offset in the input.
 * @returns
 *   Index in the output.
 */
export function outputIndex(conversion: Traced, offset: number): number {
  let low = 0
  let high = conversion.value.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (conversion.origin[middle]! < offset) low = middle + 1
    else high = middle
  }

  return low
}

/** Length in UTF-16 code units of the code point at `index`. */
function codePointLength(value: string, index: number): number {
  return (value.codePointAt(index) ?? 0) > 0xffff ? 2 : 1
}
