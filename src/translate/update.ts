/** `zhbook translate`: bring the PO catalogs in line with the manuscript. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {loadProject} from '../load/project.js'
import {error, hasErrors} from '../core/diagnostics.js'
import {isInside} from '../load/read-text.js'
import type {Book} from '../core/model.js'
import {stringifyCatalog} from './catalog.js'
import {bookCatalogName, catalogPath, readCatalog, translationLanguage, translationsFolder} from './load.js'
import {mergeCatalog, type MergeStats, type SourceUnit} from './merge.js'
import {collectUnits, parseChapter} from './units.js'

/** What happened to one catalog. */
export interface CatalogUpdate {
  /** Path relative to the manuscript folder. */
  path: string
  /** What the merge did. */
  stats: MergeStats
  /** Whether the file was written (its bytes changed). */
  written: boolean
}

/** Result of an update. */
export interface TranslateResult {
  /** Whether it succeeded (no errors). */
  ok: boolean
  /** Files read, with their messages. */
  messages: VFile[]
  /** One row per catalog. */
  catalogs: CatalogUpdate[]
}

/**
 * Update (or create) the PO catalogs of a manuscript.
 *
 * @param root
 *   Manuscript folder.
 * @returns
 *   What changed.
 */
export async function updateTranslations(root: string): Promise<TranslateResult> {
  const loaded = await loadProject(root, {env: {}})
  const result: TranslateResult = {ok: false, messages: loaded.files, catalogs: []}
  const book = loaded.project
  if (!book) return result

  const headers = {
    'Project-Id-Version': book.meta.slug,
    Language: translationLanguage,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': '8bit'
  }

  const jobs: Array<{name: string; units: SourceUnit[]}> = book.chapters.map((chapter) => ({
    name: chapter.id,
    units: collectUnits(parseChapter(chapter.file), String(chapter.file.value)).map((unit) => ({
      key: unit.key,
      reference: `${chapter.path}:${unit.line}`
    }))
  }))
  jobs.push({name: bookCatalogName, units: metaUnits(book)})

  const catalogs: Array<{relative: string; text: string; stats: MergeStats}> = []
  for (const job of jobs) {
    const relative = catalogPath(job.name)
    const old = await readCatalog(book.root, relative, result.messages)
    const {catalog, stats} = mergeCatalog(job.units, job.name, old, headers)
    catalogs.push({relative, text: stringifyCatalog(catalog), stats})
  }

  // A catalog that cannot be read is not overwritten: the translator's work would be lost.
  if (hasErrors(result.messages)) return result

  // No write follows a symbolic link out of the manuscript folder: all are
  // checked first, so none is written when one would land outside.
  const realRoot = await fs.realpath(book.root)
  for (const {relative} of catalogs) {
    const landing = await realLocation(path.join(book.root, relative))
    if (!isInside(realRoot, landing)) {
      const file = new VFile({path: path.join(book.root, translationsFolder)})
      result.messages.push(file)
      error(
        file,
        `Unexpected \`${relative}\` leading to \`${landing}\`, outside the manuscript folder, expected the catalogs inside it (nothing is written)`,
        {line: 1, column: 1},
        'T005'
      )
      return result
    }
  }

  for (const {relative, text, stats} of catalogs) {
    const full = path.join(book.root, relative)
    const written = await writeIfChanged(full, text)
    result.catalogs.push({path: relative, stats, written})
  }

  result.ok = true
  return result
}

/** The metadata a translator translates: title and subtitle. */
function metaUnits(book: Book): SourceUnit[] {
  const units: SourceUnit[] = []
  for (const field of ['title', 'subtitle'] as const) {
    const value = book.meta[field]
    if (value) units.push({key: value, reference: `book.yaml:${book.metaLines[field] ?? 1}`})
  }

  return units
}

/** Write a file only when its bytes change; say whether it was written. */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  try {
    if ((await fs.readFile(file, 'utf8')) === text) return false
  } catch {}

  await fs.mkdir(path.dirname(file), {recursive: true})
  // Write next to it and rename: an interrupted write never truncates a catalog.
  const temporary = `${file}.tmp-${process.pid}`
  await fs.writeFile(temporary, text)
  await fs.rename(temporary, file)
  return true
}

/** Where writing a file would land: its nearest existing folder's real path, plus the rest. */
async function realLocation(file: string): Promise<string> {
  let existing = file
  const rest: string[] = []
  for (;;) {
    try {
      return path.join(await fs.realpath(existing), ...rest)
    } catch {
      const parent = path.dirname(existing)
      if (parent === existing) return file
      rest.unshift(path.basename(existing))
      existing = parent
    }
  }
}
