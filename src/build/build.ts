/**
 * The build: read the manuscript, run each edition's stages on every chapter,
 * hand each edition to each renderer, write everything at once.
 *
 * Nothing is written when any step reports an error, so a bad edit never
 * costs the last good output.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import {ChapterCache, type ProcessedEntry} from './chapter-cache.js'
import {checkChapterLinks} from './chapter-links.js'
import {referenceInputs} from './reference-inputs.js'
import {codeFingerprint} from './fingerprint.js'
import {configName, loadBook} from '../load/book.js'
import {checkBook} from '../check/check.js'
import {hasErrors, warn} from '../core/diagnostics.js'
import {dictionaryIndex, type DictionaryOptions} from '../dictionary/cache.js'
import {dictionaryMessages, editionDictionary} from '../dictionary/edition-dictionary.js'
import {
  createStageContext,
  type EditionDefinition,
  editionMeta,
  editions as editionTable,
  type StageContext
} from '../core/editions.js'
import type {
  BookResource,
  ChapterSource,
  EditionBook,
  EditionChapter,
  EditionId,
  EditionInfo,
  OutputFile,
  RenderContext,
  Renderer
} from '../core/model.js'
import {createFontSubsetter, type EmbeddedFontRecord} from '../fonts/subsetter.js'
import {recoverOutput, releaseOutput, writeOutput, type OutputMemo} from './output.js'
import {createChapterProcessor, createChapterReader} from './pipeline.js'
import {epub} from '../formats/epub/epub.js'
import {coverFontMessage, findCoverFonts} from '../formats/epub/cover-fonts.js'
import {renderSiteIndex, web} from '../formats/web/web.js'
import {collectReport, renderReport, type ConversionReport} from '../convert/report.js'
import type {TranslationCoverage} from '../stages/remark-translations.js'

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
  /**
   * Resolve once the output is in place, before the old files are removed
   * from the output folder's staging folder (`build` only; default: after).
   */
  background?: boolean | undefined
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
  /**
   * Milliseconds each step took, for benchmarks: reading the manuscript, the
   * chapters' stages, whole-book parts (back matter, dictionary, reports),
   * rendering, and writing (`build` only).
   */
  timings: {read: number; stages: number; book: number; render: number; write: number}
  /** The fonts the EPUBs embed, one per edition that embeds one. */
  fonts: EmbeddedFontRecord[]
}

