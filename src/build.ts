/**
 * The build: read the manuscript, run each edition's stages on every chapter,
 * hand each edition to each renderer, write everything at once.
 *
 * Nothing is written when any step reports an error, so a bad edit never
 * costs the last good output.
 */
import type {VFile} from 'vfile'
import {ChapterCache} from './cache/chapter-cache.js'
import {codeFingerprint} from './cache/fingerprint.js'
import {loadBook} from './config/load-book.js'
import {hasErrors} from './diagnostics.js'
import {dictionaryIndex, type DictionaryOptions} from './dictionary/cache.js'
import {dictionaryMessages, editionDictionary} from './dictionary/edition-dictionary.js'
import {
  createStageContext,
  editionMeta,
  editions as editionTable
} from './editions.js'
import type {EditionBook, EditionId, OutputFile, RenderContext, Renderer} from './model.js'
import {writeOutput} from './output.js'
import {createChapterProcessor} from './pipeline.js'
import {epub} from './render/epub.js'
import {coverFontMessage, findCoverFonts} from './render/epub-cover-fonts.js'
import {renderSiteIndex, web} from './render/web.js'
import {collectReport, renderReport, type ConversionReport} from './report/conversion-report.js'
import type {TranslationCoverage} from './stages/remark-translations.js'

/** Options of a build. */
export interface BuildOptions {
  /** Manuscript folder. */
  input: string
  /** Output folder (required by `build`, unused by `buildFiles`). */
  output?: string
  /** Editions to build (default: the book's, see `BookSettings`). */
  editions?: readonly EditionId[] | undefined
  /** Renderers to run (default: EPUB and web). */
  renderers?: readonly Renderer[] | undefined
  /** Environment, for `SOURCE_DATE_EPOCH` (default: `process.env`). */
  env?: Record<string, string | undefined> | undefined
  /** Where CC-CEDICT and the dictionary's cache are (default: found from zhbook's own folder). */
  dictionary?: DictionaryOptions | undefined
  /**
   * Cache of processed chapters (optional): a chapter whose inputs did not
   * change since it was cached is not processed again.
   */
  cache?: ChapterCache | undefined
}

/** What a build did. */
export interface BuildResult {
  /** Whether the build succeeded (no error messages). */
  ok: boolean
  /** Every file read, with its messages. */
  messages: VFile[]
  /** The editions, as handed to the renderers. */
  editions: EditionBook[]
  /** Conversion reports of the converted editions. */
  reports: ConversionReport[]
  /** The files made, relative to the output folder (empty after an error). */
  outputs: OutputFile[]
  /** Translation coverage per edition that carries a translation. */
  coverage: Array<{edition: EditionId} & TranslationCoverage>
}

/** The default renderers. */
export const defaultRenderers: readonly Renderer[] = [epub, web]

/**
 * Build every edition in memory, writing nothing.
 *
 * @param options
 *   Options.
 * @returns
 *   Result with the files to write.
 */
