/**
 * `zhbook init [DIR]`: start a book (see `init/init.ts`).
 */
import path from 'node:path'
import {formatMessages} from '../core/diagnostics.js'
import {initBook} from '../init/init.js'

/**
 * Run the init command.
 *
 * @param dir
 *   The book's folder.
 * @returns
 *   Exit code: 0 on success, 1 when nothing was written.
 */
export async function initCommand(dir: string): Promise<number> {
  const result = await initBook(dir)
  for (const line of formatMessages(result.messages)) console.error(line)
  if (!result.ok) return 1
  const where = path.relative(process.cwd(), path.resolve(dir)) || '.'
  const build = where === '.' ? 'zhbook build' : `zhbook build ${where}`
  if (result.found === 'nothing') {
    console.log(`Wrote a sample book in ${where === '.' ? 'this folder' : `${where}/`}: ${result.written.join(', ')}`)
  } else {
    const what = {
      markdown: 'Markdown files',
      mdbook: 'an mdBook',
      gitbook: 'a GitBook',
      folders: 'folders of chapters',
      summary: 'a SUMMARY.md'
    }[result.found]
    console.log(
      `Wrote ${where === '.' ? '' : `${where}/`}book.yaml for the ${result.chapters.length} chapters found (${what}): check its title and author`
    )
  }

  console.log(`Next: ${build} (the EPUBs and the web edition go to output/)`)
  return 0
}
