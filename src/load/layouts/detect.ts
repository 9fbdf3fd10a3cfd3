/**
 * Find a book's own layout, without configuration: mdBook (`book.toml` and
 * `src/SUMMARY.md`), GitBook (`SUMMARY.md` at the top), or a folder of
 * folders. A folder of `.md` files (today's layout) has none.
 *
 * A layout says which chapters make the book, in its order, how they nest,
 * under which part titles, and what the book's own files say of its title,
 * author and language.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {warn} from '../../core/diagnostics.js'
import {parse as parseYamlText} from 'yaml'
import {reservedIds, slugify} from '../ids.js'
import {isInside, readManuscriptText} from '../read-text.js'
import {folderChapters, hasChapterFolders} from './folders.js'
import {readBookToml} from './mdbook.js'
import {parseSummary} from './summary.js'

/** Which layout a book has. */
export type LayoutKind = 'mdbook' | 'gitbook' | 'folders' | 'summary'

/** One chapter of a layout. */
export interface LayoutChapter {
  /** POSIX path relative to the book's folder. */
  path: string
  /** Chapter id (unique in the book). */
  id: string
  /** Nesting: 0 at the top. */
  depth: number
  /** Index in `Layout.parts` (optional: none). */
  part?: number | undefined
  /** Title in the table of contents (optional: the chapter's heading). */
  title?: string | undefined
}

/** A book's layout. */
export interface Layout {
  /** Which. */
  kind: LayoutKind
  /** Chapters in reading order. */
  chapters: LayoutChapter[]
  /** Part titles. */
  parts: string[]
  /** What the book's own files say of it. */
  meta: {title?: string | undefined; author?: string | undefined; language?: string | undefined}
  /** The file that names the chapters or the title (`book.toml`, `SUMMARY.md`), for messages. */
  file?: VFile | undefined
}

/** What `book.yaml` says of the layout. */
export interface DetectOptions {
  /** A `SUMMARY.md` it names, relative to the book's folder (optional). */
  summary?: string | undefined
  /**
   * Whether only folders of chapters are looked for (a `book.yaml` says
   * what the book is; its folder is no mdBook or GitBook) (optional,
   * default: `false`).
   */
  foldersOnly?: boolean | undefined
}

/** Name of mdBook's configuration. */
export const bookTomlName = 'book.toml'

/** Name of the table of contents of mdBook and GitBook. */
export const summaryName = 'SUMMARY.md'

/**
 * Find the layout of a book.
 *
 * @param root
 *   The book's folder (absolute).
 * @param files
 *   Files read; those the layout reads are added.
 * @param options
 *   What `book.yaml` says (optional: there is none).
 * @returns
 *   The layout, `undefined` for a folder of `.md` files, or `null` after an
 *   error that stops the build.
 */
export async function detectLayout(
  root: string,
  files: VFile[],
  options: DetectOptions = {}
): Promise<Layout | undefined | null> {
  const {summary, foldersOnly} = options
  if (summary !== undefined) {
    const full = path.join(root, summary)
    const file = await readManuscriptText(root, full, files)
    if (!file) return undefined
    // The summary GitBook itself reads (as `zhbook init` names it): the book
    // is read as a GitBook, tags and all, as it is without a book.yaml.
    const kind = (await gitbookSummary(root, files)) === full ? 'gitbook' : 'summary'
    return fromSummary(kind, file, {}, path.dirname(full))
  }

  if (foldersOnly) return hasChapterFolders(root) ? fromFolders('folders', root, {}, undefined) : undefined
  const tomlFile = await readManuscriptText(root, path.join(root, bookTomlName), files)
  if (tomlFile) {
    if (tomlFile.messages.length > 0) return null
    const toml = readBookToml(tomlFile)
    if (!toml) return null
    const src = path.resolve(root, toml.src)
    const file = await readManuscriptText(root, path.join(src, summaryName), files)
    const meta = {title: toml.title, author: toml.author, language: toml.language}
    if (file) return fromSummary('mdbook', file, meta, src, tomlFile)
    // mdBook would write a `SUMMARY.md`; zhbook reads the folder as it is.
    return fromFolders('mdbook', src, meta, tomlFile)
  }

  // GitBook: `.gitbook.yaml` may move the book into a folder and rename its summary.
  const gitbookYaml = await readManuscriptText(root, path.join(root, gitbookYamlName), files)
  const where = gitbookYaml ? gitbookPlaces(gitbookYaml, root) : {folder: root, summary: summaryName}
  const file = where && (await readManuscriptText(root, path.join(where.folder, where.summary), files))
  if (where && file) {
    const bookJson = await readManuscriptText(root, path.join(root, 'book.json'), files)
    return fromSummary('gitbook', file, {title: bookJson && jsonTitle(bookJson)}, where.folder)
  }

  return hasChapterFolders(root) ? fromFolders('folders', root, {}, undefined) : undefined

  /** A layout from a `SUMMARY.md`. */
  function fromSummary(
    kind: LayoutKind,
    file: VFile,
    meta: Layout['meta'],
    base: string,
    metaFile?: VFile
  ): Layout | null {
    if (file.messages.length > 0) return null
    const parsed = parseSummary(file, root)
    const ids = new Set<string>()
    const chapters: LayoutChapter[] = []
    for (const entry of parsed.entries) {
      if (!existsSync(path.join(root, entry.path))) {
        warn(
          file,
          `Unexpected missing chapter \`${entry.path}\`, expected a file there in the book's folder: it is left out`,
          entry.place,
          'L001'
        )
        continue
      }

      chapters.push({...entry, id: layoutId(path.relative(base, path.join(root, entry.path)), ids)})
    }

    return {kind, chapters, parts: parsed.parts, meta, file: metaFile ?? file}
  }

  /** A layout from folders. */
  function fromFolders(kind: LayoutKind, base: string, meta: Layout['meta'], file: VFile | undefined): Layout {
    const ids = new Set<string>()
    const prefix = path.relative(root, base).split(path.sep).join('/')
    const chapters = folderChapters(base).map((entry) => ({
      path: prefix ? `${prefix}/${entry.path}` : entry.path,
      depth: entry.depth,
      id: layoutId(entry.path, ids)
    }))
    return {kind, chapters, parts: [], meta, file}
  }
}

