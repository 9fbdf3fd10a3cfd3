/**
 * Read a `SUMMARY.md` (mdBook's format; GitBook's is a subset) into its chapters, nesting and parts.
 * Parsed as Markdown (remark), not line by line, so titles with brackets, `<paths with spaces>` and
 * links over two lines read as an author sees them. The first heading opening the file is the
 * summary's title, others are part titles; paragraph links are prefix or suffix chapters; list items
 * are numbered chapters; a linkless item over sub-items (GitBook) is a part at the top, else its
 * sub-items move up; `[Title]()` is a draft (L002); `---` is skipped.
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
  depth: number
  part?: number | undefined
  place: Place
}

/** A `SUMMARY.md`, read. */
export interface Summary {
  entries: SummaryEntry[]
  parts: string[]
}

const parser = unified().use(remarkParse).freeze()

/**
 * Read a `SUMMARY.md`; problems are messages on `file`: a draft (L002), a link to the web or outside
 * the book (L003), a chapter listed twice (L004).
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
      for (const link of links(node.children)) add(link, 0, undefined)
    } else if (node.type === 'list') {
      list(node, 0, true)
    }
  }

  return summary

  function list(node: List, depth: number, top: boolean): undefined {
    for (const item of node.children) listItem(item, depth, top)
  }

  function listItem(item: ListItem, depth: number, top: boolean): undefined {
    const lead = item.children.find((child): child is Paragraph => child.type === 'paragraph')
    const link = lead && links(lead.children)[0]
    let inner = depth + 1
    if (link) {
      add(link, depth, part)
    } else if (lead && top) {
      summary.parts.push(mdastToString(lead).trim())
      part = summary.parts.length - 1
      inner = depth
    } else {
      inner = depth
    }

    for (const child of item.children) if (child.type === 'list') list(child, inner, false)
  }

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
      // GitBook lists a page's headings as `page.md#heading`: the page is built once, where first listed.
      if (!/#/.test(link.url)) {
        warn(file, `Unexpected second entry for \`${name}\`, expected each chapter once: it is left out`, place, 'L004')
      }

      return
    }

    seen.add(name)
    summary.entries.push({path: name, title, depth, part: inPart, place})
  }
}

function links(nodes: readonly PhrasingContent[]): Link[] {
  const found: Link[] = []
  for (const node of nodes) {
    if (node.type === 'link') found.push(node)
    else if ('children' in node) found.push(...links(node.children as PhrasingContent[]))
  }

  return found
}

function headingText(node: Heading): string {
  return mdastToString(node).trim()
}

function placeOf(node: RootContent): Place {
  return {line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1}
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
