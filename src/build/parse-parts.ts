/**
 * A long chapter parsed in parts, split where a block starts afresh.
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
 * - A part ends before a line at column 1 that starts a heading (`#`), or a
 *   letter after a blank line (a paragraph). Either line ends every block
 *   still open but fenced code, math and some HTML (a list, a quotation and a
 *   footnote go on after a blank line only with indented lines), so what
 *   follows it is read as from the start of a document.
 * - That no code, math or HTML is open there is checked, not guessed: each
 *   part is parsed with a line `#` after it, which must come out as a heading.
 *   When it does not, the part goes on to the next place, a few times at most.
 * - References (`[text][label]`, `[^label]`) are links only when their label
 *   is defined somewhere in the document. A part that lacks labels defined in
 *   others is parsed again with a one-line definition of each, which is then
 *   dropped.
 * - When the checks fail, the caller parses the whole text.
 */
import type {Nodes, Root} from 'mdast'
import type {Point} from 'unist'

/**
 * Length of a part (UTF-16 units). Within a part the parse still grows with
 * the part's length times its lists: small parts keep a text of many lists
 * fast.
 */
export const partLength = 8 * 1024

/**
 * Chapters at most this long (UTF-16 units) are parsed whole: below it the
 * parse grows about as the text does, and parts would only add their checks
 * (a book of a hundred chapters of 20 K characters: 0.4 s).
 */
export const wholeLength = 64 * 1024

/** A line `#`, an empty heading: what must come out as a heading after a part. */
const sentinel = '#\n'

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
  /** Whether a part follows it. */
  more: boolean
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
 *   Length of a part (optional, default: `partLength`).
 * @param whole
 *   Length up to which a text is parsed whole (optional, default:
 *   `wholeLength`; at least twice `length`).
 * @returns
 *   The tree, or `undefined` when the text is not split (too short, no
 *   headings to split before, or a split the parser does not confirm): then
 *   parse the whole text.
 */
export function parseInParts(
  value: string,
  parse: Parse,
  length: number = partLength,
  whole: number = wholeLength
): Root | undefined {
  if (value.length <= Math.max(whole, length * 2)) return undefined
  const candidates = freshLines(value)
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
    const more = end < value.length
    const tree = parsePart(text, more, [], parse)
    if (!tree) {
      // Code, math or HTML still open: the part goes on to the next place.
      if (++failures > maxFailures) return undefined
      index++
      continue
    }

    failures = 0
    const {links, notes} = labels(tree)
    parts.push({offset: start, lines, value: text, more, tree, links, notes})
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
      index === 0 ? parsePart(part.value, part.more, stubs, parse) : parsePrefixed(part.value, part.more, stubs, parse)
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

/** Most places in a row where code, math or HTML is still open before the text is parsed whole. */
const maxFailures = 3

/**
 * Offsets of the lines, but the first, where a part may start: lines that
 * start with `#`, then at most five more, then a space, a tab or the end of
 * the line (ATX headings); and lines that start with a letter after a blank
 * line. Out of fenced code and math as far as a look at line starts tells:
 * only a guess, which `parsePart` checks.
 */
function freshLines(value: string): number[] {
  const found: number[] = []
  /** Marker of the fence open (`` ` ``, `~`, `$`), if one is. */
  let fence: number | undefined
  let blank = false
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
    } else if (at === start && start > 0 && fence === undefined) {
      if (code === 35) {
        let run = at
        while (value.charCodeAt(run) === 35) run++
        const after = value.charCodeAt(run)
        if (run - at <= 6 && (after === 32 || after === 9 || after === 10 || after === 13 || run === value.length)) {
          found.push(start)
        }
      } else if (blank && code > 127 && letter.test(value.charAt(at))) {
        found.push(start)
      } else if (blank && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) {
        found.push(start)
      }
    }

    blank = /^[ \t\r]*$/.test(value.slice(start, end))
    start = end + 1
  }

  return found
}

/** A letter (of any script). */
const letter = /^\p{L}$/u

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
 * Parse a part, followed (when `more`) by a line `#` and then one-line
 * definitions (`stubs`); keep the part's nodes. `undefined` when the `#`
 * line is not read as a heading, or the stubs not as as many definitions.
 */
function parsePart(value: string, more: boolean, stubs: readonly string[], parse: Parse): Root | undefined {
  if (stubs.length > 0 && !more) return undefined
  const separator = value.length === 0 || value.endsWith('\n') || value.endsWith('\r') ? '' : '\n'
  const after = stubs.length > 0 ? '\n' + stubs.join('\n\n') + '\n' : ''
  const tree = parse(more ? value + separator + sentinel + after : value)
  if (!more) return tree
  const start = value.length + separator.length
  const index = tree.children.findIndex((child) => (child.position?.start.offset ?? -1) >= start)
  const heading = tree.children[index]
  if (heading?.type !== 'heading' || heading.position?.start.offset !== start) return undefined
  if (after) {
    const rest = tree.children.slice(index + 1)
    if (rest.length !== stubs.length || !rest.every(isDefinition)) return undefined
  }

  tree.children.length = index
  return tree
}

/**
 * Parse a part that starts afresh (not the first), with one-line
 * definitions before it; keep the part's nodes, positions in the part.
 */
function parsePrefixed(value: string, more: boolean, stubs: readonly string[], parse: Parse): Root | undefined {
  const prefix = stubs.join('\n\n') + '\n\n'
  const tree = parsePart(prefix + value, more, [], parse)
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
  each(tree, (node) => {
    if (node.type === 'definition') links.add(node.label ?? node.identifier)
    else if (node.type === 'footnoteDefinition') notes.add(node.label ?? node.identifier)
    return undefined
  })
  return {links, notes}
}

/**
 * Call `visitor` on every node of a tree. Not unist-util-visit: it names a
 * function for every node it walks, which on a long chapter costs seconds
 * (see `core/elements.ts`).
 */
function each(node: Nodes, visitor: (node: Nodes) => undefined): undefined {
  visitor(node)
  if ('children' in node) for (const child of node.children) each(child, visitor)
  return undefined
}

/**
 * Move every position of a tree by some lines and some characters, in place:
 * the parser makes new points for every node, so none is moved twice, and a
 * long chapter's millions of points are not made again.
 */
function shift(tree: Nodes, lines: number, offset: number): undefined {
  if (lines === 0 && offset === 0) return
  each(tree, (node) => {
    const position = node.position
    if (!position) return undefined
    position.start.line += lines
    position.end.line += lines
    if (position.start.offset !== undefined) position.start.offset += offset
    if (position.end.offset !== undefined) position.end.offset += offset
    return undefined
  })
  return undefined
}

function moved(point: Point, lines: number, offset: number): Point {
  const result: Point = {line: point.line + lines, column: point.column}
  if (point.offset !== undefined) result.offset = point.offset + offset
  return result
}
