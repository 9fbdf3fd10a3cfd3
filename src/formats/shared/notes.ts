/**
 * Note references (`a[role~=doc-noteref]`, the bilingual edition's glossary
 * notes), as every renderer needs them: whether a chapter has any, and each
 * kept on the line of the term it follows.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {toString} from 'hast-util-to-string'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import type {BuildSession} from '../../build/session.js'
import {writable} from './copy.js'

/**
 * Check whether a tree has a note reference (`role="doc-noteref"`).
 *
 * @param tree
 *   Chapter tree.
 * @param session
 *   The build session (optional): a tree it saw is not walked again (the
 *   site asks of every chapter on every build).
 * @returns
 *   Whether it has one.
 */
export function hasNoteReferences(tree: Root, session?: BuildSession | undefined): boolean {
  if (!session) return findNoteReference(tree)
  return session.chapterMemo<boolean>('notes.has-references')(tree, '', () => findNoteReference(tree))
}

/**
 * Walk a tree for a note reference.
 *
 * @param tree
 *   Chapter tree.
 * @returns
 *   Whether it has one.
 */
function findNoteReference(tree: Root): boolean {
  let found = false

  visit(tree, 'element', (node: Element) => {
    if (isNoteReference(node)) {
      found = true
      return false
    }

    return undefined
  })

  return found
}

/**
 * Keep each note reference on the same line as the element it follows (the
 * term's `ruby`), in a `span.noteref-group` that the stylesheets set
 * `white-space: nowrap`.
 *
 * Why: Chinese breaks lines between any two characters, and between an
 * inline element and what follows it, so a reference would otherwise start
 * a line on its own, away from its term. A reference after text is left
 * alone: the text's last character is not the term.
 *
 * @param tree
 *   Chapter tree (changed only when it is a renderer's own copy, see `writable`).
 * @returns
 *   The same tree when it has no note reference, otherwise a changed (own) copy.
 */
export function groupNoteReferences(tree: Root): Root {
  if (!hasNoteReferences(tree)) return tree
  const copy = writable(tree)
  group(copy.children)
  return copy
}

/**
 * Group note references with the element before them, in a list of
 * siblings and their descendants.
 *
 * @param children
 *   Siblings, changed in place.
 * @returns
 *   Nothing.
 */
function group(children: Array<ElementContent | RootContent>): undefined {
  let index = 1

  while (index < children.length) {
    const previous = children[index - 1]
    const node = children[index]

    if (node && previous && previous.type === 'element' && !isNoteReference(previous) && isNoteReference(node)) {
      group(previous.children)
      children.splice(index - 1, 2, h('span', {className: ['noteref-group']}, [previous, node as Element]))
    } else {
      index++
    }
  }

  for (const child of children) {
    if (
      child.type === 'element' &&
      !(Array.isArray(child.properties.className) && child.properties.className.includes('noteref-group'))
    ) {
      group(child.children)
    }
  }
}

/**
 * Check whether a node is a note reference.
 *
 * @param node
 *   Node.
 * @returns
 *   Whether it is an element with the role `doc-noteref`.
 */
function isNoteReference(node: ElementContent | RootContent): boolean {
  const role = node.type === 'element' ? node.properties.role : undefined
  return typeof role === 'string' && role.split(/\s+/).includes('doc-noteref')
}

/**
 * Name each note (`role~=doc-footnote`) after the reference that points to
 * it, when it has no name: a page lists many notes, and assistive technology
 * (and axe-core's `landmark-unique`, which counts `aside` elements) needs
 * them told apart. The name is the reference's `aria-label` (the stages
 * write the gloss there: `large model (English gloss)`), else its text.
 *
 * @param tree
 *   Chapter tree (changed only when it is a renderer's own copy, see `writable`).
 * @returns
 *   The same tree when no note needs a name, otherwise a changed (own) copy.
 */
export function labelNotes(tree: Root): Root {
  const labels = new Map<string, string>()

  visit(tree, 'element', (node: Element) => {
    const href = node.properties.href
    if (!isNoteReference(node) || typeof href !== 'string' || !href.startsWith('#')) return
    const label = node.properties.ariaLabel
    const name = typeof label === 'string' && label ? label : toString(node).trim()
    if (name && !labels.has(href.slice(1))) labels.set(href.slice(1), name)
  })

  if (labels.size === 0) return tree
  const copy = writable(tree)

  visit(copy, 'element', (node: Element) => {
    const id = node.properties.id
    const role = node.properties.role
    if (
      typeof id === 'string' &&
      typeof role === 'string' &&
      role.split(/\s+/).includes('doc-footnote') &&
      node.properties.ariaLabel === undefined &&
      node.properties.ariaLabelledBy === undefined
    ) {
      const name = labels.get(id)
      if (name) node.properties.ariaLabel = name
    }
  })

  return copy
}
