/**
 * The chapter reader: remark-parse and the mdast plugins every edition
 * shares, behind guards on what makes the parser slow or recursive without
 * bound. It runs on a worker thread (`parse-pool.ts`), so it imports only
 * what reading needs.
 */
import type {Root as MdastRoot} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {ChapterSource, LineMap} from '../core/model.js'
import {mapPoint} from '../load/layouts/line-map.js'
import remarkBlockIds from '../stages/remark-block-ids.js'
import remarkCjkAutolinks from '../stages/remark-cjk-autolinks.js'
import remarkDuplicateDefinitions from '../stages/remark-duplicate-definitions.js'
import remarkHeadingIds from '../stages/remark-heading-ids.js'
import remarkSourceLines from '../stages/remark-source-lines.js'
import {parseInParts} from './parse-parts.js'

/** What the reader reads of a chapter: its path, its text, its line map. */
export interface ChapterText {
  /** Path of the chapter file. */
  path: string
  /** Markdown. */
  value: string
  /** Where each line comes from in the file as written (optional). */
  lines?: LineMap | undefined
}

/** A chapter read into mdast, once for every edition. */
export type ParsedChapter =
  /** The tree (block ids given), and what reading it reported. */
  | {tree: MdastRoot; messages: readonly VFileMessage[]}
  /** Where the chapter nests too deep to be processed (M007). */
  | {deep: {line: number; column: number}}
  /** Why the parser could not handle the chapter (M008). */
  | {failure: string}
  /** Where a paragraph holds more inline markers than `maxMarkers` (B002). */
  | {markers: {line: number; column: number}}
  /** The time budget, in seconds, the reading ran past (B001). */
  | {timeout: number}

/** Reads a chapter into mdast. */
export type ChapterReader = (chapter: ChapterText) => ParsedChapter

/**
 * What the reader reads of a chapter source.
 *
 * @param source
 *   Chapter.
 * @returns
 *   Its path, text and line map.
 */
export function chapterText(source: ChapterSource): ChapterText {
  return {path: source.file.path, value: String(source.file.value), lines: source.lines}
}

/**
 * Make the reader that parses a chapter's Markdown and numbers its blocks:
 * the part of the pipeline every edition shares.
 *
 * Why apart: parsing is the most costly step of a build (micromark), and it
 * does not depend on the edition; a chapter is parsed once and each edition
 * runs its own stages on the tree (or a copy of it).
 *
 * @returns
 *   Chapter reader.
 */
export function createChapterReader(): ChapterReader {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(remarkCjkAutolinks)
    .use(remarkSourceLines)
    .use(remarkMath)
    .use(remarkDuplicateDefinitions)
    .use(remarkBlockIds)
    .use(remarkHeadingIds)
    .freeze()

  return (source) => {
    const value = source.value
    const deep = tooDeep(value)
    if (deep) return {deep: source.lines ? mapPoint(source.lines, deep.line, deep.column) : deep}
    const markers = tooManyMarkers(value)
    if (markers) return {markers: source.lines ? mapPoint(source.lines, markers.line, markers.column) : markers}
    // Its messages are copied to each edition's own file.
    const file = new VFile({path: source.path, value, data: source.lines ? {sourceLines: source.lines} : {}})
    try {
      // A long chapter in parts: a whole parse grows faster than the text.
      const parsed = parseInParts(value, (part) => processor.parse(part)) ?? processor.parse(file)
      const tree = processor.runSync(parsed, file) as MdastRoot
      return {tree, messages: file.messages}
    } catch (cause) {
      return {failure: failureReason(cause)}
    }
  }
}

/**
 * What a failure says in M008.
 *
 * @param cause
 *   What was thrown.
 * @returns
 *   Reason.
 */
export function failureReason(cause: unknown): string {
  return cause instanceof RangeError ? 'structure too deeply nested to process' : String(cause)
}

/** Deepest nesting of blockquotes (or indentation, in list levels) accepted. */
export const maxNesting = 100

