/**
 * `zhbook init [DIR]`: start a book (see `init/init.ts`).
 */
import path from 'node:path'
import {formatMessages} from '../core/diagnostics.js'
import {initBook} from '../init/init.js'
import {isInside} from '../load/read-text.js'

/**
 * Run the init command.
 *
 * @param dir
 *   The folder to start the book in.
 * @returns
 *   Exit code: 0 on success, 1 when nothing was written.
 */
export async function initCommand(dir: string): Promise<number> {
  const result = await initBook(dir)
  for (const line of formatMessages(result.messages)) console.error(line)
  if (!result.ok) return 1
  const book = path.relative(process.cwd(), result.book) || '.'
  const shown = book === '.' ? 'this folder' : `${book}/`
  if (result.found === 'nothing') {
    console.log(`Wrote a sample book in ${shown}: ${result.written.join(', ')}`)
  } else {
    const what = {
      markdown: 'Markdown files',
      mdbook: 'an mdBook',
      gitbook: 'a GitBook',
      folders: 'folders of chapters',
      summary: 'a SUMMARY.md'
    }[result.found]
    console.log(
      `Wrote ${book === '.' ? '' : `${book}/`}book.yaml for the ${result.chapters.length} chapters found (${what}): check its title and author`
    )
  }

  console.log(`Next: ${nextBuild(result.book)}`)
  return 0
}

/**
 * The build command for the new book, from the current folder: the output
 * goes to `output/` here unless that is inside the book, which the build
 * refuses (W001); then it goes beside the book.
 */
function nextBuild(book: string): string {
  const cwd = process.cwd()
  const project = path.basename(book) === 'manuscript' ? path.dirname(book) : undefined
  // A `manuscript/` here is what `zhbook build` reads by default.
  if (project === cwd) return 'zhbook build (the EPUBs and the web edition go to output/)'
  const out = isInside(book, path.join(cwd, 'output'))
    ? path.join(project ?? path.dirname(book), project ? 'output' : `${path.basename(book)}-output`)
    : path.join(project ?? cwd, 'output')
  const relative = (value: string) => path.relative(cwd, value) || '.'
  // `output/` here is the default.
  const option = out === path.join(cwd, 'output') ? '' : ` --out ${relative(out)}`
  return `zhbook build ${relative(book)}${option}`
}
