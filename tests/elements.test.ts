/**
 * `visitElements` gives the elements `visit(tree, 'element', …)` of
 * unist-util-visit gives, in the same order, and follows `SKIP` and `EXIT`.
 */
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {EXIT, SKIP, visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {visitElements} from '../src/core/elements.js'

/** A chapter-like tree. */
function sample(): Root {
  return h(null, [
    h('h1', {id: 'a'}, '標題'),
    h('p', ['一', h('em', '二'), h('a', {href: '#n'}, [h('sup', '1')])]),
    h('pre', [h('code', 'x')]),
    h('section', [h('p', '三'), h('ol', [h('li', [h('p', '四')])])])
  ])
}

/** Tag names of the elements a walk visits. */
function names(walk: (tree: Root, visitor: (node: Element) => undefined) => undefined): string[] {
  const seen: string[] = []
  walk(sample(), (node) => {
    seen.push(node.tagName)
    return undefined
  })
  return seen
}

describe('visitElements', () => {
  it('should visit every element in the order of unist-util-visit', () => {
    const expected = ['h1', 'p', 'em', 'a', 'sup', 'pre', 'code', 'section', 'p', 'ol', 'li', 'p']
    expect(names((tree, visitor) => visitElements(tree, visitor))).toEqual(expected)
    expect(
      names((tree, visitor) => {
        visit(tree, 'element', visitor)
        return undefined
      })
    ).toEqual(expected)
  })

  it('should leave out the children of an element on `SKIP`, and stop on `EXIT`', () => {
    const seen: string[] = []
    visitElements(sample(), (node) => {
      seen.push(node.tagName)
      if (node.tagName === 'p' || node.tagName === 'pre') return SKIP
      if (node.tagName === 'ol') return EXIT
      return undefined
    })
    expect(seen).toEqual(['h1', 'p', 'pre', 'section', 'p', 'ol'])
  })

  it('should walk the children a visitor gives its element', () => {
    const tree = h(null, [h('p', '一')])
    const seen: string[] = []
    visitElements(tree, (node) => {
      seen.push(node.tagName)
      if (node.tagName === 'p') node.children = [h('span', [h('b', '二')])]
      return undefined
    })
    expect(seen).toEqual(['p', 'span', 'b'])
  })
})
