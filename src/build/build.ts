/**
 * The build, as a list of steps: load the project (`loadProject`), run each
 * edition's stages on every chapter, hand the editions to each format's
 * renderer, write everything at once. The build names no format: the
 * renderers come from `formats/formats.ts`, and each writes its own files.
 *
 * Nothing is written when any step reports an error, so a bad edit never
 * costs the last good output.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import {configName} from '../load/book.js'
import type {EditionBook, EditionId, OutputFile, Renderer} from '../core/model.js'
import type {ConversionReport} from '../convert/report.js'
import type {RuleLevel} from '../core/diagnostics.js'
import type {DictionaryOptions} from '../dictionary/cache.js'
import type {EmbeddedFontRecord} from '../fonts/subsetter.js'
import {formats} from '../formats/formats.js'
import type {TranslationCoverage} from '../stages/remark-translations.js'
import {recoverOutput} from './output.js'
import {claimOutput} from './ownership.js'
import {folderMessage, publish, writeProblem} from './publish.js'
import {processProject, type Rendered} from './process.js'
import {BuildSession} from './session.js'

export {modifiedDate} from './process.js'

/** Options of a build. */
export interface BuildOptions {
  /** Manuscript folder. */
  input: string
  /** Output folder (required by `build`, unused by `buildFiles`). */
  output?: string
  /** Editions to build (default: the book's, see `BookSettings`). */
  editions?: readonly EditionId[] | undefined
  /** Renderers to run (default: every format, see `formats`). */
  renderers?: readonly Renderer[] | undefined
  /**
   * Told of each step as it ends, for a progress display (optional): each
   * chapter of each edition, each edition made in each format, the files
   * written.
   */
  onProgress?: ((event: BuildProgress) => undefined) | undefined
  /** Environment, for `SOURCE_DATE_EPOCH` (default: `process.env`). */
  env?: Record<string, string | undefined> | undefined
  /** Where CC-CEDICT and the dictionary's cache are (default: found from zhbook's own folder). */
  dictionary?: DictionaryOptions | undefined
  /**
   * Seconds a chapter may take to be read (optional, default: book.yaml's
   * `limits.chapterSeconds`, else 300): past them its reading is stopped
   * (B001).
   */
  chapterSeconds?: number | undefined
  /**
   * The build session (optional, default: a fresh one, disposed when the
   * build ends): what a series of builds keeps from one to the next (the
   * chapter cache, what was written, the renderers' stores). The caller
   * that passes one disposes it.
   */
  session?: BuildSession | undefined
  /**
   * Write the formats that take long (`Renderer.deferred`) after the others,
   * in the background (`build` only; default: `false`): the result is back
   * once the others are written, and its `deferred` once these are too.
   */
  defer?: boolean | undefined
  /**
   * Stops the deferred formats before their next edition (optional): a watch
   * session stops them when a newer change comes, whose build writes them
   * anyway. Stopped, they write nothing (`DeferredResult.aborted`).
   */
  signal?: AbortSignal | undefined
}

/**
 * A step of a build that has ended (`BuildOptions.onProgress`); `stages` also
 * says when an edition's stages of a chapter start, with the chapter's time
 * budget, so that a caller on another thread can stop a build that runs past
 * it (the stages run on the build's thread, which cannot watch its own clock).
 */
export type BuildProgress =
  | {kind: 'stages'; chapter: string; edition: EditionId; seconds: number; running: boolean}
  | {kind: 'chapters'; edition: EditionId; done: number; total: number}
  | {kind: 'rendered'; edition: EditionId; format: string}
  | {kind: 'written'; files: number}

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
   * rendering, reading back what was made, and writing (`build` only).
   */
  timings: {read: number; stages: number; book: number; render: number; check: number; write: number}
  /** The fonts the EPUBs embed, one per edition that embeds one. */
  fonts: EmbeddedFontRecord[]
  /** The author's levels for rules (`book.yaml` `rules:`), for printing the messages (optional: none). */
  rules?: Partial<Record<string, RuleLevel>> | undefined
  /**
   * The formats left for later (`BuildOptions.defer`), once written
   * (optional: none left); rejects when one fails.
   */
  deferred?: Promise<DeferredResult> | undefined
}

