/**
 * The EPUBs of the EPUB-options fixture (`tests/fixtures/books/epub-options`):
 * every edition with an embedded Noto Serif CJK subset (a face of Debian's
 * `.ttc` per edition), the Traditional one also set vertically. For any
 * check that runs over EPUBs (epubcheck, axe-core over each XHTML document).
 *
 * Needs Debian's fonts-noto-cjk (`.ci/run` installs it).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {build, type BuildResult} from '../../src/build/build.js'
import type {BuildSession} from '../../src/build/session.js'

/** The fixture's manuscript. */
export const optionManuscript = path.join(import.meta.dirname, '..', 'fixtures', 'books', 'epub-options', 'manuscript')

/** What `buildOptionEpubs` made. */
export interface OptionEpubs {
  /** Paths of the EPUBs, sorted (`options-bilingual`, `-hans`, `-hant`). */
  epubs: string[]
  /** The build's result (the fonts it embedded, its messages). */
  result: BuildResult
}

/**
 * Build the fixture (EPUB and web) into a folder.
 *
 * @param out
 *   Output folder (made when missing).
 * @param session
 *   Build session; its cache folder also keeps the font subsets (optional: a
 *   fresh one without a folder).
 * @returns
 *   The EPUBs and the build's result.
 */
export async function buildOptionEpubs(out: string, session?: BuildSession): Promise<OptionEpubs> {
  const result = await build({input: optionManuscript, output: out, env: {}, session})
  if (!result.ok) throw new Error('Unexpected failed build of the EPUB-options fixture')
  const epubs = (await fs.readdir(out))
    .filter((name) => name.endsWith('.epub'))
    .sort()
    .map((name) => path.join(out, name))
  return {epubs, result}
}
