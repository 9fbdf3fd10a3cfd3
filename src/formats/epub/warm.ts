/**
 * The EPUB renderer's first move, before its modules load (`Renderer.warm`): the cover thread starts
 * and reads its fonts while the build loads the rest.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import type {Book, RenderContext} from '../../core/model.js'
import {findCoverFonts} from './cover-fonts.js'
import {coverDrawer} from './cover-drawer.js'

/**
 * Start the cover thread of a book whose cover zhbook draws, unless its cache has covers: a rebuild
 * most likely finds its own there (a changed title is drawn all the same, a little later).
 *
 * @param book
 *   The book as read.
 * @param context
 *   Build-wide settings.
 * @returns
 *   Nothing.
 */
export function warm(book: Book, context: RenderContext): undefined {
  if (book.meta.cover) return
  if (context.cacheDir && existsSync(path.join(context.cacheDir, 'covers'))) return
  coverDrawer(context.session).warm(findCoverFonts(context.env))
  return undefined
}