/** What the formats left for later did (`BuildResult.deferred`). */
export interface DeferredResult {
  /** Names of the renderers that ran. */
  renderers: string[]
  /** Files with new messages (the renderers'). */
  messages: VFile[]
  /** The files made. */
  outputs: OutputFile[]
  /** The fonts they embed. */
  fonts: EmbeddedFontRecord[]
  /** Milliseconds to render them, to read them back and to write them. */
  timings: {render: number; check: number; write: number}
  /** Whether they were stopped (`BuildOptions.signal`), and wrote nothing. */
  aborted: boolean
}

/** The default renderers: every format. */
export const defaultRenderers: readonly Renderer[] = formats

/**
 * Build every edition in memory, writing nothing.
 *
 * @param options
 *   Options.
 * @returns
 *   Result with the files to write.
 */
export async function buildFiles(options: BuildOptions): Promise<BuildResult> {
  const session = options.session ?? new BuildSession()
  try {
    const {result, render, renderers} = await processProject(options, session)
    if (!render) return result
    const started = performance.now()
    add(result, await render(renderers))
    result.timings.render = performance.now() - started
    result.ok = true
    return result
  } finally {
    if (!options.session) await session.dispose()
  }
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
  const session = options.session ?? new BuildSession()
  let deferred = false
  try {
    // A folder zhbook may not write into is refused before anything is
    // read, and before anything in it is touched.
    let claim: ReturnType<typeof claimOutput>
    try {
      claim = claimOutput(options.output, options.input)
      if (!('problem' in claim)) await recoverOutput(options.output, session.output)
    } catch (cause) {
      claim = {problem: writeProblem(cause, path.resolve(options.output))}
    }

    if ('problem' in claim) return refused(folderMessage(claim.problem))
    const {result, render, renderers} = await processProject(options, session)
    if (!render) return result
    const later = options.defer ? renderers.filter((renderer) => renderer.deferred) : []
    let started = performance.now()
    add(result, await render(renderers.filter((renderer) => !later.includes(renderer))))
    result.timings.render = performance.now() - started
    started = performance.now()
    const {failed, checked} = await publish(claim, result.outputs, {memo: session.output, last: later.length === 0})
    result.timings.check = checked
    result.timings.write = performance.now() - started - checked
    if (failed.length > 0) {
      result.messages.push(...failed)
      return result
    }

    options.onProgress?.({kind: 'written', files: result.outputs.length})
    result.ok = true
    const written = new Set(result.outputs.map((file) => file.path.split('/')[0]!))
    if (later.length > 0) {
      deferred = true
      result.deferred = (async () => {
        try {
          let started = performance.now()
          const rendered = await render(later, options.signal)
          const outputs = rendered.aborted ? [] : sortFiles(rendered.outputs)
          const renderTime = performance.now() - started
          started = performance.now()
          const {failed, checked} = rendered.aborted
            ? {failed: [], checked: 0}
            : await publish(claim, outputs, {memo: session.output, last: true, others: written})
          const timings = {render: renderTime, check: checked, write: performance.now() - started - checked}
          // A face without some glyphs is told on `book.yaml`'s file (F003).
          const config = rendered.fonts.some((record) => record.missing)
            ? result.messages.find((file) => path.basename(file.path) === configName)
            : undefined
          const messages = config ? [...rendered.messages, config, ...failed] : [...rendered.messages, ...failed]
          const names = later.map((renderer) => renderer.name)
          const made = failed.length > 0 ? [] : outputs
          return {renderers: names, messages, outputs: made, fonts: rendered.fonts, timings, aborted: rendered.aborted}
        } finally {
          if (!options.session) await session.dispose()
        }
      })()
      // Whoever awaits it gets the failure; nobody else should see it.
      result.deferred.catch(() => undefined)
    }

    return result
  } finally {
    if (!options.session && !deferred) await session.dispose()
  }
}

/** The result of a build refused before it started. */
function refused(file: VFile): BuildResult {
  return {
    ok: false,
    messages: [file],
    editions: [],
    reports: [],
    outputs: [],
    coverage: [],
    fonts: [],
    timings: {read: 0, stages: 0, book: 0, render: 0, check: 0, write: 0}
  }
}

/** Add what renderers made to a result. */
function add(result: BuildResult, rendered: Rendered): undefined {
  result.messages.push(...rendered.messages)
  result.outputs = sortFiles([...result.outputs, ...rendered.outputs])
  result.fonts.push(...rendered.fonts)
  return undefined
}

/** Files in path order. */
function sortFiles(files: OutputFile[]): OutputFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
