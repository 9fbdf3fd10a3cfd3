/**
 * Read the translation of a book from its PO files
 * (`translations/<lang>/<chapter id>.po`, `translations/<lang>/book.po`).
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import type {BuildSession} from '../build/session.js'
import {readManuscriptText} from '../load/read-text.js'
import {error, warn} from '../core/diagnostics.js'
import type {BookTranslations, ChapterSource, TranslationEntry} from '../core/model.js'
import {blockTag, placeOfTag} from './block-html.js'
import {parseCatalog, type Catalog} from './catalog.js'

/** Folder of the translations, in the manuscript folder. */
export const translationsFolder = 'translations'

/** The language of the translation. */
export const translationLanguage = 'en'

/** Name (and `msgctxt`) of the catalog of the book's metadata. */
export const bookCatalogName = 'book'

/**
 * Path of a catalog relative to the manuscript folder.
 *
 * @param name
 *   Chapter id, or `book`.
 * @param lang
 *   Language (default: `en`).
 * @returns
 *   Relative path.
 */
export function catalogPath(name: string, lang: string = translationLanguage): string {
  return path.join(translationsFolder, lang, `${name}.po`)
}

/**
 * Read a catalog file; `undefined` when it does not exist, or (reported on a
 * file added to `files`) when it is not text or cannot be parsed (T003).
 *
 * @param root
 *   Manuscript folder.
 * @param relative
 *   Path of the catalog relative to it.
 * @param files
 *   Files read, where the catalog's file is added.
 * @returns
 *   Catalog.
 */
export async function readCatalog(root: string, relative: string, files: VFile[]): Promise<Catalog | undefined> {
  const file = await readManuscriptText(root, path.join(root, relative), files)
  return file ? parseFile(file) : undefined
}

/** Parse a catalog read with `readManuscriptText` (a T003 on a syntax error). */
function parseFile(file: VFile): Catalog | undefined {
  // A file that is not text is already reported (M006, M009, M010).
  if (file.messages.length > 0) return undefined
  try {
    return parseCatalog(String(file.value))
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    const line = /line (\d+)/i.exec(reason)
    error(
      file,
      `Unexpected PO syntax: ${reason.split('\n')[0]}; expected a gettext catalog`,
      {line: line ? Number(line[1]) : 1, column: 1},
      'T003'
    )
    return undefined
  }
}

/**
 * Read the book's translation, when it has one.
 *
 * @param root
 *   Manuscript folder.
 * @param chapters
 *   Chapters of the book.
 * @param files
 *   Files read, where the catalogs' files are added.
 * @param session
 *   The build session (optional): it keeps the tables of unchanged catalogs.
 * @returns
 *   The translation, or `undefined` when there is no translations folder.
 */
export async function loadTranslations(
  root: string,
  chapters: readonly ChapterSource[],
  files: VFile[],
  session?: BuildSession | undefined
): Promise<BookTranslations | undefined> {
  // Sync, as the catalogs are read: every rebuild asks.
  if (!existsSync(path.join(root, translationsFolder, translationLanguage))) return undefined

  const translations: BookTranslations = {lang: translationLanguage, chapters: {}, meta: {}, paths: {}}
  for (const chapter of chapters) {
    const relative = catalogPath(chapter.id)
    translations.paths[chapter.id] = relative
    translations.chapters[chapter.id] = await readTable(root, relative, files, session)
  }

  translations.meta = await readTable(root, catalogPath(bookCatalogName), files, session)
  return translations
}

/**
 * Read a catalog's table of entries, remembered in the session: every watch
 * build reads every catalog, and parsing costs far more than reading (still
 * done). An unchanged file gives back the same object, for memos made from it.
 */
async function readTable(
  root: string,
  relative: string,
  files: VFile[],
  session: BuildSession | undefined
): Promise<Record<string, TranslationEntry>> {
  const full = path.join(root, relative)
  const file = await readManuscriptText(root, full, files, session)
  if (!file) return tableOf(undefined)
  const text = String(file.value)
  const tables = session?.keyed<{text: string; table: Record<string, TranslationEntry>}>('load.catalog', 4096)
  const known = tables?.peek(full)
  if (known && file.messages.length === 0 && known.text === text) return known.table
  const table = tableOf(parseFile(file), file)
  // Only a read without a message is remembered: an error must be reported again.
  if (file.messages.length === 0) tables?.set(full, {text, table})
  else tables?.delete(full)
  return table
}

/**
 * Entries of a catalog by source text. One whose translation holds an HTML
 * block is left out with a warning (T004), not an error: the paragraph shows
 * the missing-translation placeholder, and the other editions are not at fault.
 */
function tableOf(catalog: Catalog | undefined, file?: VFile): Record<string, TranslationEntry> {
  const table: Record<string, TranslationEntry> = {}
  for (const entry of catalog?.entries ?? []) {
    const tag = file ? blockTag(entry.translation) : undefined
    if (tag !== undefined && file) {
      warn(
        file,
        `Unexpected HTML block \`${tag}\` in a translation, expected text, Markdown or phrasing HTML (\`<b>\`, \`<a>\` …) that fits in a paragraph: the entry is left out`,
        placeOfTag(String(file.value), entry.id, tag),
        'T004'
      )
      continue
    }

    table[entry.id] = {translation: entry.translation, fuzzy: entry.fuzzy}
  }

  return table
}
