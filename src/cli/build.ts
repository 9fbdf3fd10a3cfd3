/**
 * `zhbook build [DIR] [--out OUT] [--edition ID] [--format NAME]`: build the
 * editions.
 */
import path from 'node:path'
import {type BuildProgress, build} from '../build/build.js'
import {defaultCacheDir} from '../build/cache-folder.js'
import {BuildSession} from '../build/session.js'
import {failureCode, formatMessages} from '../core/diagnostics.js'
import {editions} from '../core/editions.js'
import type {EditionId} from '../core/model.js'
import {formats} from '../formats/formats.js'
import {resourceSummary} from '../formats/shared/resources.js'
import {createProgress, type ProgressStream} from './progress.js'

/** How many warnings of one rule are printed before the rest are summed up. */
const perRule = 5

/** Options of the build command. */
export interface BuildCommandOptions {
  /** Output folder. */
  out: string
  /** Print nothing but messages. */
  quiet?: boolean | undefined
  /** Folder of the chapter cache (default: `DIR/.zhbook-cache`), or `false` for none. */
  cache?: string | false | undefined
  /** Print every message, none summed up (optional). */
  verbose?: boolean | undefined
  /** Editions to build (optional: the book's). */
  edition?: readonly string[] | undefined
  /** Formats to write (optional: the book's). */
  format?: readonly string[] | undefined
  /** Where progress goes, when it is a terminal (optional: none). */
  progress?: ProgressStream | undefined
  /** Also told each step of the build (optional). */
  onProgress?: ((event: BuildProgress) => undefined) | undefined
}

/** Where the command prints its lines: messages and the summary. */
export interface Printer {
  /** A line of the summary (standard output). */
  out(line: string): undefined
  /** A message (standard error). */
  err(line: string): undefined
}

const consolePrinter: Printer = {
  out(line) {
    console.log(line)
  },
  err(line) {
    console.error(line)
  }
}

/**
 * Run the build command.
 *
 * @param dir
 *   Manuscript folder.
 * @param options
 *   Command options.
 * @param print
 *   Where lines go (optional, default: the console).
 * @returns
 *   Exit code: 0 on success, 1 when the manuscript has errors.
 */
export async function buildCommand(
  dir: string,
  options: BuildCommandOptions,
  print: Printer = consolePrinter
): Promise<number> {
  const started = performance.now()
  const asked = chosen(options.edition, Object.keys(editions), 'edition', print)
  const renderers = chosen(
    options.format,
    formats.map((format) => format.name),
    'format',
    print
  )
  if (!asked || !renderers) return 1
  const cacheDir = options.cache === false ? undefined : (options.cache ?? defaultCacheDir(dir))
  const session = new BuildSession({cacheDir})
  const progress = options.quiet || !options.progress ? undefined : createProgress(options.progress)
  let result: Awaited<ReturnType<typeof build>>
  try {
    result = await build({
      input: dir,
      output: options.out,
      session,
      editions: asked.length > 0 ? (asked as EditionId[]) : undefined,
      renderers: renderers.length > 0 ? formats.filter((format) => renderers.includes(format.name)) : undefined,
      onProgress(event) {
        progress?.update(event)
        options.onProgress?.(event)
        return undefined
      }
    })
  } finally {
    progress?.stop()
    await session.dispose()
  }

  const limit = options.verbose ? undefined : perRule
  for (const line of formatMessages(result.messages, undefined, {rules: result.rules, limit, totals: true})) {
    print.err(line)
  }

  if (!result.ok) {
    print.err(`zhbook: build failed; nothing was written to ${options.out}`)
    return failureCode(result.messages)
  }

  if (!options.quiet) {
    for (const report of result.reports) {
      const overrides = report.entries.filter((entry) => entry.kind === 'override').length
      print.out(
        `${report.edition}: ${report.entries.length - overrides} phrase changes, ${overrides} overrides applied, ` +
          `${report.characters} characters converted (reports/conversion-${report.edition}.md)`
      )
    }

    for (const c of result.coverage) {
      const total = c.translated + c.fuzzy + c.missing
      const percent = total === 0 ? 100 : Math.floor((c.translated / total) * 1000) / 10
      print.out(
        `${c.edition}: translation ${c.translated} translated, ${c.fuzzy} fuzzy, ${c.missing} missing (${percent}% of ${total} paragraphs)`
      )
    }

    for (const font of result.fonts) {
      print.out(
        `${font.edition}: embedded font ${font.family} subset, ${font.glyphs} glyphs for ${font.characters} characters, ` +
          `${Math.round(font.bytes / 1024)} KB${font.cached ? ' (cached)' : ''}`
      )
    }

    const images = resourceSummary(result.editions)
    if (images) print.out(images)

    const epubs = result.outputs.filter((file) => file.path.endsWith('.epub'))
    const pages = result.outputs.filter((file) => file.path.endsWith('.html'))
    print.out(
      `Built ${result.editions.map((e) => e.edition.id).join(', ')}: ${epubs.length} EPUB, ` +
        `${pages.length} web pages in ${path.relative(process.cwd(), path.resolve(options.out)) || '.'}/ ` +
        `(${Math.round(performance.now() - started)} ms)`
    )
  }

  return 0
}

/**
 * The values of `--edition` or `--format`, each checked against what there
 * is (U004); `undefined` after an unknown one.
 */
function chosen(
  values: readonly string[] | undefined,
  known: readonly string[],
  what: string,
  print: Printer
): string[] | undefined {
  const unknown = (values ?? []).filter((value) => !known.includes(value))
  for (const value of unknown) {
    print.err(`zhbook: error: Unexpected ${what} \`${value}\`, expected ${known.join(', ')} [U004]`)
  }

  return unknown.length > 0 ? undefined : [...new Set(values)]
}