export async function buildFiles(options: BuildOptions): Promise<BuildResult> {
  const env = options.env ?? process.env
  const renderers = options.renderers ?? defaultRenderers
  const result: BuildResult = {ok: false, messages: [], editions: [], reports: [], outputs: [], coverage: []}

  // 1. Read the manuscript.
  const loaded = await loadBook(options.input, env)
  result.messages.push(...loaded.files)
  const book = loaded.book
  if (!book) return result

  // 2. Run each edition's stages on every chapter (editions side by side).
  const context = createStageContext(book)
  const used = new Set<string>()
  const ids = options.editions ?? book.settings.editions
  // Only editions with a dictionary read CC-CEDICT's index: start now, await it after their chapters.
  const dictionary = ids.some((id) => editionTable[id].dictionary) ? dictionaryIndex(options.dictionary) : undefined
  const processed = await Promise.all(
    ids.map(async (id) => {
      const edition = editionTable[id]
      const processChapter = createChapterProcessor(edition, context)
      const cache = options.cache
      const chapters = await Promise.all(
        book.chapters.map(async (chapter) => {
          if (!cache) return processChapter(chapter)
          // Everything that shapes the chapter in this edition: the code, the
          // chapter, and the book-wide inputs the edition's stages read.
          const key = ChapterCache.key([
            codeFingerprint(),
            edition.id,
            chapter.id,
            chapter.file.path,
            String(chapter.file.value),
            edition.inputs?.(context, chapter) ?? null
          ])
          used.add(key)
          const cached = await cache.get(key)
          if (cached) return cached
          const fresh = await processChapter(chapter)
          await cache.set(key, fresh)
          return fresh
        })
      )
      const editionBook: EditionBook = {
        edition: {id: edition.id, lang: edition.lang, label: edition.label, otherLanguages: edition.otherLanguages},
        meta: editionMeta(book.meta, edition, context),
        chapters: [
          ...chapters.map((entry) => entry.chapter),
          ...(edition.backMatter?.(context, chapters) ?? [])
        ]
      }
      if (edition.dictionary && dictionary) {
        const {index} = await dictionary
        if (index) editionBook.dictionary = editionDictionary(editionBook, index)
      }

      const files = chapters.map((entry, index) => ({path: book.chapters[index]!.path, file: entry.file}))
      const converted = edition.report === true && files.some((entry) => entry.file.data.conversion)
      return {
        editionBook,
        files,
        report: converted ? collectReport(id, files, context) : undefined,
        coverage: sumCoverage(id, files.map((entry) => entry.file.data.translation))
      }
    })
  )

  for (const entry of processed) {
    result.messages.push(...entry.files.map((file) => file.file))
    result.editions.push(entry.editionBook)
    if (entry.report) result.reports.push(entry.report)
    if (entry.coverage) result.coverage.push(entry.coverage)
  }

  if (dictionary) result.messages.push(...dictionaryMessages(await dictionary))
  // Memory holds what this build used, no more: a long watch stays small.
  options.cache?.retain(used)

  // 3. Stop on errors, before anything is rendered or written.
  if (hasErrors(result.messages)) return result

  // 4. Render every edition in every format.
  const coverFonts = renderers.includes(epub) ? findCoverFonts(env) : []
  if (renderers.includes(epub) && coverFonts.length === 0) result.messages.push(coverFontMessage(book.root))
  const renderContext: RenderContext = {
    modified: modifiedDate(book.meta.date, env),
    editions: result.editions.map((entry) => entry.edition),
    coverFonts,
    cacheDir: options.cache?.dir,
    kepub: book.settings.kepub
  }
  const rendered = await Promise.all(
    result.editions.flatMap((editionBook) =>
      renderers.map((renderer) => renderer.render(editionBook, renderContext))
    )
  )
  result.outputs = rendered.flat()
  if (renderers.includes(web)) result.outputs.push(...renderSiteIndex(result.editions, renderContext))
  for (const report of result.reports) result.outputs.push(...renderReport(report))
  result.outputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  result.ok = true
  return result
}

/**
 * Build every edition and write it into the output folder.
 *
 * @param options
 *   Options (with `output`).
 * @returns
 *   Result.
 */
export async function build(options: BuildOptions & {output: string}): Promise<BuildResult> {
  const result = await buildFiles(options)
  if (result.ok) await writeOutput(options.output, result.outputs)
  return result
}

/** Add up the chapters' translation coverage; `undefined` when none has any. */
function sumCoverage(
  edition: EditionId,
  chapters: ReadonlyArray<TranslationCoverage | undefined>
): ({edition: EditionId} & TranslationCoverage) | undefined {
  const present = chapters.filter((c): c is TranslationCoverage => c !== undefined)
  if (present.length === 0) return undefined
  const total = {edition, translated: 0, fuzzy: 0, missing: 0}
  for (const c of present) {
    total.translated += c.translated
    total.fuzzy += c.fuzzy
    total.missing += c.missing
  }

  return total
}

/**
 * The date written as the modification date: `SOURCE_DATE_EPOCH` when set,
 * else the book's date at midnight UTC. Never the clock, so builds are
 * reproducible.
 *
 * @param date
 *   Book date, `YYYY-MM-DD`.
 * @param env
 *   Environment.
 * @returns
 *   Date.
 */
export function modifiedDate(date: string, env: Record<string, string | undefined>): Date {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date(`${date}T00:00:00Z`)
}
