/**
 * The processing step of a build: load the project, run each edition's
 * stages on every chapter (through the session's chapter cache), make the
 * whole-book parts (back matter, dictionary, reports); then, on request,
 * hand the editions to renderers.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import {configName} from '../load/book.js'
import {folderProblem, loadProject} from '../load/project.js'
import {checkBook} from '../check/check.js'
import {hasErrors, warn} from '../core/diagnostics.js'
import {
  createStageContext,
  type EditionDefinition,
  editionMeta,
  editions as editionTable,
  type StageContext
} from '../core/editions.js'
import {defaultChapterSeconds} from '../core/model.js'
import type {
  BookResource,
  ChapterSource,
  EditionChapter,
  EditionBook,
  EditionId,
  EditionInfo,
  OutputFile,
  RenderContext,
  Renderer
} from '../core/model.js'
import {collectReport, renderReport} from '../convert/report.js'
import {dictionaryIndex} from '../dictionary/cache.js'
import {dictionaryMessages, editionDictionary} from '../dictionary/edition-dictionary.js'
import {createFontSubsetter, type EmbeddedFontRecord} from '../fonts/subsetter.js'
import type {TranslationCoverage} from '../stages/remark-translations.js'
import {formats} from '../formats/formats.js'
import type {BuildOptions, BuildResult} from './build.js'
import {claimCache} from './cache-folder.js'
import {collectGarbage, collectLength} from './collect-garbage.js'
import {ChapterCache, type ProcessedEntry} from './chapter-cache.js'
import {checkChapterLinks} from './chapter-links.js'
import {folderMessage} from './publish.js'
import {referenceInputs} from './reference-inputs.js'
import {codeFingerprint} from './fingerprint.js'
import {createChapterProcessor} from './pipeline.js'
import {type ChapterText, chapterText, createChapterReader, failureReason, type ParsedChapter} from './read-chapter.js'
import type {BuildSession} from './session.js'

/** A build up to its renderers: what was read and processed. */
export interface Processed {
  /** The result so far. */
  result: BuildResult
  /** The formats the book asks for: `BuildOptions.renderers`, else `formats:` of book.yaml, else every one. */
  renderers: readonly Renderer[]
  /** Render the editions in some formats (absent when the build stops). */
  render?: (renderers: readonly Renderer[], signal?: AbortSignal | undefined) => Promise<Rendered>
}

/** What some formats made. */
export interface Rendered {
  outputs: OutputFile[]
  messages: VFile[]
  fonts: EmbeddedFontRecord[] /** Whether the rendering was stopped (`BuildOptions.signal`): nothing is to be written. */
  aborted: boolean
}

/**
 * Load the project and run each edition's stages on every chapter: all of
 * a build but its renderers.
 *
 * @param options
 *   Options.
 * @param session
 *   The build session.
 * @returns
 *   The result so far, and (unless an error stops the build) what renders
 *   the editions.
 */