/** What each session (chapter cache) last wrote. */
const outputMemos = new WeakMap<object, OutputMemo>()

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
  const result: BuildResult = {
    ok: false,
    messages: [],
    editions: [],
    reports: [],
    outputs: [],
    coverage: [],
    fonts: [],
    timings: {read: 0, stages: 0, book: 0, render: 0, write: 0}
  }
  let started = performance.now()
  /** Time since the last step, in ms. */
  const step = () => {
    const now = performance.now()
    const elapsed = now - started
    started = now
    return elapsed
  }

  // 1. Read the manuscript.
  const loaded = await loadBook(options.input, env)
  result.messages.push(...loaded.files)
  const book = loaded.book
  result.timings.read = step()
  if (!book) return result
  // The script check of a Traditional manuscript, as warnings (`zhbook check`).
  result.messages.push(...checkBook(book))

  // 2. Run each edition's stages on every chapter (editions side by side).
  const context = createStageContext(book)
  const used = new Set<string>()
  const ids = options.editions ?? book.settings.editions
  // Only editions with a dictionary read CC-CEDICT's index: start now, await it after their chapters.
  const dictionary = ids.some((id) => editionTable[id].dictionary) ? dictionaryIndex(options.dictionary) : undefined
  const definitions = ids.map((id) => editionTable[id])
  const processors = definitions.map((edition) => createChapterProcessor(edition, context))
  const changesMdast = definitions.map((edition) => edition.remark(context).length > 0)
  // The render context is known before the stages run: renderers start what
  // needs only the metadata (the EPUB's cover) now, on other threads.
  const fonts = createFontSubsetter({dir: options.cache?.dir && path.join(options.cache.dir, 'fonts')})
  const coverFonts = renderers.includes(epub) ? findCoverFonts(env) : []
  const renderContext: RenderContext = {
    modified: modifiedDate(book.meta.date, env),
    editions: definitions.map(editionInfo),
    session: options.cache,
    fonts,
    coverFonts,
    cacheDir: options.cache?.dir,
    kepub: book.settings.kepub
  }
  for (const edition of definitions) {
    const early: EditionBook = {
      edition: editionInfo(edition),
      meta: editionMeta(book.meta, edition, context),
      chapters: []
    }
    for (const renderer of renderers) renderer.prepare?.(early, renderContext)
  }

  const read = createChapterReader()
  const cache = options.cache
  // Chapter by chapter, every edition: a chapter is parsed once, and only
  // when an edition misses it in the cache.
  const byChapter = await Promise.all(
    book.chapters.map(async (chapter) => {
      const text = cache?.digest(chapter.file.path, String(chapter.file.value))
      const keys = definitions.map((edition) =>
        cache
          ? // Everything that shapes the chapter in this edition: the code,
            // the chapter, and the book-wide inputs the edition's stages read.
            ChapterCache.key([
              codeFingerprint(),
              edition.id,
              chapter.id,
              text,
              edition.inputs?.(context, chapter) ?? null,
              // Links and images: the chapters of the book, its image files.
              context.digest('references', () => referenceInputs(book))
            ])
          : undefined
      )
      const entries = await Promise.all(keys.map((key) => (key ? cache!.get(key) : undefined)))
      const missing = entries.flatMap((entry, index) => (entry ? [] : [index]))
      if (missing.length > 0) {
        const parsed = read(chapter)
        // Editions without mdast stages only read the tree (remark-rehype
        // makes a new one): they share it, and go first. Editions with mdast
        // stages change it: each gets a copy, but the last takes the tree.
        missing.sort((a, b) => Number(changesMdast[a]) - Number(changesMdast[b]))
        for (const [position, index] of missing.entries()) {
          const copy = 'tree' in parsed && changesMdast[index] && position < missing.length - 1
          const own = copy ? {...parsed, tree: structuredClone(parsed.tree)} : parsed
          const fresh = await processors[index]!(chapter, own)
          entries[index] = fresh
          if (keys[index]) await cache!.set(keys[index]!, fresh)
        }
      }

      for (const key of keys) if (key) used.add(key)
      return entries as ProcessedEntry[]
    })
  )

  result.timings.stages = step()
  const processed = await Promise.all(
    definitions.map(async (edition, index) => {
      const chapters = byChapter.map((entries) => entries[index]!)
      const editionBook: EditionBook = {
        edition: editionInfo(edition),
        meta: editionMeta(book.meta, edition, context),
        chapters: [
          ...chapters.map((entry, index) => withPlace(entry.chapter, book.chapters[index]!, edition, context)),
          ...(edition.backMatter?.(context, chapters) ?? [])
        ],
        typography: {
          font: book.settings.font?.faces[edition.id],
          // Vertical setting is for Traditional books (see the README).
          vertical: book.settings.vertical && edition.id === 'hant'
        }
      }
      // Part titles are the book's text: converted like the metadata.
      if (book.parts) editionBook.parts = book.parts.map((title) => edition.text(title, context))
      // Links to other chapters' ids, checked now every chapter is made;
      // the images of every chapter, each once.
      const linked = checkChapterLinks(
        editionBook.chapters,
        new Map(chapters.map((entry) => [entry.chapter.id, entry.file]))
      )
      editionBook.chapters = linked.chapters
      const resources = bookResources(chapters.map((entry) => entry.file))
      if (resources.length > 0) editionBook.resources = resources
      if (edition.dictionary && dictionary) {
        const {index} = await dictionary
        if (index) editionBook.dictionary = editionDictionary(editionBook, index)
      }

      const files = chapters.map((entry, index) => ({path: book.chapters[index]!.path, file: entry.file}))
      const converted = edition.report === true && files.some((entry) => entry.file.data.conversion)
      return {
        editionBook,
        files,
        linkMessages: linked.messages,
        report: converted ? collectReport(edition.id, files, context) : undefined,
        coverage: sumCoverage(
          edition.id,
          files.map((entry) => entry.file.data.translation)
        )
      }
    })
  )

  for (const entry of processed) {
    result.messages.push(...entry.files.map((file) => file.file), ...entry.linkMessages)
    result.editions.push(entry.editionBook)
    if (entry.report) result.reports.push(entry.report)
    if (entry.coverage) result.coverage.push(entry.coverage)
  }

  if (dictionary) result.messages.push(...dictionaryMessages(await dictionary))
  // Memory holds what this build used, no more: a long watch stays small.
  options.cache?.retain(used)

  result.timings.book = step()
  // 3. Stop on errors, before anything is rendered or written.
  if (hasErrors(result.messages)) return result

  // 4. Render every edition in every format.
  if (renderers.includes(epub) && coverFonts.length === 0) result.messages.push(coverFontMessage(book.root))
  // One at a time: rendering is work on one thread either way, and three
  // EPUBs packed side by side hold their buffers at once (peak memory).
  for (const editionBook of result.editions) {
    for (const renderer of renderers) result.outputs.push(...(await renderer.render(editionBook, renderContext)))
  }

  result.fonts = ids.flatMap((id) => fonts.records.filter((record) => record.edition === id))
  warnMissingGlyphs(result.fonts, loaded.files, book.settings.font?.line ?? 1)
  if (renderers.includes(web)) result.outputs.push(...renderSiteIndex(result.editions, renderContext))
  for (const report of result.reports) result.outputs.push(...renderReport(report))
  result.outputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  result.timings.render = step()
  result.ok = true
  return result
}

