/**
 * Read a `SUMMARY.md` (mdBook's and GitBook's table of contents) into the list of chapters it
 * names, with their nesting and parts.
 *
 * The file is Markdown, so it is parsed as such (remark), never matched line by line: a title with
 * brackets, a path with spaces in `<…>`, a link split over two lines all read as an author sees
 * them.
 *
 * What is understood, after mdBook's `SUMMARY.md` format (GitBook's is a subset of it):
 *
 * - the first heading, when it opens the file, is the summary's own title;
 * - any other heading is a part title (mdBook `# Part`, GitBook `## Part`);
 * - links in paragraphs are prefix or suffix chapters (no part, depth 0);
 * - list items are numbered chapters, nested lists nest them;
 * - a list item without a link (GitBook's `* Section` over sub-items) is a part title when it
 *   stands at the top, else its sub-items move up;
 * - `[Title]()` is a draft: left out with a note (L002);
 * - `---` separators are read and skipped (the contents shows no rule).
 */
import path from 'node:path'
import type {Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import {toString as mdastToString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {note, type Place, warn} from '../../core/diagnostics.js'
import {isInside} from '../read-text.js'

/** One chapter named by a `SUMMARY.md`. */
export interface SummaryEntry {
  /** POSIX path of the chapter relative to the book's folder. */
  path: string
  /** The link's text (the title the summary gives the chapter). */
  title: string
  /** Nesting: 0 at the top. */
  depth: number
  /** Index in `parts` (optional: none). */
  part?: number | undefined
  /** Where the link stands in `SUMMARY.md`. */
  place: Place
}

/** A `SUMMARY.md`, read. */
export interface Summary {
  /** Chapters in reading order. */
  entries: SummaryEntry[]
  /** Part titles, in order. */
  parts: string[]
}

const parser = unified().use(remarkParse).freeze()

/**
 * Read a `SUMMARY.md`.
 *
 * Problems are messages on `file`: a draft (L002, a note), a link to a web page or outside the book
 * (L003), a chapter listed twice (L004).
 *
 * @param file
 *   The `SUMMARY.md`, with its `path` (absolute) and text.
 * @param root
 *   The book's folder (absolute): chapter paths are relative to it, and a link that leads outside
 *   it is left out.
 * @returns
 *   Chapters and parts.
 */
export function parseSummary(file: VFile, root: string): Summary {
  const tree = parser.parse(String(file.value)) as Root
  const folder = path.dirname(file.path)
  const summary: Summary = {entries: [], parts: []}
  const seen = new Set<string>()
  let part: number | undefined

  for (const [index, node] of tree.children.entries()) {
    if (node.type === 'heading') {
      if (index === 0) continue
      summary.parts.push(headingText(node))
      part = summary.parts.length - 1
    } else if (node.type === 'paragraph') {
      // Prefix and suffix chapters stand outside every part.
      for (const link of links(node.children)) add(link, 0, undefined)
    } else if (node.type === 'list') {
      list(node, 0, true)
    }
    // Separators (`---`), comments and anything else: nothing to build.
  }

  return summary

  /** Add the chapters of a list at a depth. */
  function list(node: List, depth: number, top: boolean): undefined {
    for (const item of node.children) listItem(item, depth, top)
  }

  /** Add a list item's chapter and those of its sub-lists. */
  function listItem(item: ListItem, depth: number, top: boolean): undefined {
    const lead = item.children.find((child): child is Paragraph => child.type === 'paragraph')
    const link = lead && links(lead.children)[0]
    let inner = depth + 1
    if (link) {
      add(link, depth, part)
    } else if (lead && top) {
      // GitBook: `* Section` over its pages is a part without a page.
      summary.parts.push(mdastToString(lead).trim())
      part = summary.parts.length - 1
      inner = depth
    } else {
      inner = depth
    }

    for (const child of item.children) if (child.type === 'list') list(child, inner, false)
  }

  /** Add one chapter, or say why it is left out. */
  function add(link: Link, depth: number, inPart: number | undefined): undefined {
    const place = placeOf(link)
    const title = mdastToString(link).trim()
    if (link.url === '') {
      note(
        file,
        `Unexpected draft chapter \`${title}\` (no file), expected a link to a file: it is left out`,
        place,
        'L002'
      )
      return
    }

    if (/^[a-z][a-z\d+.-]*:/i.test(link.url) || link.url.startsWith('//')) {
      warn(
        file,
        `Unexpected link to \`${link.url}\`, expected a chapter file of the book: it is left out`,
        place,
        'L003'
      )
      return
    }

    const relative = decode(link.url.replace(/[#?].*$/, ''))
    const full = path.resolve(folder, relative)
    if (relative === '' || path.isAbsolute(relative) || !isInside(root, full)) {
      warn(
        file,
        `Unexpected chapter \`${link.url}\` outside the book, expected a file inside the book's folder: it is left out`,
        place,
        'L003'
      )
      return
    }

    const name = path.relative(root, full).split(path.sep).join('/')
    if (seen.has(name)) {
      // GitBook lists headings of a page as `page.md#heading`: the page is built once, where it is
      // first listed.
      if (!/#/.test(link.url)) {
        warn(file, `Unexpected second entry for \`${name}\`, expected each chapter once: it is left out`, place, 'L004')
      }

      return
    }

    seen.add(name)
    summary.entries.push({path: name, title, depth, part: inPart, place})
  }
}

/** The links of phrasing content, in order, looking into emphasis. */
function links(nodes: readonly PhrasingContent[]): Link[] {
  const found: Link[] = []
  for (const node of nodes) {
    if (node.type === 'link') found.push(node)
    else if ('children' in node) found.push(...links(node.children as PhrasingContent[]))
  }

  return found
}

/** Plain text of a heading. */
function headingText(node: Heading): string {
  return mdastToString(node).trim()
}

/** Where a node starts (line 1, column 1 when unknown). */
function placeOf(node: RootContent): Place {
  return {line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1}
}

/** A link's path with its percent-escapes decoded (left as is when malformed). */
function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
