/**
 * Diagnostics: the stable rule ids and how messages are made and printed.
 *
 * Every message goes through vfile (`file.message`), so it carries the file,
 * the place and a rule id; this module only adds the catalogue of ids and the
 * one-line `file:line:col: message [rule-id]` format editors' tools can jump
 * to.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/**
 * Rule ids, a letter for the family and a number. A retired id is never
 * reused: tests and editors' notes refer to them.
 *
 * C: `book.yaml`; M: manuscript files; O: override dictionary;
 * H: HTML in the manuscript; I: images and other assets; G: glossary;
 * T: translation; D: dictionary; F: the embedded font; L: a book's own
 * layout (`book.toml`, `SUMMARY.md`, mdBook includes, GitBook tags) and its
 * links; S: script
 * and vocabulary of a Traditional text (`zhbook check`); W: the folders
 * zhbook writes (output, caches); X: characters and documents XML refuses;
 * U: the command line (a folder that is not there, an unknown edition).
 * B: bounded work (time budgets and parser guards).
 */
export const rules = {
  C001: 'book.yaml is not valid YAML',
  C002: 'a book.yaml field has a wrong value',
  C003: 'book.yaml has an unknown key',
  C004: 'book.yaml misses a required field',
  C005: 'a path in book.yaml leads outside the manuscript folder',
  C006: 'a file named in book.yaml does not exist',
  C010: 'book.yaml names a language zhbook cannot build from (it reads Traditional Chinese)',
  C011: 'book.yaml names a regional Traditional tag (`zh-TW`, `zh-HK`, `zh-MO`): read as `zh-Hant`',
  C012: 'book.yaml `rules:` names a rule id zhbook does not have',
  M001: 'a chapter listed in book.yaml does not exist',
  M002: 'the manuscript has no chapters',
  M003: 'a chapter has no heading',
  M004: 'two chapters have the same id',
  M005: 'a chapter is empty',
  M006: 'a manuscript file is not UTF-8',
  M007: 'a chapter nests deeper than 100 levels',
  M008: 'a chapter could not be processed',
  M009: 'a manuscript file holds a NUL byte or another control character',
  M010: 'a manuscript file is a link to a file outside the manuscript folder',
  M011: 'a footnote or link is defined twice (the second is not shown)',
  M012: 'a TeX formula could not be read (it is shown as TeX)',
  M013: 'a manuscript file is not a regular file (a folder, a FIFO, a device)',
  M014: 'a chapter id is too long to name a file',
  M015: 'an id in the manuscript’s HTML is one zhbook gives (it is removed)',
  O001: 'the override dictionary is not valid YAML',
  O002: 'an override entry is not a pair of non-empty strings',
  O003: 'an override result contains the key of an entry that changes it',
  H001: 'unsafe HTML was removed from a chapter',
  I001: 'an image does not exist',
  I002: 'an image is not a local file in the manuscript folder',
  I003: 'the EPUB cover was drawn without its text: no CJK font on this machine',
  I004: 'an image is in a format not every reader shows',
  I005: 'an image is larger than 1 MB',
  I006: 'the cover image is not one readers can show (type, dimensions or size)',
  G001: 'the glossary is not valid YAML',
  G002: 'a glossary entry is not valid',
  G003: 'a glossary term is listed twice',
  T001: 'a paragraph has no translation',
  T002: 'a translation is out of date (fuzzy)',
  T003: 'a PO file is not valid',
  T004: 'a translation holds a block (a heading, a list, a paragraph break)',
  T005: 'the translations folder leads outside the manuscript folder',
  D001: 'the pop-up dictionary could not be made (CC-CEDICT data missing)',
  F001: 'the font file does not exist',
  F002: 'the font file is not a font, or has no such face',
  F003: 'the embedded face has no glyph for some characters',
  L001: 'a chapter listed in SUMMARY.md does not exist',
  L002: 'a SUMMARY.md entry is a draft (no file): it is left out',
  L003: 'a SUMMARY.md entry is not a file of the book (a web page, or outside the book)',
  L004: 'a chapter is listed twice in SUMMARY.md (the second is left out)',
  L005: 'book.toml is not valid TOML, or a field has a wrong value',
  L006: 'the book has no title in its own files',
  L007: 'an include names a file outside the book',
  L008: 'an included file, anchor or line range does not exist',
  L009: 'an mdBook `{{#…}}` directive is not supported',
  L010: 'a GitBook `{% … %}` tag is not supported',
  L011: 'a GitBook block tag is not closed, or closes nothing',
  L012: 'includes nest deeper than 10 levels',
  L013: 'a link leads to a file that is not a chapter of the book (it is shown as text)',
  L014: 'a link leads to an id that its chapter does not have (it is shown as text)',
  S001: 'a Traditional text holds a Simplified character',
  S002: 'a Traditional text holds a variant that is not the Taiwan standard form',
  S003: 'a Traditional character is the wrong one for its word (Simplified merges the two)',
  S004: 'half-width punctuation next to Han characters',
  S005: 'mainland and Taiwan vocabulary mixed in one text',
  W001: 'the output folder is inside the manuscript folder',
  W002: 'the manuscript folder is inside the output folder',
  W003: 'the output folder is the current folder, which holds other files',
  W004: 'the output folder holds files zhbook did not write',
  W005: 'an entry the build replaces was not written by zhbook',
  W006: 'the output folder is not a folder',
  W007: 'the output could not be written (no space, read-only, no permission)',
  W008: "a folder to clean does not carry zhbook's marker",
  W009: "the cache folder holds files that are not zhbook's cache, or cannot be made",
  X001: 'a text holds a character XML 1.0 forbids',
  X002: 'a text holds a Unicode non-character',
  X003: 'a document the build made is not well-formed XML',
  X004: 'an EPUB the build made cannot be read back',
  U001: 'the manuscript folder does not exist',
  U002: 'a file was given where a folder is expected',
  U003: '`zhbook init` found a book.yaml already there (it is never overwritten)',
  U004: 'an unknown edition or format was asked for',
  B001: 'a chapter was not read within its time budget',
  B002: 'a paragraph holds too many emphasis, strikethrough or bracket markers',
  B003: 'a chapter’s stages did not end within its time budget'
} as const

