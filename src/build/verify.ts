/**
 * Read back what a build made before it replaces the last output: every XML
 * document in or beside an EPUB is parsed strictly, a web page is checked for
 * characters no reader takes. A failure stops the build (X003, X004), leaving
 * the last good book in place.
 */
import type JSZip from 'jszip'
import {SaxesParser} from 'saxes'
import {VFile} from 'vfile'
import path from 'node:path'
import type {OutputFile} from '../core/model.js'
import type {OutputMemo} from './output.js'
import {error} from '../core/diagnostics.js'
import {findForbidden} from '../core/xml-characters.js'

/** Most documents remembered as parsed (`OutputMemo.parsed`). */
const parsedLimit = 20_000

/** Files parsed as XML, by extension. */
const xmlExtension = /\.(?:xhtml|opf|ncx|xml|svg|smil)$/i

/** Files checked for forbidden characters only (HTML is not XML). */
const textExtension = /\.(?:html?|css|js|json|txt|md)$/i

/**
 * Check the files of a build.
 *
 * @param out
 *   Output folder (absolute), for the paths of the messages.
 * @param files
 *   Files, relative to it.
 * @param memo
 *   What the session wrote (optional): what it checked then is not checked again.
 * @returns
 *   A file per document that fails, with its message.
 */
export async function verifyOutputs(
  out: string,
  files: readonly OutputFile[],
  memo?: OutputMemo | undefined
): Promise<VFile[]> {
  const failed: VFile[] = []
  if (memo?.parsed && memo.parsed.size > parsedLimit) memo.parsed.clear()
  for (const file of files) {
    const full = path.join(out, ...file.path.split('/'))
    // Why by identity: in watch mode, an unchanged page is the same string.
    if (memo?.files.get(full)?.data === file.data) continue
    if (file.path.endsWith('.epub')) {
      let zip: JSZip
      try {
        // Loaded here: a build of the web edition alone never reads a zip.
        const {default: Zip} = await import('jszip')
        zip = await Zip.loadAsync(file.data)
      } catch (cause) {
        const report = new VFile({path: full})
        error(
          report,
          `Unexpected unreadable EPUB (${cause instanceof Error ? cause.message : String(cause)}), expected a zip archive`,
          undefined,
          'X004'
        )
        failed.push(report)
        continue
      }

      for (const entry of Object.values(zip.files)) {
        if (entry.dir || !xmlExtension.test(entry.name)) continue
        const text = await entry.async('string')
        if (memo?.parsed?.has(text)) continue
        const problem = parseProblem(text)
        if (problem) failed.push(report(`${full}/${entry.name}`, problem))
        else memo?.parsed?.add(text)
      }
    } else if (xmlExtension.test(file.path) || textExtension.test(file.path)) {
      const text = typeof file.data === 'string' ? file.data : Buffer.from(file.data).toString('utf8')
      const problem = xmlExtension.test(file.path) ? parseProblem(text) : characterProblem(text)
      if (problem) failed.push(report(full, problem))
    }
  }

  return failed
}

/** What is wrong with a document, with its place, and what was expected. */
type Problem = {reason: string; line: number; column: number; expected: string}

/** A file with the message of a document that fails. */
function report(full: string, problem: Problem): VFile {
  const file = new VFile({path: full})
  error(
    file,
    `Unexpected ${problem.reason} in a document zhbook made, expected ${problem.expected} (this is a bug in zhbook; the last output is kept)`,
    {line: problem.line, column: problem.column},
    'X003'
  )
  return file
}

/**
 * Why a document is not well-formed XML, or `undefined`.
 *
 * @param text
 *   Document.
 * @returns
 *   Problem.
 */
export function parseProblem(text: string): Problem | undefined {
  const parser = new SaxesParser({xmlns: true})
  let problem: Problem | undefined
  parser.on('error', (cause) => {
    // Saxes goes on after an error; the first says where the document breaks.
    problem ??= {
      reason: `malformed XML (${cause.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')})`,
      line: parser.line,
      column: parser.column,
      expected: 'well-formed XML'
    }
  })
  parser.write(text).close()
  return problem
}

/** Where a text holds a character no document may hold, or `undefined`. */
function characterProblem(text: string): Problem | undefined {
  const found = findForbidden(text)
  if (!found) return undefined
  const before = text.slice(0, found.index)
  const line = before.split('\n').length
  const column = found.index - before.lastIndexOf('\n')
  return {reason: `${found.kind} ${found.name}`, line, column, expected: 'text a reader takes'}
}
