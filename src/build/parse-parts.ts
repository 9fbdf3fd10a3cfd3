/**
 * A long chapter parsed in parts, split before headings.
 *
 * Why: micromark's document tokenizer copies every event of the document
 * read so far each time a list or a quotation ends (`EditMap#consume` in
 * `micromark/lib/initialize/document.js`), so one chapter's parse grows with
 * its length times its number of lists: a 10 MB chapter spent 6.6 of its
 * 10.6 s there, a 50 MB one would spend minutes. Parts of bounded length
 * make the parse linear in the chapter's length.
 *
 * The tree is the one a parse of the whole text gives:
 *
 * - A part ends before a line that starts with `#` at column 1 and that the
 *   parser reads as a heading. Such a line ends every open block (list,
 *   quotation, paragraph, table), so what follows it is read as from the
 *   start of a document. Whether the parser reads it as a heading (not as
 *   code, math or HTML still open) is checked, not guessed: each part is
 *   parsed with that line after it, and the line must come out as a heading.
 * - References (`[text][label]`, `[^label]`) are links only when their label
 *   is defined somewhere in the document. A part that lacks labels defined in
 *   others is parsed again with a one-line definition of each, which is then
 *   dropped.
 * - When a check fails, the caller parses the whole text.
 */
import type {Nodes, Root} from 'mdast'
import type {Point, Position} from 'unist'
import {visit} from 'unist-util-visit'

/** Chapters at most this long (UTF-16 units) are parsed whole; longer ones in parts about this long. */
export const partLength = 256 * 1024

/** Parses a Markdown text into mdast (no transforms). */
export type Parse = (value: string) => Root

/** A part of the text and its tree. */
interface Part {
  /** Offset of its first character in the whole text. */
  offset: number
  /** Line of its first line in the whole text, less one. */
  lines: number
  /** Its text. */
  value: string
  /** The heading line that follows it (empty for the last part). */
  next: string
  /** Its tree, positions in the part. */
  tree: Root
  /** Labels of the definitions in it (`[label]:`). */
  links: Set<string>
  /** Labels of the footnote definitions in it (`[^label]:`). */
  notes: Set<string>
}

/**
 * Parse a Markdown text in parts, giving the tree a parse of the whole text
 * gives.
 *
 * @param value
 *   Markdown.
 * @param parse
 *   Parser of a text.
 * @param length
 *   Length of a part (optional, default: `partLength`): a text at most twice
 *   as long is not split.
 * @returns
 *   The tree, or `undefined` when the text is not split (too short, no
 *   headings to split before, or a split the parser does not confirm): then
 *   parse the whole text.
 */
export function parseInParts(value: string, parse: Parse, length: number = partLength): Root | undefined {
  if (value.length <= length * 2) return undefined
  const candidates = headingLines(value)
  const parts: Part[] = []
  let start = 0
  let lines = 0
  let failures = 0
  let index = 0
  while (start < value.length) {
    while (index < candidates.length && candidates[index]! < start + length) index++
    const cut = candidates[index]
    // The rest is one part when no heading comes after a part's length or
    // less than a part's length is left.
    const end = cut === undefined || cut > value.length - length ? value.length : cut
    const text = value.slice(start, end)
    const next = end < value.length ? value.slice(end, lineEnd(value, end)) : ''
    const tree = parsePart(text, next, [], parse)
    if (!tree) {
      // That `#` line is not a heading (code, math or HTML still open): the
      // part goes on to the next one, a few times at most.
      if (++failures > maxFailures) return undefined
      index++
      continue
    }

    failures = 0
    const {links, notes} = labels(tree)
    parts.push({offset: start, lines, value: text, next, tree, links, notes})
    lines += countLines(text)
    start = end
  }

  if (parts.length < 2) return undefined

  // Labels defined in other parts, as one-line definitions: only when a
  // part lacks some.
  const links = new Set(parts.flatMap((part) => [...part.links]))
  const notes = new Set(parts.flatMap((part) => [...part.notes]))
  for (const [index, part] of parts.entries()) {
    const stubs = [
      ...[...links].filter((label) => !part.links.has(label)).map((label) => `[${label}]: #`),
      ...[...notes].filter((label) => !part.notes.has(label)).map((label) => `[^${label}]: #`)
    ]
    if (stubs.length === 0) continue
    // The first part may start with front matter: its stubs go after it, past
    // the heading that follows it; the others start with a heading (a fresh
    // start), so theirs go before.
    const tree =
      index === 0 ? parsePart(part.value, part.next, stubs, parse) : parsePrefixed(part.value, part.next, stubs, parse)
    if (!tree) return undefined
    part.tree = tree
  }

  const children: Root['children'] = []
  for (const part of parts) {
    for (const child of part.tree.children) {
      shift(child, part.lines, part.offset)
      children.push(child)
    }
  }

  const last = parts.at(-1)!
  const root: Root = {type: 'root', children}
  const end = last.tree.position?.end
  if (end) {
    root.position = {
      start: {line: 1, column: 1, offset: 0},
      end: moved(end, last.lines, last.offset)
    }
  }

  return root
}

/** Most `#` lines in a row that the parser may not read as headings before the text is parsed whole. */
const maxFailures = 3