/** A rule id. */
export type RuleId = keyof typeof rules

/** Rules that report a bug in zhbook rather than in the book: its own output failed its read-back. */
const bugRules: ReadonlySet<string> = new Set<RuleId>(['X003', 'X004'])

/**
 * Exit code of a failed build.
 *
 * @param files
 *   The build's files with their messages.
 * @returns
 *   70 when a message reports a bug in zhbook (X003, X004), else 1.
 */
export function failureCode(files: readonly VFile[]): 1 | 70 {
  const bug = files.some((file) => file.messages.some((message) => message.fatal && bugRules.has(message.ruleId ?? '')))
  return bug ? 70 : 1
}

/** Where a message points: a point or a span, 1-based. */
export interface Place {
  line: number
  column: number
}

/**
 * Report a problem that stops the build, without throwing: the caller can
 * collect every error of a file before the build stops.
 *
 * @param file
 *   File the problem is in.
 * @param reason
 *   Message, phrased "Unexpected X, expected Y".
 * @param place
 *   Point in the file (optional).
 * @param ruleId
 *   Rule id.
 * @returns
 *   The message.
 */
export function error(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  const message = file.message(reason, {place, ruleId, source: 'zhbook'})
  message.fatal = true
  return message
}

/**
 * Report a problem that does not stop the build.
 *
 * @param file
 *   File the problem is in.
 * @param reason
 *   Message.
 * @param place
 *   Point in the file (optional).
 * @param ruleId
 *   Rule id.
 * @returns
 *   The message.
 */
export function warn(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  return file.message(reason, {place, ruleId, source: 'zhbook'})
}

/**
 * Report something a reader of the messages should know, which is not a
 * problem (a draft chapter left out).
 *
 * @param file
 *   File the note is about.
 * @param reason
 *   Message.
 * @param place
 *   Point in the file (optional).
 * @param ruleId
 *   Rule id.
 * @returns
 *   The message.
 */
export function note(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  return file.info(reason, {place, ruleId, source: 'zhbook'})
}

/**
 * Whether any of the files has a message that stops the build.
 *
 * @param files
 *   Files to check.
 * @returns
 *   Whether there is an error.
 */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((m) => m.fatal === true))
}

/** What an author may set a rule to in `book.yaml` (`rules: {H001: off}`). */
export type RuleLevel = 'off' | 'info' | 'warning'

/** Options of `formatMessages`. */
export interface FormatOptions {
  /**
   * Levels the author set (`book.yaml` `rules:`) (optional: none). They
   * apply to warnings and notes; an error stays an error, since it stops
   * the build whatever it is called.
   */
  rules?: Readonly<Partial<Record<string, RuleLevel>>> | undefined
  /**
   * How many warnings and notes of one rule are shown before the rest are
   * summed up in one line (optional, default: all are shown). Errors are
   * always shown: each needs a fix.
   */
  limit?: number | undefined
  /** Whether a last line counts the errors and warnings by rule (optional, default: `false`). */
  totals?: boolean | undefined
}