/**
 * Chapter id from a path in a layout: its folders and name as lowercase
 * ASCII words (`ch01/README.md` → `ch01`, `part 1/寫作.md` → `part-1`),
 * unique in the book (`-2`, `-3` … after the first).
 */
function layoutId(relative: string, ids: Set<string>): string {
  const segments = relative.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.')
  const name = segments.at(-1)?.replace(/\.md$/i, '') ?? ''
  if (/^(?:readme|index)$/i.test(name) && segments.length > 1) segments.pop()
  else segments[segments.length - 1] = name
  const base =
    segments
      .map((segment) => slugify(segment.replace(/^\d+[-_. ]+(?=\D)/, '')))
      .filter(Boolean)
      .join('-') || `chapter-${ids.size + 1}`
  const id = reservedIds.has(base) ? `chapter-${base}` : base
  let unique = id
  for (let count = 2; ids.has(unique); count++) unique = `${id}-${count}`
  ids.add(unique)
  return unique
}

/** Name of GitBook's configuration. */
const gitbookYamlName = '.gitbook.yaml'

/**
 * The book's folder and summary a `.gitbook.yaml` names (`root`,
 * `structure.summary`), inside the book's folder; `undefined` when it names
 * a place outside it (L003) or is not YAML (ignored, as GitBook does).
 */
function gitbookPlaces(file: VFile, root: string): {folder: string; summary: string} | undefined {
  let value: unknown
  try {
    value = parseYamlText(String(file.value))
  } catch {
    return {folder: root, summary: summaryName}
  }

  const config = (typeof value === 'object' && value !== null ? value : {}) as {
    root?: unknown
    structure?: {summary?: unknown} | null
  }
  const folder = path.resolve(root, typeof config.root === 'string' ? config.root : '.')
  const summary = typeof config.structure?.summary === 'string' ? config.structure.summary : summaryName
  if (!isInside(root, folder) || !isInside(root, path.resolve(folder, summary))) {
    warn(
      file,
      'Unexpected `root` or `structure.summary` outside the book, expected paths inside its folder',
      undefined,
      'L003'
    )
    return undefined
  }

  return {folder, summary}
}

/**
 * The summary GitBook reads in a folder (absolute): `SUMMARY.md`, or the one
 * `.gitbook.yaml` names; `undefined` for an mdBook (a `book.toml`) or a
 * `.gitbook.yaml` that names a place outside the book.
 */
async function gitbookSummary(root: string, files: VFile[]): Promise<string | undefined> {
  if (existsSync(path.join(root, bookTomlName))) return undefined
  const gitbookYaml = await readManuscriptText(root, path.join(root, gitbookYamlName), files)
  const where = gitbookYaml ? gitbookPlaces(gitbookYaml, root) : {folder: root, summary: summaryName}
  return where && path.join(where.folder, where.summary)
}

/** `title` of GitBook's legacy `book.json`, when it has one. */
function jsonTitle(file: VFile): string | undefined {
  try {
    const value: unknown = JSON.parse(String(file.value))
    const title = (value as {title?: unknown} | null)?.title
    return typeof title === 'string' && title.trim() ? title.trim() : undefined
  } catch {
    return undefined
  }
}

/**
 * Say that a book has no title of its own, and how to give it one (L006).
 *
 * @param layout
 *   The book's layout (optional: a folder of `.md` files).
 * @param root
 *   The book's folder.
 * @param files
 *   Files read (a file for the message is added when needed).
 * @param title
 *   The title used instead.
 * @returns
 *   Nothing.
 */
export function warnNoTitle(layout: Layout | undefined, root: string, files: VFile[], title: string): undefined {
  const how =
    layout?.kind === 'mdbook'
      ? '`title = "…"` under `[book]` in book.toml'
      : '`title:` (and `author:`) in a `book.yaml` in the book’s folder'
  let file = layout?.file
  if (!file) {
    file = new VFile({path: root})
    files.push(file)
  }

  warn(file, `Unexpected book without a title, expected ${how}: using the folder name \`${title}\``, undefined, 'L006')
}
