/**
 * Stage: keep each note reference on the line of the term it follows, and name each note after its
 * reference; once here, as every format wants the same.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {toString} from 'hast-util-to-string'
import {h} from 'hastscript'
import {visitElements} from '../core/walk.js'

/**
 * Group and name note references.
 *
 * @returns
 *   Transform.
 */
export default function rehypeNoteGroups() {
  return (tree: Root) => {
    const labels = new Map<string, string>()
    let references = false
    visitElements(tree, (node: Element) => {
      if (!isNoteReference(node)) return
      references = true
      const href = node.properties.href
      if (typeof href !== 'string' || !href.startsWith('#')) return
      const label = node.properties.ariaLabel
      const name = typeof label === 'string' && label ? label : toString(node).trim()
      if (name && !labels.has(href.slice(1))) labels.set(href.slice(1), name)
    })
    if (!references) return
    group(tree.children)
    if (labels.size > 0) labelNotes(tree, labels)
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
export function isNoteReference(node: ElementContent | RootContent): boolean {
  const role = node.type === 'element' ? node.properties.role : undefined
  return typeof role === 'string' && role.split(/\s+/).includes('doc-noteref')
}

/**
 * Group note references with the element before them in a `span.noteref-group` (`nowrap`): Chinese
 * breaks after an inline element, so a reference could start a line away from its term.
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
 * Name each unnamed note after its reference (`aria-label`, the gloss, else its text): assistive
 * technology and axe's `landmark-unique` (which counts `aside`s) need them told apart.
 */
function labelNotes(tree: Root, labels: ReadonlyMap<string, string>): undefined {
  visitElements(tree, (node: Element) => {
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
}
