#!/usr/bin/env node
/**
 * The `zhbook` command line. Commands are thin: the work lives in the library.
 */
import {existsSync, readdirSync} from 'node:fs'
import {Command} from 'commander'
import {packageInfo} from '../core/package-root.js'

const {version} = packageInfo()
const program = new Command()

program
  .name('zhbook')
  .description(
    'Build Traditional, Simplified and bilingual Chinese editions (EPUB 3 and web) from one Markdown manuscript.'
  )
  .version(version)
  .option('--debug', 'print the stack trace of an internal error')
  .showHelpAfterError()

/** Help of the book folder argument. */
const dirHelp =
  'book folder (default: the current folder when it has a book.yaml, book.toml or SUMMARY.md, else manuscript)'

/**
 * The book folder of a command given none: the current folder when it is a
 * book (`zhbook init && zhbook build`, or a folder of chapters), else
 * `manuscript` (this repository's layout).
 */
function bookFolder(dir: string | undefined): string {
  if (dir !== undefined) return dir
  if (['book.yaml', 'book.toml', 'SUMMARY.md'].some((name) => existsSync(name))) return '.'
  if (existsSync('manuscript')) return 'manuscript'
  // Chapters as `listMarkdown` finds them: a README is the repository's.
  const chapters = readdirSync('.').filter((name) => /\.md$/i.test(name) && !/^(?:readme|summary)\.md$/i.test(name))
  return chapters.length > 0 ? '.' : 'manuscript'
}

/** Collect a repeatable option's values. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

program
  .command('build')
  .description('build the editions of the book in DIR (those book.yaml lists, or those asked for)')
  .argument('[dir]', dirHelp)
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('-e, --edition <id>', 'build this edition: hant, hans or bilingual (repeatable; default: every one)', collect)
  .option('-f, --format <name>', 'write this format: epub or web (repeatable; default: both)', collect)
  .option('-q, --quiet', 'print only warnings and errors')
  .option('--verbose', 'print every message (by default repeated warnings of one rule are summed up)')
  .option('--cache <dir>', 'folder of the chapter cache (default: DIR/.zhbook-cache)')
  .option('--no-cache', 'process every chapter, using no cache')
  .action(
    async (
      dir: string | undefined,
      options: {
        out: string
        edition?: string[]
        format?: string[]
        quiet?: boolean
        verbose?: boolean
        cache?: string | false
      }
    ) => {
      // Each command's modules are loaded when it runs: a build does not pay
      // for the watcher and its server, nor `watch` for `translate`.
      const {buildWithBudget} = await import('./build-budget.js')
      process.exitCode = await buildWithBudget(bookFolder(dir), {...options, progress: process.stderr})
    }
  )

program
  .command('init')
  .description(
    'start a book in DIR: a sample book in an empty folder, or a book.yaml listing the Markdown already there (never overwrites a book.yaml)'
  )
  .argument('[dir]', 'folder of the book (made when missing)', '.')
  .action(async (dir: string) => {
    const {initCommand} = await import('./init.js')
    process.exitCode = await initCommand(dir)
  })

program
  .command('watch')
  .description(
    'build, serve the web edition on this machine, and rebuild every edition whenever the manuscript changes'
  )
  .argument('[dir]', dirHelp)
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('-p, --port <port>', 'port of the preview server', '4173')
  .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
  .option('--cache <dir>', 'folder of the chapter cache (default: DIR/.zhbook-cache)')
  .action(async (dir: string | undefined, options: {out: string; port: string; host: string; cache?: string}) => {
    const {watchCommand} = await import('./watch.js')
    process.exitCode = await watchCommand(bookFolder(dir), options)
  })

program
  .command('clean')
  .description(
    "remove the chapter cache of the manuscript in DIR and the dictionary index (they are rebuilt on the next build); only folders that carry zhbook's cache tag are removed"
  )
  .argument('[dir]', dirHelp)
  .option('--cache <dir>', 'folder of the chapter cache (default: DIR/.zhbook-cache)')
  .action(async (dir: string | undefined, options: {cache?: string}) => {
    const {cleanCommand} = await import('./clean.js')
    process.exitCode = await cleanCommand(bookFolder(dir), options)
  })

program
  .command('translate')
  .description(
    'update the PO catalogs in DIR/translations/en/ from the manuscript (like msgmerge): new paragraphs get empty entries, changed ones keep their old translation marked fuzzy, removed ones become obsolete'
  )
  .argument('[dir]', dirHelp)
  .action(async (dir: string | undefined) => {
    const {translateCommand} = await import('./translate.js')
    process.exitCode = await translateCommand(bookFolder(dir))
  })

program
  .command('check')
  .description(
    'check a Traditional manuscript (or one text file): Simplified and non-standard characters, half-width punctuation next to Han, mixed mainland and Taiwan vocabulary'
  )
  .argument('[path]', 'manuscript folder, or a text or Markdown file', 'manuscript')
  .option('--fix', 'apply the fixes that have one answer, and list them')
  .action(async (target: string, options: {fix?: boolean}) => {
    const {checkCommand} = await import('./check.js')
    process.exitCode = await checkCommand(target, options)
  })

program.parseAsync(process.argv).catch((cause: unknown) => {
  // An unexpected failure is a bug in zhbook, not in the manuscript: say so.
  // Mistakes in the input are messages with a rule id, never this; the
  // stack is for whoever fixes zhbook (`--debug`).
  if (program.opts<{debug?: boolean}>().debug) {
    console.error('zhbook: internal error:', cause instanceof Error ? cause.stack : cause)
  } else {
    const message = cause instanceof Error ? cause.message : String(cause)
    console.error(`zhbook: internal error: ${message} (a bug in zhbook: run again with --debug for the details)`)
  }

  process.exitCode = 70
})