export async function processProject(options: BuildOptions, session: BuildSession): Promise<Processed> {
  const env = options.env ?? process.env
  const progress = options.onProgress
  const result: BuildResult = {
    ok: false,
    messages: [],
    editions: [],
    reports: [],
    outputs: [],
    coverage: [],
    fonts: [],
    timings: {read: 0, stages: 0, book: 0, render: 0, check: 0, write: 0}
  }
  let started = performance.now()
  /** Time since the last step, in ms. */
  const step = () => {
    const now = performance.now()
    const elapsed = now - started
    started = now
    return elapsed
  }

  // A book's folder that is not there (or is a file) is said first: its
  // cache folder (inside it) could not be made either.
  const missing = folderProblem(path.resolve(options.input), options.input)
  if (missing) {
    result.messages.push(missing)
    return {result, renderers: options.renderers ?? formats}
  }

  // The cache folder is checked (and tagged when new) before anything is
  // written to it.
  const cacheProblem = session.cacheDir === undefined ? undefined : claimCache(session.cacheDir)
  if (cacheProblem) {
    result.messages.push(folderMessage(cacheProblem))
    return {result, renderers: options.renderers ?? formats}
  }

  // 1. Load the project, while the renderers' modules load: those asked for,
  // else every format (a book that asks for fewer in book.yaml is rare).
  const loading = Promise.all((options.renderers ?? formats).map((renderer) => renderer.load?.()))
  // Awaited below; a book that stops the build here leaves it unawaited.
  loading.catch(() => {})
  const loaded = await loadProject(options.input, {env, session, editions: options.editions})
  result.messages.push(...loaded.files)
  const book = loaded.project
  result.timings.read = step()
  if (!book) return {result, renderers: options.renderers ?? formats}
  const wanted = book.settings.formats
  const renderers = options.renderers ?? (wanted ? formats.filter((format) => wanted.includes(format.name)) : formats)
  if (book.settings.rules) result.rules = book.settings.rules

  // 2. Run each edition's stages on every chapter (editions side by side).
  const context = createStageContext(book, session)
  const used = new Set<string>()
  const ids = options.editions ?? book.settings.editions
  // Only editions with a dictionary read CC-CEDICT's index: start now, await it after their chapters.
  const dictionary = ids.some((id) => editionTable[id].dictionary)
    ? dictionaryIndex(options.dictionary, session)
    : undefined
  const definitions = ids.map((id) => editionTable[id])
  const done = definitions.map(() => 0)
  /** Tell the caller one more chapter of an edition is ready. */
  const chapterDone = (index: number) => {
    done[index]!++
    progress?.({kind: 'chapters', edition: ids[index]!, done: done[index]!, total: book.chapters.length})
  }
  const changesMdast = definitions.map((edition) => edition.remark(context).length > 0)
  // The render context is known before the stages run: renderers start what
  // needs only the metadata (the EPUB's cover) now, on other threads.
  const fonts = createFontSubsetter({dir: session.cacheDir && path.join(session.cacheDir, 'fonts')})
  const renderContext: RenderContext = {
    modified: modifiedDate(book.meta.date, env),
    editions: definitions.map(editionInfo),
    session,
    fonts,
    cacheDir: session.cacheDir,
    settings: book.settings,
    root: book.root,
    env
  }
  for (const renderer of renderers) renderer.warm?.(book, renderContext)
  await loading
  for (const edition of definitions) {
    const early: EditionBook = {
      edition: editionInfo(edition),
      meta: editionMeta(book.meta, edition, context),
      chapters: []
    }
    for (const renderer of renderers) renderer.prepare?.(early, renderContext)
  }

  // The editions' processors (the bilingual glossary's pinyin): after the
  // renderers' early work has started, which they overlap.
  const processors = definitions.map((edition) => createChapterProcessor(edition, context))

  const budget = options.chapterSeconds ?? book.settings.chapterSeconds ?? defaultChapterSeconds
  const read = chapterReader(book.chapters, budget, session)
  const cache = session.chapters
  // Chapter by chapter, every edition: a chapter is parsed once, and only
  // when an edition misses it in the cache.
  const reading = Promise.all(
    book.chapters.map(async (chapter) => {
      const text = cache.digest(chapter.file.path, String(chapter.file.value))
      // Everything that shapes the chapter in each edition: the code, the
      // chapter, and the book-wide inputs the edition's stages read.
      const keys = definitions.map((edition) =>
        ChapterCache.key([
          codeFingerprint(),
          edition.id,
          chapter.id,
          text,
          edition.inputs?.(context, chapter) ?? null,
          // Links and images: the chapters of the book, its image files.
          context.digest('references', () => referenceInputs(book))
        ])
      )
      const entries = await Promise.all(keys.map((key) => cache.get(key)))
      const missing = entries.flatMap((entry, index) => (entry ? [] : [index]))
      if (missing.length > 0) {
        // On a thread of its own, which the budget can stop.
        const parsed = await read(chapterText(chapter))
        // Editions without mdast stages only read the tree (remark-rehype
        // makes a new one): they share it, and go first. Editions with mdast
        // stages change it: each gets a copy, but the last takes the tree.
        missing.sort((a, b) => Number(changesMdast[a]) - Number(changesMdast[b]))
        for (const [position, index] of missing.entries()) {
          const copy = 'tree' in parsed && changesMdast[index] && position < missing.length - 1
          const own = copy ? {...parsed, tree: structuredClone(parsed.tree)} : parsed
          // Only a chapter that was read runs its stages, and is timed.
          const timed = 'tree' in parsed
          const stages = {kind: 'stages', chapter: chapter.file.path, edition: ids[index]!, seconds: budget} as const
          if (timed) progress?.({...stages, running: true})
          const fresh = await processors[index]!(chapter, own)
          if (timed) progress?.({...stages, running: false})
          if (String(chapter.file.value).length >= collectLength) collectGarbage()
          entries[index] = fresh
          // A time-out says how busy the machine was, not what the chapter is.
          if (!('timeout' in parsed)) await cache.set(keys[index]!, fresh)
          chapterDone(index)
        }
      }

      for (const [index, entry] of entries.entries()) if (entry && !missing.includes(index)) chapterDone(index)

      for (const key of keys) used.add(key)
      return entries as ProcessedEntry[]
    })
  )
  // The script check of a Traditional manuscript, as warnings (`zhbook
  // check`), once the chapters are handed to the reading threads and the
  // renderers' early work has started: it runs here while they work (a 50 MB
  // chapter: 5 s of each).
  reading.catch(() => undefined)
  await new Promise((resolve) => setImmediate(resolve))
  result.messages.push(...checkBook(book, session))
  const byChapter = await reading
  await session.doneReading()

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
        if (index) editionBook.dictionary = editionDictionary(editionBook, index, session)
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
  cache.retain(used)

  result.timings.book = step()
  // 3. Stop on errors, before anything is rendered or written.
  if (hasErrors(result.messages)) return {result, renderers}

  // 4. Render every edition in each format; the conversion reports go with
  // the first formats rendered. A book of long chapters collects its garbage
  // between them (see `collect-garbage.ts`).
  let reports = result.reports
  let length = 0
  for (const chapter of book.chapters) length += String(chapter.file.value).length
  const large = length >= collectLength
  const editions = result.editions
  return {
    result,
    renderers,
    async render(renderers, signal) {
      const rendered: Rendered = {outputs: [], messages: [], fonts: [], aborted: false}
      const before = new Set(fonts.records)
      // One at a time: rendering is work on one thread either way, and three
      // EPUBs packed side by side hold their buffers at once (peak memory).
      for (const editionBook of editions) {
        for (const renderer of renderers) {
          // Stopped between two pieces of work: what is made goes unused.
          if (signal?.aborted) return {...rendered, aborted: true}
          rendered.outputs.push(...(await renderer.render(editionBook, renderContext)))
          if (large) collectGarbage()
          progress?.({kind: 'rendered', edition: editionBook.edition.id, format: renderer.name})
        }
      }

      for (const renderer of renderers) {
        const finished = await renderer.finish?.(editions, renderContext)
        if (!finished) continue
        rendered.messages.push(...(finished.messages ?? []))
        rendered.outputs.push(...finished.files)
      }

      // In the order of the editions, one per edition that embeds a font.
      rendered.fonts = ids.flatMap((id) =>
        fonts.records.filter((record) => record.edition === id && !before.has(record))
      )
      // On `book.yaml`'s file, which the result already holds.
      warnMissingGlyphs(rendered.fonts, loaded.files, book.settings.font?.line ?? 1)
      for (const report of reports) rendered.outputs.push(...renderReport(report))
      reports = []
      return rendered
    }
  }
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

/** A book of at most this many UTF-16 units is read on the build's own thread (see `chapterReader`). */
const inlineLength = 256 * 1024

/** The least budget that a book of `inlineLength` cannot use up, guards and all. */
const inlineSeconds = 30

/**
 * How the chapters of a build are read: on the session's threads, which the
 * budget can stop, or, for a small book with a generous budget, here.
 *
 * Why: starting the threads costs a third of a second, as much as building a
 * short book; and under the parser's guards (M007, B002) a book of
 * `inlineLength` reads in a few seconds at worst (about 1 s per 50 000
 * markers, measured), far inside `inlineSeconds`.
 *
 * @param chapters
 *   The book's chapters.
 * @param budget
 *   Seconds a chapter may take.
 * @param session
 *   The build session, which owns the threads.
 * @returns
 *   Reader.
 */
function chapterReader(
  chapters: readonly ChapterSource[],
  budget: number,
  session: BuildSession
): (chapter: ChapterText) => Promise<ParsedChapter> {
  let length = 0
  for (const chapter of chapters) length += String(chapter.file.value).length
  if (length > inlineLength || budget < inlineSeconds) return (chapter) => session.readers.read(chapter, budget)
  const read = createChapterReader()
  return async (chapter) => {
    try {
      return read(chapter)
    } catch (cause) {
      return {failure: failureReason(cause)}
    }
  }
}
