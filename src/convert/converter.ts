/**
 * Traditional (Taiwan) → Simplified (mainland) conversion that says what it changed. Three layers,
 * each winning over the next: the editor's overrides (matched on the input, so an entry wins over
 * any phrase it overlaps), zhbook's vocabulary, and OpenCC's `tw2sp` in opencc-js's order. opencc-js
 * cannot report its matches, so its dictionaries are compiled into our own tables (`chain.ts`,
 * `table.ts`) that record every hit with its place in the input.
 */
import type {OverrideEntry} from '../core/model.js'
import {compileChain, convertPlain, type Layers, loadChain, normalize, type Trace} from './chain.js'
import {codePointLength, Table} from './table.js'
import {TracedText} from './traced.js'
import type {VocabularyField} from './vocabulary.js'

/** What kind of change a hit is: the layer that made it. */
export type HitKind =
  /** An override from the editor's dictionary. */
  | 'override'
  /** A Taiwan word replaced by zhbook's mainland vocabulary. */
  | 'zhbook'
  /** A Taiwan word replaced by the mainland word (OpenCC `TWPhrasesRev`). */
  | 'vocabulary'
  /** A multi-character entry that picks the right characters in context. */
  | 'phrase'
  /** A single-character variant or Traditional → Simplified character. */
  | 'character'

/** One change the converter made. */
export interface ConversionHit {
  kind: HitKind
  /** Source text (Traditional), as in the input. */
  from: string
  to: string
  /** Offset of `from` in the input (UTF-16 code units). */
  start: number
  end: number
  override?: OverrideEntry | undefined
}

/** Result of a conversion. */
export interface Conversion {
  value: string
  /**
   * Input offset of each UTF-16 index of `value`, plus one past the end; non-decreasing. Splits the
   * output back over the input's text nodes.
   */
  origin: Int32Array
  hits: ConversionHit[]
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

interface Traced {
  value: string
  origin: Int32Array
}

/** Options of `createConverter`. */
export interface ConverterOptions {
  /** `'technical'` adds computing words (介面 → 接口, 預設 → 默认) (optional, default: `'general'`). */
  readonly vocabulary?: VocabularyField | undefined
  /** Vocabulary tables instead of zhbook's, to measure what an entry does (`make bench-convert`) (optional). */
  readonly layers?: Layers | undefined
}

/**
 * Create a converter.
 *
 * @param overrides
 *   The editor's entries, matched on the input before anything else (default: none).
 * @param options
 *   Configuration (optional).
 * @returns
 *   Converter.
 */
export function createConverter(overrides: readonly OverrideEntry[] = [], options: ConverterOptions = {}): Converter {
  const chain = options.layers
    ? compileChain(options.vocabulary ?? 'general', options.layers)
    : loadChain(options.vocabulary)
  const overrideTable = new Table(new Map(overrides.map((entry) => [entry.from, {to: entry.to, override: entry}])))

  // `convert` never yields, so one set of buffers serves every call.
  let workspace: Workspace | undefined

  return {
    convert(input) {
      const trace: Trace = {hits: [], characters: 0}
      workspace ??= createWorkspace(chain.steps.length)
      const {source, normalized, scratch, out} = workspace
      normalize(chain, source.load(input), normalized)
      out.clear()
      const plain = (start: number, end: number) => convertPlain(normalized, start, end, chain, scratch, out, trace)

      // Overrides first: no OpenCC phrase can reach across one.
      const length = normalized.length
      let plainStart = 0
      let index = 0
      while (!overrideTable.empty && index < length) {
        const end = overrideTable.match(normalized.units, index, length)
        if (end === -1) {
          index += codePointLength(normalized.units, index, length)
          continue
        }

        if (plainStart < index) plain(plainStart, index)
        const {to, override} = overrideTable.matched!
        const from = normalized.origin[index]!
        const until = normalized.origin[end]!
        out.replace(to, from, until)
        trace.hits.push({
          kind: 'override',
          from: input.slice(from, until),
          to,
          start: from,
          end: until,
          override
        })
        index = end
        plainStart = index
      }

      if (plainStart < length) plain(plainStart, length)
      out.close(input.length)
      const result: Traced = {value: out.toString(), origin: out.origin.slice(0, out.length + 1)}
      const kept = [source, normalized, out, ...scratch]
      if (kept.some((text) => text.capacity > keptCapacity)) {
        workspace = undefined
      }

      const hits = trace.hits.sort((a, b) => a.start - b.start || a.end - b.end)
      // Report what each source span finally became, not the form after the first step.
      for (const hit of hits) {
        if (hit.kind === 'override') continue
        hit.from = input.slice(hit.start, hit.end)
        hit.to = outputOf(result, hit.start, hit.end)
      }

      return {
        value: result.value,
        origin: result.origin,
        // Every override counts, even one that keeps the text (核心 → 核心).
        hits: hits.filter((hit) => hit.kind === 'override' || hit.from !== hit.to),
        characters: trace.characters
      }
    }
  }
}

interface Workspace {
  source: TracedText
  normalized: TracedText
  scratch: TracedText[]
  out: TracedText
}

const keptCapacity = 0x10000

function createWorkspace(steps: number): Workspace {
  const text = () => new TracedText(1024)
  return {
    source: text(),
    normalized: text(),
    scratch: Array.from({length: steps - 1}, text),
    out: text()
  }
}

function outputOf(text: Traced, start: number, end: number): string {
  return text.value.slice(outputIndex(text, start), outputIndex(text, end))
}

/**
 * First index of a conversion's output that comes from input at or after `offset`: where to cut the
 * output to split it like the input.
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