/**
 * Format messages as `file:line:col: severity: message [rule-id]`, one a line,
 * each message once (the same chapter is processed once per edition, and the
 * parse-level messages would otherwise repeat).
 *
 * @param files
 *   Files with messages.
 * @param cwd
 *   Folder paths are shown relative to (default: `process.cwd()`).
 * @param options
 *   Rule levels, the limit per rule and the totals line (optional).
 * @returns
 *   Lines, sorted by file and place.
 */
export function formatMessages(
  files: readonly VFile[],
  cwd: string = process.cwd(),
  options: FormatOptions = {}
): string[] {
  const seen = new Set<string>()
  const rows: Array<{line: string; rule: string; severity: Severity; name: string; sort: [string, number, number]}> = []

  for (const file of files) {
    const name = file.path ? path.relative(cwd, file.path) || '.' : '<input>'
    for (const message of file.messages) {
      const line = message.line ?? 1
      const column = message.column ?? 1
      const rule = message.ruleId ?? 'zhbook'
      const severity = severityOf(message, options.rules?.[rule])
      if (!severity) continue
      const text = `${name}:${line}:${column}: ${severity}: ${message.reason} [${rule}]`
      if (seen.has(text)) continue
      seen.add(text)
      rows.push({line: text, rule, severity, name, sort: [name, line, column]})
    }
  }

  rows.sort((a, b) => a.sort[0].localeCompare(b.sort[0]) || a.sort[1] - b.sort[1] || a.sort[2] - b.sort[2])
  const lines: string[] = []
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  // Warnings and notes by rule: the first `limit` of each are shown.
  const byRule = new Map<string, typeof rows>()
  for (const row of rows) {
    if (row.severity === 'error') continue
    const same = byRule.get(row.rule) ?? []
    same.push(row)
    byRule.set(row.rule, same)
  }

  const counted = new Map<string, number>()
  for (const row of rows) {
    const same = row.severity === 'error' ? undefined : byRule.get(row.rule)
    const index = same ? (counted.get(row.rule) ?? 0) : -1
    if (same) counted.set(row.rule, index + 1)
    if (index >= limit) continue
    lines.push(row.line)
    // After the last one shown: how many more, in how many files.
    if (same && index === limit - 1 && same.length > limit) {
      const rest = same.slice(limit)
      const names = new Set(rest.map((entry) => entry.name)).size
      lines.push(`… and ${rest.length} more ${row.rule} in ${names} ${names === 1 ? 'file' : 'files'}`)
    }
  }

  if (options.totals && rows.length > 0) lines.push(totalsLine(rows))
  return lines
}

/** How a message is shown. */
type Severity = 'error' | 'warning' | 'info'

/** A message's severity after the author's level for its rule; `undefined` when turned off. */
function severityOf(message: VFileMessage, level: RuleLevel | undefined): Severity | undefined {
  // vfile's `info` leaves `fatal` unset: a note, not a problem.
  if (message.fatal) return 'error'
  if (level === 'off') return undefined
  if (level) return level
  return message.fatal === false ? 'warning' : 'info'
}

/** `zhbook: 1 error (M001), 3 warnings (H001 ×2, T001)`: the messages by severity and rule. */
function totalsLine(rows: ReadonlyArray<{rule: string; severity: Severity}>): string {
  const parts: string[] = []
  for (const [severity, one, many] of [
    ['error', 'error', 'errors'],
    ['warning', 'warning', 'warnings'],
    ['info', 'note', 'notes']
  ] as const) {
    const counts = new Map<string, number>()
    for (const row of rows) if (row.severity === severity) counts.set(row.rule, (counts.get(row.rule) ?? 0) + 1)
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0)
    if (total === 0 && severity === 'info') continue
    const rules = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([rule, count]) => (count === 1 ? rule : `${rule} ×${count}`))
    parts.push(`${total} ${total === 1 ? one : many}${rules.length > 0 ? ` (${rules.join(', ')})` : ''}`)
  }

  return `zhbook: ${parts.join(', ')}`
}

/**
 * A size in bytes as people read it.
 *
 * @param bytes
 *   Size.
 * @returns
 *   `1.4 MB`, `320 KB`.
 */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
