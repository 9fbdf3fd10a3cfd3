#!/usr/bin/env node
/**
 * The `zhbook` command line. Commands are thin: the work lives in the library.
 */
import {createRequire} from 'node:module'
import {Command} from 'commander'

const {version} = createRequire(import.meta.url)('../../package.json') as {version: string}
const program = new Command()

program
  .name('zhbook')
  .description(
    'Build Traditional, Simplified and bilingual Chinese editions (EPUB 3 and web) from one Markdown manuscript.'
  )
  .version(version)
  .showHelpAfterError()

program
  .command('build')
  .description('build every edition of the manuscript in DIR')
  .argument('[dir]', 'manuscript folder (book.yaml and *.md chapters)', 'manuscript')
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('-q, --quiet', 'print only warnings and errors')
  .option('--cache <dir>', 'folder of the chapter cache (default: DIR/.zhbook-cache)')
  .option('--no-cache', 'process every chapter, using no cache')
  .action(async (dir: string, options: {out: string; quiet?: boolean; cache?: string | false}) => {
    // Each command's modules are loaded when it runs: a build does not pay
    // for the watcher and its server, nor `watch` for `translate`.
    const {buildCommand} = await import('./build.js')
    process.exitCode = await buildCommand(dir, options)
  })

program
  .command('watch')
  .description(
    'build, serve the web edition on this machine, and rebuild every edition whenever the manuscript changes'
  )
  .argument('[dir]', 'manuscript folder', 'manuscript')
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('-p, --port <port>', 'port of the preview server', '4173')
  .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
  .option('--cache <dir>', 'folder of the chapter cache (default: DIR/.zhbook-cache)')
  .action(async (dir: string, options: {out: string; port: string; host: string; cache?: string}) => {
    const {watchCommand} = await import('./watch.js')
    process.exitCode = await watchCommand(dir, options)
  })

program
  .command('clean')
  .description(
    "remove the chapter cache of the manuscript in DIR and the dictionary index (they are rebuilt on the next build); only folders that carry zhbook's cache tag are removed"
  )
  .argument('[dir]', 'manuscript folder', 'manuscript')
  .option('--cache <dir>', 'folder of the chapter cache (default: DIR/.zhbook-cache)')
  .action(async (dir: string, options: {cache?: string}) => {
    const {cleanCommand} = await import('./clean.js')
    process.exitCode = await cleanCommand(dir, options)
  })

program
  .command('translate')
  .description(
    'update the PO catalogs in DIR/translations/en/ from the manuscript (like msgmerge): new paragraphs get empty entries, changed ones keep their old translation marked fuzzy, removed ones become obsolete'
  )
  .argument('[dir]', 'manuscript folder', 'manuscript')
  .action(async (dir: string) => {
    const {translateCommand} = await import('./translate.js')
    process.exitCode = await translateCommand(dir)
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
  console.error('zhbook: internal error:', cause instanceof Error ? cause.stack : cause)
  process.exitCode = 70
})