/**
 * Offsets of the lines, but the first, that start with `#`, then at most
 * five more, then a space, a tab or the end of the line (ATX headings), out
 * of fenced code and math as far as a look at line starts tells: only a
 * guess of where to split, which `parsePart` checks.
 */
function headingLines(value: string): number[] {
  const found: number[] = []
  /** Marker of the fence open (`` ` ``, `~`, `$`), if one is. */
  let fence: number | undefined
  let start = 0
  while (start < value.length) {
    let end = value.indexOf('\n', start)
    if (end === -1) end = value.length
    let at = start
    while (at < start + 3 && value.charCodeAt(at) === 32) at++
    const code = value.charCodeAt(at)
    if (code === 96 || code === 126 || code === 36) {
      let run = at
      while (value.charCodeAt(run) === code) run++
      if (run - at >= (code === 36 ? 2 : 3)) {
        if (fence === undefined) fence = code
        else if (fence === code) fence = undefined
      }
    } else if (code === 35 && at === start && start > 0 && fence === undefined) {
      let run = at
      while (value.charCodeAt(run) === 35) run++
      const after = value.charCodeAt(run)
      if (run - at <= 6 && (after === 32 || after === 9 || after === 10 || after === 13 || run === value.length)) {
        found.push(start)
      }
    }

    start = end + 1
  }

  return found
}

/** Offset of the end of the line starting at `start`, with its line ending. */
function lineEnd(value: string, start: number): number {
  const end = value.indexOf('\n', start)
  return end === -1 ? value.length : end + 1
}

/** Number of line endings in a text (`\n`, `\r\n` or `\r`). */
function countLines(value: string): number {
  let count = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13 && value.charCodeAt(index + 1) !== 10) count++
  }

  return count
}

/**
 * Parse a part followed by the heading line after it (`next`, empty for the
 * last part) and then one-line definitions (`stubs`, only after a heading);
 * keep the part's nodes. `undefined` when `next` is not read as a heading,
 * or the stubs are not read as as many definitions.
 */
function parsePart(value: string, next: string, stubs: readonly string[], parse: Parse): Root | undefined {
  const separator = value.length === 0 || value.endsWith('\n') || value.endsWith('\r') ? '' : '\n'
  const after = next && stubs.length > 0 ? '\n' + stubs.join('\n\n') + '\n' : ''
  if (stubs.length > 0 && !after) return undefined
  const tree = parse(value + separator + next + after)
  const start = value.length + separator.length
  const index = tree.children.findIndex((child) => (child.position?.start.offset ?? -1) >= start)
  if (next) {
    const heading = tree.children[index]
    if (heading?.type !== 'heading' || heading.position?.start.offset !== start) return undefined
  }

  if (after) {
    const rest = tree.children.slice(index + 1)
    if (rest.length !== stubs.length || !rest.every(isDefinition)) return undefined
  }

  if (index !== -1) tree.children.length = index
  return tree
}

/**
 * Parse a part that starts with a heading, with one-line definitions before
 * it; keep the part's nodes, positions in the part.
 */
function parsePrefixed(value: string, next: string, stubs: readonly string[], parse: Parse): Root | undefined {
  const prefix = stubs.join('\n\n') + '\n\n'
  const tree = parsePart(prefix + value, next, [], parse)
  if (!tree) return undefined
  const index = tree.children.findIndex((child) => (child.position?.start.offset ?? -1) >= prefix.length)
  const before = index === -1 ? tree.children : tree.children.slice(0, index)
  if (before.length !== stubs.length || !before.every(isDefinition)) return undefined

  tree.children = index === -1 ? [] : tree.children.slice(index)
  const lines = countLines(prefix)
  for (const child of tree.children) shift(child, -lines, -prefix.length)
  if (tree.position) tree.position = {start: tree.position.start, end: moved(tree.position.end, -lines, -prefix.length)}
  return tree
}

/** Whether a node is a definition or a footnote definition. */
function isDefinition(node: Nodes): boolean {
  return node.type === 'definition' || node.type === 'footnoteDefinition'
}

/** Labels of the definitions and footnote definitions of a tree. */
function labels(tree: Root): {links: Set<string>; notes: Set<string>} {
  const links = new Set<string>()
  const notes = new Set<string>()
  visit(tree, (node) => {
    if (node.type === 'definition') links.add(node.label ?? node.identifier)
    else if (node.type === 'footnoteDefinition') notes.add(node.label ?? node.identifier)
  })
  return {links, notes}
}

/** Move every position of a tree by some lines and some characters (new objects: points may be shared). */
function shift(tree: Nodes, lines: number, offset: number): undefined {
  if (lines === 0 && offset === 0) return
  visit(tree, (node) => {
    if (node.position) node.position = movedPosition(node.position, lines, offset)
  })
  return undefined
}

function movedPosition(position: Position, lines: number, offset: number): Position {
  return {start: moved(position.start, lines, offset), end: moved(position.end, lines, offset)}
}

function moved(point: Point, lines: number, offset: number): Point {
  const result: Point = {line: point.line + lines, column: point.column}
  if (point.offset !== undefined) result.offset = point.offset + offset
  return result
}
