/**
 * The accessibility metadata of an EPUB (EPUB Accessibility 1.1), worked out from the edition so the
 * package never claims a feature the book lacks (or misses one it has).
 */
import type {BuildSession} from '../../build/session.js'
import type {EditionBook} from '../../core/model.js'
import {treeFeatures} from '../shared/content-style.js'

/** The `schema:` and `dcterms:` accessibility properties of a package. */
export interface AccessibilityMetadata {
  /** `schema:accessMode`: senses the content is made for. */
  accessModes: string[]
  /** `schema:accessModeSufficient`: a set of modes enough to read it all. */
  accessModeSufficient: string[]
  /** `schema:accessibilityFeature`, in a fixed order. */
  features: string[]
  /** `schema:accessibilityHazard`. */
  hazards: string[]
  /** `schema:accessibilitySummary`, in English (`summaryLang`). */
  summary: string
  summaryLang: string
  /**
   * `dcterms:conformsTo`, or `undefined` when the book cannot claim it (an image without a text
   * alternative).
   */
  conformsTo: string | undefined
}

/** EPUB Accessibility 1.1 §2.1's conformance statement (epubcheck 4.2.6 accepts it silently). */
export const conformsTo = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'

/**
 * Work out the accessibility metadata of an edition. The book is text first: `textual` suffices
 * unless an image lacks `alt` (then `visual` is needed too, and the conformance claim goes). schema.org
 * has no value for a glossary, and a glossary is not an `index`. The summary is in English, the
 * language catalogues and conformance reviewers read.
 *
 * @param book
 *   The edition.
 * @param session
 *   Build session (optional), that keeps what each chapter tree holds (see `treeFeatures`).
 * @returns
 *   Metadata.
 */
export function accessibilityMetadata(book: EditionBook, session?: BuildSession | undefined): AccessibilityMetadata {
  let images = 0
  let imagesWithoutAlt = 0
  let ruby = false
  let notes = false
  let math = false

  for (const chapter of book.chapters) {
    const found = treeFeatures(chapter.tree, session)
    images += found.images
    imagesWithoutAlt += found.imagesWithoutAlt
    ruby ||= found.ruby
    notes ||= found.noteReference
    math ||= found.math
  }

  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder']
  if (images > 0 && imagesWithoutAlt === 0) features.push('alternativeText')
  if (ruby) features.push('rubyAnnotations')
  if (notes) features.push('annotations')
  if (math) features.push('MathML')
  // No fixed sizes, no text in images, colours left to the reading system.
  features.push('displayTransformability')

  const conforms = imagesWithoutAlt === 0
  const parts = [
    conforms
      ? 'This publication meets WCAG 2.1 Level AA (EPUB Accessibility 1.1).'
      : 'This publication does not meet WCAG 2.1 Level AA: some images have no text alternative.',
    `The text is ${describeLanguages(book)}. Headings, chapter sections and landmarks give its structure, a table of contents lists the chapters, and the reading order follows the text.`
  ]
  if (ruby) parts.push('Pinyin is given as ruby annotations over Chinese terms.')
  if (notes) parts.push('English glosses are notes, linked from their terms and back.')
  if (images > 0) {
    parts.push(conforms ? 'Every image has a text alternative.' : 'Their content is only available visually.')
  }
  parts.push(
    'The cover image shows the title, which its text alternative gives. No content flashes, moves or plays sound.'
  )

  return {
    accessModes: images > 0 ? ['textual', 'visual'] : ['textual'],
    accessModeSufficient: conforms ? ['textual'] : ['textual', 'visual'],
    features: [...new Set(features)],
    hazards: ['none'],
    summary: parts.join(' '),
    summaryLang: 'en',
    conformsTo: conforms ? conformsTo : undefined
  }
}

function describeLanguages(book: EditionBook): string {
  const lang = book.edition.lang
  const main = /-Hans\b/.test(lang) ? 'Simplified Chinese' : /-Hant\b/.test(lang) ? 'Traditional Chinese' : 'Chinese'
  const others = book.edition.otherLanguages ?? []
  return others.includes('en') ? `in ${main} with an aligned English translation` : `in ${main}`
}