/**
 * Build every edition and write it into the output folder, first putting
 * back what an interrupted build left aside (a failing build does that too).
 *
 * @param options
 *   Options (with `output`).
 * @returns
 *   Result.
 */
export async function build(options: BuildOptions & {output: string}): Promise<BuildResult> {
  // A session (a chapter cache) remembers what it wrote, so the next build
  // knows an unchanged file without reading it.
  let memo: OutputMemo | undefined
  if (options.cache) {
    memo = outputMemos.get(options.cache) ?? new Map()
    outputMemos.set(options.cache, memo)
  }

  await recoverOutput(options.output, memo)
  const result = await buildFiles(options)
  if (!result.ok) return result

  const started = performance.now()
  await writeOutput(options.output, result.outputs, memo, {background: options.background})
  result.timings.write = performance.now() - started
  return result
}

/**
 * End a session (a chapter cache) of `build` calls: remove what it kept in
 * the output folder for its next write.
 *
 * @param cache
 *   The session's chapter cache.
 * @returns
 *   Nothing.
 */
export async function endSession(cache: ChapterCache): Promise<undefined> {
  const memo = outputMemos.get(cache)
  if (memo) await releaseOutput(memo)
}

/**
 * Warn, on `book.yaml`'s `font`, of characters an embedded face cannot draw
 * (F003): a reader without a font that has them shows blank boxes.
 */
function warnMissingGlyphs(records: readonly EmbeddedFontRecord[], files: readonly VFile[], line: number): undefined {
  const config = files.find((file) => path.basename(file.path) === configName)
  if (!config) return
  for (const record of records) {
    if (!record.missing) continue
    warn(
      config,
      `Unexpected characters without a glyph in \`${record.family}\` (${record.edition}): ${record.missing}, expected a face that covers the text`,
      {line, column: 1},
      'F003'
    )
  }
}

/**
 * A processed chapter with its place in the table of contents (depth,
 * part, the title the contents give it, converted as the edition's text),
 * which the cache does not keep: the chapter's text does not say it.
 */
function withPlace(
  chapter: EditionChapter,
  source: ChapterSource,
  edition: EditionDefinition,
  context: StageContext
): EditionChapter {
  if (!source.depth && source.part === undefined && !source.tocTitle) return chapter
  const placed: EditionChapter = {...chapter}
  if (source.depth) placed.depth = source.depth
  if (source.part !== undefined) placed.part = source.part
  if (source.tocTitle) placed.title = edition.text(source.tocTitle, context)
  return placed
}

/** The images of the chapters, each file once, in order of first use. */
function bookResources(files: readonly VFile[]): BookResource[] {
  const resources = new Map<string, BookResource>()
  for (const file of files) {
    for (const image of file.data.images ?? []) if (!resources.has(image.name)) resources.set(image.name, image)
  }

  return [...resources.values()]
}

/** What renderers are told of an edition. */
function editionInfo(edition: EditionInfo): EditionInfo {
  return {id: edition.id, lang: edition.lang, label: edition.label, otherLanguages: edition.otherLanguages}
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
