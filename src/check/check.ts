/**
 * `zhbook check`: the script check of a Traditional manuscript. Characters
 * in Simplified or non-standard form (S001–S003), half-width punctuation next
 * to Han characters (S004), mainland and Taiwan vocabulary mixed (S005).
 *
 * The same check runs in every build, as warnings.
 */
import {VFile} from 'vfile'
import type {BuildSession} from '../build/session.js'
import {warn, type Place, type RuleId} from '../core/diagnostics.js'
import type {Book} from '../core/model.js'
import {punctuationProblems} from './punctuation.js'
import {scriptProblems} from './script.js'
import {vocabularyWords, type VocabularyWord} from './vocabulary.js'

/** One fix the check can make: one character for another. */
export interface Fix {
  /** Offset in the text (UTF-16). */
  offset: number
  /** Place in the file. */
  place: Place
  /** Text as written. */
  actual: string
  /** Text it becomes. */
  expected: string
  /** Rule. */
  ruleId: RuleId
}

/** What checking one text found. */
export interface CheckResult {
  /** Fixes with one answer, in text order. */
  fixes: Fix[]
  /** Vocabulary words, for the mixed-vocabulary report. */
  vocabulary: VocabularyWord[]
}

/** Options of `checkFile`. */
export interface CheckOptions {
  /** Whether the text is Markdown: code, link targets and HTML tags are not text (default `true`). */
  markdown?: boolean | undefined
}

/**
 * Check one Traditional text: messages go on the file.
 *
 * @param file
 *   File with its text as `value` and its `path` (messages point at it).
 * @param options
 *   Options (optional).
 * @returns
 *   Fixes with one answer, and the vocabulary words found.
 */
export function checkFile(file: VFile, options: CheckOptions = {}): CheckResult {
  const value = String(file.value)
  const text = options.markdown === false ? value : blankCode(value)
  const placeOf = places(value)
  const fixes: Fix[] = []
  const found: Array<{offset: number; reason: string; ruleId: RuleId; fix?: Fix | undefined}> = []

  for (const problem of scriptProblems(text)) {
    const {offset, actual, expected, ruleId} = problem
    const reason =
      ruleId === 'S001'
        ? `Unexpected Simplified character \`${actual}\`, expected \`${expected}\``
        : ruleId === 'S002'
          ? `Unexpected variant \`${actual}\`, expected the Taiwan standard form \`${expected}\``
          : `Unexpected \`${actual}\` in \`${wordAt(text, offset)}\`, expected \`${expected}\``
    const fix = problem.fixable ? {offset, place: placeOf(offset), actual, expected, ruleId} : undefined
    found.push({offset, reason, ruleId, fix})
  }

  for (const problem of punctuationProblems(text)) {
    const {offset, actual, expected} = problem
    const reason = `Unexpected half-width \`${actual}\` next to Han characters, expected \`${expected}\``
    const fix = problem.fixable
      ? {offset, place: placeOf(offset), actual, expected, ruleId: 'S004' as const}
      : undefined
    found.push({offset, reason, ruleId: 'S004', fix})
  }

  found.sort((a, b) => a.offset - b.offset)
  for (const item of found) {
    warn(file, item.reason, placeOf(item.offset), item.ruleId)
    if (item.fix) fixes.push(item.fix)
  }

  const vocabulary = vocabularyWords(text)
  return {fixes, vocabulary}
}

/**
 * Report the words of the smaller vocabulary where a text mixes both: each
 * word once, at its first place, with how often it occurs, the counts and
 * the other vocabulary's word (a real book repeats its words: one message
 * per occurrence would bury every other warning).
 *
 * @param files
 *   Files and the vocabulary words found in each (one edition's text).
 * @returns
 *   Counts of mainland and Taiwan words.
 */
export function reportMixedVocabulary(files: ReadonlyArray<{file: VFile; vocabulary: readonly VocabularyWord[]}>): {
  mainland: number
  taiwan: number
} {
  let mainland = 0
  let taiwan = 0
  for (const {vocabulary} of files) {
    for (const word of vocabulary) {
      if (word.vocabulary === 'mainland') mainland++
      else taiwan++
    }
  }

  if (mainland === 0 || taiwan === 0) return {mainland, taiwan}
  // The edition's vocabulary is the one most of its words are in.
  const minority = taiwan <= mainland ? 'taiwan' : 'mainland'
  const [own, other] = minority === 'taiwan' ? ['mainland', 'Taiwan'] : ['Taiwan', 'mainland']
  const counts = `${Math.max(mainland, taiwan)} ${own}, ${Math.min(mainland, taiwan)} ${other}`
  const occurrences = new Map<string, number>()
  for (const {vocabulary} of files) {
    for (const word of vocabulary) {
      if (word.vocabulary === minority) occurrences.set(word.word, (occurrences.get(word.word) ?? 0) + 1)
    }
  }

  const reported = new Set<string>()
  for (const {file, vocabulary} of files) {
    const placeOf = places(String(file.value))
    for (const word of vocabulary) {
      if (word.vocabulary !== minority || reported.has(word.word)) continue
      reported.add(word.word)
      const times = occurrences.get(word.word)!
      warn(
        file,
        `Unexpected ${other} word \`${word.word}\`${times > 1 ? ` (${times} times)` : ''} in a text of ${own} vocabulary (${counts} words), expected \`${word.counterpart}\``,
        placeOf(word.offset),
        'S005'
      )
    }
  }

  return {mainland, taiwan}
}

