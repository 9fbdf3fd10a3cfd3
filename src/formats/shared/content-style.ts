/** The rules of code, figures and math (only for a book that has them), and a chapter's features. */
import type {Root} from 'hast'
import {visitElements} from '../../core/walk.js'
import type {BuildSession} from '../../build/session.js'
import {readAsset} from './assets.js'
import {isNoteReference} from '../../stages/rehype-note-groups.js'
import {chapterLinkPrefix} from '../../core/model.js'

/**
 * The EPUB's rules of code, figures and math (one palette: reading systems have their own night mode).
 *
 * @returns
 *   CSS.
 */
export function epubContentStyle(): string {
  return '\n' + readAsset('epub/content.css')
}

/**
 * The web edition's rules of code, figures and math, for its light and dark themes.
 *
 * @returns
 *   CSS.
 */
export function webContentStyle(): string {
  return '\n' + readAsset('web/content.css')
}

/** What the renderers ask of a chapter's tree (see `treeFeatures`). */
export interface TreeFeatures {
  /** Highlighted code, a figure, an image or math: what the content rules style. */
  contentStyle: boolean
  /** MathML (EPUB 3 wants the `mathml` property on its manifest item). */
  math: boolean
  /** A link to another chapter (`chapter:…`, resolved by each format). */
  chapterLink: boolean
  /** A note reference (`role~=doc-noteref`), see `notes.ts`. */
  noteReference: boolean
  ruby: boolean
  /** Images, and how many have no `alt` (an empty one is decorative: a text alternative too). */
  images: number
  imagesWithoutAlt: number
}

/**
 * What the renderers ask of a chapter's tree, found in one walk.
 *
 * @param tree
 *   Chapter tree.
 * @param session
 *   Build session (optional): every format and every rebuild asks of every chapter, so the answer
 *   is kept per tree.
 * @returns
 *   The features.
 */
export function treeFeatures(tree: Root, session?: BuildSession | undefined): TreeFeatures {
  if (session) return session.chapterMemo<TreeFeatures>('content-style.features')(tree, '', () => treeFeatures(tree))
  const features: TreeFeatures = {
    contentStyle: false,
    math: false,
    chapterLink: false,
    noteReference: false,
    ruby: false,
    images: 0,
    imagesWithoutAlt: 0
  }
  visitElements(tree, (node) => {
    if (node.tagName === 'math') features.math = true
    else if (node.tagName === 'ruby') features.ruby = true
    else if (node.tagName === 'img') {
      features.images++
      if (typeof node.properties.alt !== 'string') features.imagesWithoutAlt++
    }

    if (node.tagName === 'math' || node.tagName === 'figure' || node.tagName === 'img') features.contentStyle = true
    else if (node.tagName === 'span') {
      const classes = node.properties.className
      if (Array.isArray(classes) && classes.some((value) => String(value).startsWith('pl-'))) {
        features.contentStyle = true
      }
    }

    const href = node.properties.href
    if (typeof href === 'string' && href.startsWith(chapterLinkPrefix)) features.chapterLink = true
    if (isNoteReference(node)) features.noteReference = true
  })
  return features
}
