/**
 * The rules of highlighted code, figures and math (`content.css`, bundled
 * into `dist/assets/`), and whether a book needs them: a book without any
 * keeps the stylesheet it had.
 */
import type {Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {BuildSession} from '../../build/session.js'
import {readAsset} from './assets.js'

/**
 * The EPUB's rules of code, figures and math (one palette: reading systems
 * apply their own night mode).
 *
 * @returns
 *   CSS.
 */
export function epubContentStyle(): string {
  return '\n' + readAsset('epub/content.css')
}

/**
 * The web edition's rules of code, figures and math, for its light and dark
 * themes.
 *
 * @returns
 *   CSS.
 */
export function webContentStyle(): string {
  return '\n' + readAsset('web/content.css')
}

/**
 * Whether a chapter has highlighted code, a figure, an image or math (what
 * the content rules style).
 *
 * @param tree
 *   Chapter tree.
 * @param session
 *   Build session that keeps the answer per tree (optional).
 * @returns
 *   Whether the stylesheet needs the content rules.
 */
export function needsContentStyle(tree: Root, session?: BuildSession | undefined): boolean {
  // A rebuild asks of every chapter: the session keeps the answer per tree.
  if (session) return session.chapterMemo<boolean>('content-style.needs')(tree, '', () => needsContentStyle(tree))
  let found = false
  visit(tree, 'element', (node) => {
    if (node.tagName === 'math' || node.tagName === 'figure' || node.tagName === 'img') found = true
    else if (node.tagName === 'span') {
      const classes = node.properties.className
      if (Array.isArray(classes) && classes.some((value) => String(value).startsWith('pl-'))) found = true
    }

    return found ? false : undefined
  })
  return found
}

/**
 * Whether a chapter has MathML (EPUB 3 wants the `mathml` property on its
 * manifest item).
 *
 * @param tree
 *   Chapter tree.
 * @param session
 *   Build session that keeps the answer per tree (optional).
 * @returns
 *   Whether it has a `math` element.
 */
export function hasMath(tree: Root, session?: BuildSession | undefined): boolean {
  if (session) return session.chapterMemo<boolean>('content-style.math')(tree, '', () => hasMath(tree))
  let found = false
  visit(tree, 'element', (node) => {
    if (node.tagName === 'math') found = true
    return found ? false : undefined
  })
  return found
}