/**
 * Check the chapters of a book, when it is written in Traditional Chinese;
 * the build shows the messages as warnings.
 *
 * @param book
 *   Book.
 * @returns
 *   One file per chapter with messages (the chapters' own files are left
 *   alone: the check is not part of their processing).
 */
export function checkBook(book: Book, session?: BuildSession | undefined): VFile[] {
  if (!isTraditional(book.meta.language)) return []
  // What checking a chapter found, by its path and text: a rebuild of a
  // session checks only the chapters whose text changed.
  const store = session?.keyed<{text: string; found: ChapterCheck}>('check.chapters', 4096)
  const checked = book.chapters.map((chapter) => {
    const text = String(chapter.file.value)
    const source = new VFile({path: chapter.file.path, value: text})
    // An unchanged chapter is not checked again (watch mode): its findings are replayed.
    let kept = store?.peek(source.path)
    if (kept?.text !== text) {
      const scratch = new VFile({path: source.path, value: text})
      const result = checkFile(scratch)
      kept = {
        text,
        found: {
          messages: scratch.messages.map(({reason, line, column, ruleId}) => ({reason, line, column, ruleId})),
          vocabulary: result.vocabulary
        }
      }
      store?.set(source.path, kept)
    }

    const {messages, vocabulary} = kept!.found
    for (const {reason, line, column, ruleId} of messages) {
      warn(source, reason, line ? {line, column: column ?? 1} : undefined, ruleId as RuleId)
    }

    return {file: source, vocabulary}
  })
  reportMixedVocabulary(checked)
  return checked.map(({file}) => file).filter((file) => file.messages.length > 0)
}

/** What checking a chapter found. */
type ChapterCheck = {
  messages: Array<{reason: string; line?: number | undefined; column?: number | undefined; ruleId?: string | undefined}>
  vocabulary: VocabularyWord[]
}

/**
 * Apply fixes to a text.
 *
 * @param value
 *   Text.
 * @param fixes
 *   Fixes of this text (one character each).
 * @returns
 *   Fixed text.
 */
export function applyFixes(value: string, fixes: readonly Fix[]): string {
  let result = ''
  let last = 0
  for (const fix of [...fixes].sort((a, b) => a.offset - b.offset)) {
    result += value.slice(last, fix.offset) + fix.expected
    last = fix.offset + fix.actual.length
  }

  return result + value.slice(last)
}

/**
 * Whether a language tag is Traditional Chinese.
 *
 * @param language
 *   BCP 47 tag.
 * @returns
 *   Whether it is.
 */
export function isTraditional(language: string): boolean {
  return /^zh-(?:Hant|TW|HK|MO)\b/i.test(language)
}

/**
 * Markdown with what is not prose blanked out (same length, lines kept):
 * fenced and inline code, link targets and definitions, HTML tags.
 *
 * @param value
 *   Markdown.
 * @returns
 *   Text to check.
 */
function blankCode(value: string): string {
  const blank = (whole: string) => whole.replace(/[^\n]/g, ' ')
  return (
    value
      .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
      .replace(/(`+)[^`]+?\1/g, blank)
      // A target is scanned up to its first `(` unless it pairs it (`Foo_(bar)`):
      // `[^)\s]*` alone scans to the end of the line from every `](`, which
      // makes `[a](` × 40 000 take 13 s.
      .replace(/\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"\n]*")?\)/g, blank)
      .replace(/^ {0,3}\[(?!\^)[^\]\n]+\]:[^\n]*$/gm, blank)
      // Up to the next `<` at most: `<http://a` × 20 000 without a `>` would
      // be scanned to the end from each `<`.
      .replace(/<[a-z/!][^<>]*>/gi, blank)
  )
}

/**
 * Give line and column (1-based) of offsets of a text.
 *
 * @param value
 *   Text.
 * @returns
 *   Function from offset to place.
 */
function places(value: string): (offset: number) => Place {
  const starts = [0]
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) starts.push(index + 1)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >>> 1
      if (starts[middle]! <= offset) low = middle
      else high = middle - 1
    }

    return {line: low + 1, column: offset - starts[low]! + 1}
  }
}

/**
 * The Han word around an offset, for messages: two characters either side.
 *
 * @param text
 *   Text.
 * @param offset
 *   Offset of a Han character.
 * @returns
 *   The characters around it.
 */
function wordAt(text: string, offset: number): string {
  let start = offset
  let end = offset + 1
  while (start > offset - 2 && start > 0 && /\p{Script=Han}/u.test(text[start - 1]!)) start--
  while (end < offset + 3 && end < text.length && /\p{Script=Han}/u.test(text[end]!)) end++
  return text.slice(start, end)
}
