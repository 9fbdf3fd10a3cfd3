/**
 * `zhbook init`: start a book in a folder, asking nothing. A folder that
 * already holds a book (Markdown files, mdBook's `book.toml`, a
 * `SUMMARY.md`, folders of chapters) gets a `book.yaml` that lists what is
 * there, in the order the build reads it (`detectLayout`). Any other folder
 * gets the sample book (`sample.ts`) in its `manuscript/` folder, as this
 * repository keeps its own: the output (`output/`) then goes beside the
 * manuscript, never inside it (W001). A folder with a `manuscript/` folder
 * is started there. An existing `book.yaml` is never overwritten (U003).
 */
import {existsSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {stringify} from 'yaml'
import {error} from '../core/diagnostics.js'
import {configName, listMarkdown} from '../load/book.js'
import {bookTomlName, detectLayout, type Layout, summaryName} from '../load/layouts/detect.js'
import {readBookToml} from '../load/layouts/mdbook.js'
import {readManuscriptText} from '../load/read-text.js'
import {sampleBook} from './sample.js'

/** The folder of the sample book, in the folder `zhbook init` is given. */
export const sampleFolder = 'manuscript'

/** Options of `initBook`. */
export interface InitOptions {
  /** The sample book's date, `YYYY-MM-DD` (optional, default: today, UTC). */
  date?: string | undefined
}

/** What `initBook` did. */
export interface InitResult {
  /** Whether it wrote the book (no error). */
  ok: boolean
  /** Files with messages (errors stop it: nothing is written). */
  messages: VFile[]
  /** What the folder held: nothing (the sample was written), or the book found there. */
  found: 'nothing' | 'markdown' | Layout['kind']
  /** The book's folder (absolute): the one given, or its `manuscript/`. */
  book: string
  /** Names of the files written, relative to the book's folder. */
  written: string[]
  /** Chapters the new `book.yaml` lists (or finds), in order. */
  chapters: string[]
}

/**
 * Start a book in a folder (made when missing).
 *
 * @param dir
 *   The folder.
 * @param options
 *   Options (optional).
 * @returns
 *   What was written, or the errors.
 */
export async function initBook(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const project = path.resolve(dir)
  const result: InitResult = {ok: false, messages: [], found: 'nothing', book: project, written: [], chapters: []}
  if (existsSync(project) && !statSync(project).isDirectory()) {
    const file = new VFile({path: project})
    error(file, `Unexpected file \`${dir}\`, expected a folder for the book`, undefined, 'U002')
    result.messages.push(file)
    return result
  }

  // A folder laid out as this repository is (`manuscript/`) is started there.
  const manuscript = path.join(project, sampleFolder)
  let root = isFolder(manuscript) && !existsSync(path.join(project, configName)) ? manuscript : project
  const config = path.join(root, configName)
  if (existsSync(config)) {
    const file = new VFile({path: config})
    error(
      file,
      'Unexpected book.yaml, expected a folder without one: `zhbook init` never overwrites it (edit it, or remove it first)',
      undefined,
      'U003'
    )
    result.messages.push(file)
    return result
  }

  await fs.mkdir(root, {recursive: true})
  const layout = await detectLayout(root, result.messages)
  if (layout === null) return result
  const markdown = layout ? [] : await listMarkdown(root)
  let files: Record<string, string>
  if (layout) {
    result.found = layout.kind
    result.chapters = layout.chapters.map((chapter) => chapter.path)
    files = {[configName]: await layoutConfig(root, layout)}
  } else if (markdown.length > 0) {
    result.found = 'markdown'
    result.chapters = markdown
    files = {[configName]: configText(path.basename(root), undefined, ['chapters:', ...list(markdown)])}
  } else {
    root = manuscript
    await fs.mkdir(root, {recursive: true})
    files = sampleBook(options.date ?? new Date().toISOString().slice(0, 10))
    result.chapters = ['01-start.md', '02-next.md']
  }

  result.book = root
  for (const [name, text] of Object.entries(files)) {
    try {
      // `wx`: a file that is there (an overrides.yaml of its own) is kept.
      await fs.writeFile(path.join(root, name), text, {flag: 'wx'})
      result.written.push(name)
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause
    }
  }

  result.ok = true
  return result
}

/** Whether a path is a folder. */
function isFolder(value: string): boolean {
  return existsSync(value) && statSync(value).isDirectory()
}

/**
 * The `book.yaml` of a book with a layout of its own: a `SUMMARY.md` is
 * named (it keeps its parts and nesting), folders are read as they are, and
 * the chapters are listed in comments either way; mdBook's folder without a
 * summary gets its chapters listed.
 */
async function layoutConfig(root: string, layout: Layout): Promise<string> {
  const chapters = layout.chapters.map((chapter) => chapter.path)
  const {title, author} = layout.meta
  const name = title ?? path.basename(root)
  const summary = await summaryOf(root, layout)
  if (summary) {
    return configText(name, author, [
      `# The chapters, parts and nesting of ${summary}:`,
      `summary: ${stringify(summary).trim()}`,
      ...list(chapters).map((line) => `#${line}`)
    ])
  }

  if (layout.kind === 'folders') {
    return configText(name, author, [
      '# The chapters, read from the folders in this order (list them under',
      '# `chapters:` to choose another):',
      ...list(chapters).map((line) => `#${line}`)
    ])
  }

  return configText(name, author, ['chapters:', ...list(chapters)])
}

/** The `SUMMARY.md` a layout reads, relative to the book's folder (`undefined`: none). */
async function summaryOf(root: string, layout: Layout): Promise<string | undefined> {
  if (layout.kind === 'gitbook' && layout.file) return path.relative(root, layout.file.path).split(path.sep).join('/')
  if (layout.kind !== 'mdbook') return undefined
  const toml = await readManuscriptText(root, path.join(root, bookTomlName), [])
  const src = toml && readBookToml(toml)?.src
  const summary = src === undefined ? undefined : path.join(root, src, summaryName)
  return summary && existsSync(summary) ? path.relative(root, summary).split(path.sep).join('/') : undefined
}

/** A `book.yaml`: the metadata, then the lines that say where the chapters are. */
function configText(title: string, author: string | undefined, chapters: readonly string[]): string {
  return [
    '# The book: every key is in the README (“Configuration”).',
    `title: ${stringify(title).trim()}`,
    author === undefined ? '# The author’s name:\nauthor: 作者' : `author: ${stringify(author).trim()}`,
    // The editions are made from Traditional Chinese (a book.toml's `zh-TW` too).
    'language: zh-Hant',
    ...chapters,
    ''
  ].join('\n')
}

/** YAML list items. */
function list(values: readonly string[]): string[] {
  return values.map((value) => `  - ${stringify(value).trim()}`)
}