/**
 * Where a Markdown text nests deeper than `maxNesting`: the parser's and the
 * stages' tree walks are recursive, and a hostile file with 10 000 levels
 * would overflow the stack, or take minutes.
 *
 * Counted: container markers at the start of a line (`> > >`, `- - -`,
 * `1. 1.`), indentation (list levels take two or more columns each), HTML
 * elements left open (outside fenced code), and runs of emphasis markers
 * (`*****…`) in a line of text.
 *
 * @param value
 *   Markdown.
 * @returns
 *   Place of the first line that nests too deep, or `undefined`.
 */
export function tooDeep(value: string): {line: number; column: number} | undefined {
  let line = 0
  let fence: string | undefined
  let open = 0
  for (const text of value.split('\n')) {
    line++
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(text)
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0]
      else if (fenceMatch[1]![0] === fence) fence = undefined
      continue
    }

    if (fence !== undefined) continue
    const prefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/.exec(text)![0]
    const markers = prefix.replace(/\d{1,9}[.)]/g, '1').replace(/[ \t]/g, '').length
    const indent = prefix.replace(/\t/g, '    ').length - prefix.replace(/[ \t]/g, '').length
    if (markers > maxNesting || indent > maxNesting * 2) return {line, column: 1}
    if (/([*_])\1{200}/.test(text) && !/^[ \t*_-]*$/.test(text)) return {line, column: 1}
    for (const tag of text.replace(/`[^`]*`/g, '').matchAll(tagExpression)) {
      const name = tag[2]!.toLowerCase()
      if (selfClosing.has(name) || tag[3] === '/') continue
      open += tag[1] === '/' ? -1 : 1
      if (open < 0) open = 0
      if (open > maxNesting) return {line, column: tag.index + 1}
    }
  }

  return undefined
}

/** An HTML start or end tag: `/` of an end tag, the name, `/` of `<br/>`. */
const tagExpression = /<(\/?)([a-z][a-z\d-]*)\b[^<>]*?(\/?)>/gi

/**
 * Elements that never hold others: void elements, and those whose end tag
 * may be left out (a `<p>` closes the one before).
 */
const selfClosing = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'rt',
  'rp'
])

/**
 * Most emphasis, strikethrough and bracket markers accepted in one
 * paragraph: micromark pairs them with work that grows with the square of
 * their number in a paragraph (40 000 `*a` take 19 s, 50 000 alternating
 * `*_` over 300 s), and no book has a paragraph with thousands of them.
 */
export const maxMarkers = 5000

/**
 * Where a paragraph of a Markdown text holds more than `maxMarkers` inline
 * markers: runs of `*`, `_` or `~` (`*_*_` is four runs, `**` one) and each
 * `[` or `]`.
 *
 * A paragraph is taken as a run of lines that are not blank and do not start
 * a block of their own (a list item, a quotation, a heading, a table row);
 * fenced code and code spans are not counted; a line of one marker alone (a
 * thematic break) is not either.
 *
 * @param value
 *   Markdown.
 * @returns
 *   Place of the marker past the limit, or `undefined`.
 */
export function tooManyMarkers(value: string): {line: number; column: number} | undefined {
  let line = 0
  let fence: string | undefined
  let count = 0
  for (const text of value.split('\n')) {
    line++
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(text)
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0]
      else if (fenceMatch[1]![0] === fence) fence = undefined
      count = 0
      continue
    }

    if (fence !== undefined) continue
    if (/^[ \t]*(?:$|[>#|]|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/.test(text)) count = 0
    if (/^[ \t]*([*_])(?:[ \t]*\1)*[ \t]*$/.test(text)) continue
    // Code spans as spaces, so columns stay those of the line.
    const plain = text.includes('`') ? text.replace(/`[^`]*`/g, (span) => ' '.repeat(span.length)) : text
    for (const marker of plain.matchAll(/([*_~])\1*|[[\]]/g)) {
      count++
      if (count > maxMarkers) return {line, column: marker.index + 1}
    }
  }

  return undefined
}
