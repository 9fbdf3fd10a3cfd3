/**
 * The compact CC-CEDICT index in memory. Opening it decodes only the headwords section (about 2 MB):
 * no table is built. A word is found by binary search over the text itself (a probe backs up to its
 * line's start, as `look(1)` does); readings are decoded when asked for.
 */
import type {DictionaryReading} from '../core/model.js'

/** Tab: ends a headword, and sorts before any character of one. */
const tab = 9

const whitespace = /\s/

/**
 * A prefix searched for: where the first line whose headword starts with it starts (`-1`: none
 * does), the prefix itself when it is a headword, and the longer prefixes searched, by their last
 * code point.
 */
interface Prefix {
  line: number
  word: string | undefined
  next: Map<number, Prefix> | undefined
}

/**
 * The character at a place, as a number: a code unit, or a high surrogate and the unit after it
 * (above `0xFFFF`), as a headword is walked.
 */
function characterAt(text: string, at: number): number {
  const code = text.charCodeAt(at)
  return code >= 0xd8_00 && code <= 0xdb_ff && at + 1 < text.length ? code * 0x1_00_00 + text.charCodeAt(at + 1) : code
}

/** Whether a code unit is whitespace (`\s`): only a few below U+3001 are, and U+FEFF. */
function blank(code: number): boolean {
  return (code <= 0x30_00 || code === 0xfe_ff) && whitespace.test(String.fromCharCode(code))
}

/** Headwords and their readings. */
export class DictionaryIndex {
  private readonly text: string
  private readonly readingsSection: Buffer
  /**
   * The prefixes searched so far, as a tree by code point: text repeats itself, so each is searched
   * for once, and a walk along the text needs no substring. Bounded by the distinct prefixes of the
   * headwords looked for in the book.
   */
  private readonly root: Prefix = {line: 0, word: undefined, next: undefined}

  private constructor(text: string, readingsSection: Buffer) {
    this.text = text
    this.readingsSection = readingsSection
  }

  /**
   * Open an index body.
   *
   * @param body
   *   Both sections.
   * @param wordBytes
   *   Length of the headwords section in bytes.
   * @returns
   *   The index, or `undefined` when the body is not made of two sections of whole lines.
   */
  static open(body: Buffer, wordBytes: number): DictionaryIndex | undefined {
    if (!Number.isInteger(wordBytes) || wordBytes < 0 || wordBytes > body.length) return undefined
    const text = body.toString('utf8', 0, wordBytes)
    const readingsSection = body.subarray(wordBytes)
    if (!wholeLines(text) || (readingsSection.length > 0 && readingsSection.at(-1) !== 10)) return undefined
    return new DictionaryIndex(text, readingsSection)
  }

  /**
   * The readings of a word.
   *
   * @param word
   *   Simplified headword.
   * @returns
   *   Its readings, or `undefined` when CC-CEDICT does not have it.
   */
  readings(word: string): DictionaryReading[] | undefined {
    if (whitespace.test(word)) return undefined
    const at = this.prefix(word).line
    if (at === -1 || this.text.charCodeAt(at + word.length) !== tab) return undefined

    const next = this.text.indexOf('\n', at) + 1
    const start = this.readingsStart(at)
    const end = next === this.text.length ? this.readingsSection.length : this.readingsStart(next)
    const fields = this.readingsSection.toString('utf8', start, end - 1).split('\t')
    const readings: DictionaryReading[] = []
    for (let index = 0; index + 1 < fields.length; index += 2) {
      readings.push({pinyin: fields[index]!, en: fields[index + 1]!})
    }

    return readings
  }

  /**
   * Whether CC-CEDICT has a headword (its readings are not decoded).
   *
   * @param word
   *   Simplified headword.
   * @returns
   *   Whether it does.
   */
  has(word: string): boolean {
    if (whitespace.test(word)) return false
    return this.prefix(word).word !== undefined
  }

  /**
   * Visit every headword in a text, at any place and of any length: from each character, the text
   * is extended while some headword starts with it. Headwords hold no whitespace.
   *
   * @param text
   *   Text.
   * @param visit
   *   Called with each headword and its start and end (UTF-16 offsets), by start, then by length.
   */
  eachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
    for (let start = 0; start < text.length; ) {
      let prefix = this.root
      let step = 0
      for (let end = start; end < text.length; ) {
        const character = characterAt(text, end)
        end += character > 0xff_ff ? 2 : 1
        step ||= end - start
        if (blank(text.charCodeAt(end - 1))) break
        prefix = this.extend(prefix, character, text, start, end)
        if (prefix.line === -1) break
        if (prefix.word !== undefined) visit(prefix.word, start, end)
      }

      start += step
    }
  }

  /**
   * Every headword that occurs in some text (see `eachWord`).
   *
   * @param runs
   *   Runs of text (a word never spans two runs).
   * @returns
   *   The words found, sorted (UTF-16 code units).
   */
  wordsIn(runs: Iterable<string>): string[] {
    const found = new Set<string>()
    for (const run of runs) this.eachWord(run, (word) => found.add(word))
    return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  }

  /** The prefix node of a key (searched for when new). */
  private prefix(key: string): Prefix {
    let prefix = this.root
    for (let end = 0; end < key.length && prefix.line !== -1; ) {
      const character = characterAt(key, end)
      end += character > 0xff_ff ? 2 : 1
      prefix = this.extend(prefix, character, key, 0, end)
    }

    return prefix
  }

  /**
   * The prefix `text.slice(start, end)`: `prefix` and then `character` (see `characterAt`). A
   * longer prefix sorts after a shorter one, so its search starts where the shorter one's lines do.
   */
  private extend(prefix: Prefix, character: number, text: string, start: number, end: number): Prefix {
    let longer = prefix.next?.get(character)
    if (longer === undefined) {
      const key = text.slice(start, end)
      let line = this.lowerBound(key, prefix.line)
      if (line === this.text.length || !this.text.startsWith(key, line)) line = -1
      const word = line !== -1 && this.text.charCodeAt(line + key.length) === tab ? key : undefined
      longer = {line, word, next: undefined}
      prefix.next ??= new Map()
      prefix.next.set(character, longer)
    }

    return longer
  }

  /**
   * Where the first line not sorting before `key` starts (the section's length if none). A line sorts
   * as its headword: the tab after one sorts before any character.
   */
  private lowerBound(key: string, from: number): number {
    let low = from
    let high = this.text.length
    // `low` and `high` are always line starts.
    while (low < high) {
      const lineStart = this.text.lastIndexOf('\n', ((low + high) >>> 1) - 1) + 1
      if (this.lineBefore(lineStart, key)) low = this.text.indexOf('\n', lineStart) + 1
      else high = lineStart
    }

    return low
  }

  /** Whether the line at a place sorts before a key, by UTF-16 code units. */
  private lineBefore(lineStart: number, key: string): boolean {
    for (let index = 0; index < key.length; index++) {
      const difference = this.text.charCodeAt(lineStart + index) - key.charCodeAt(index)
      if (difference !== 0) return difference < 0
    }

    // The key is a prefix of the line: equal or longer headword.
    return false
  }

  /** Byte offset of the readings of the headword whose line starts at `lineStart`. */
  private readingsStart(lineStart: number): number {
    const end = this.text.indexOf('\n', lineStart)
    return Number(this.text.slice(this.text.lastIndexOf('\t', end) + 1, end))
  }
}

function wholeLines(text: string): boolean {
  return text === '' || text.endsWith('\n')
}
