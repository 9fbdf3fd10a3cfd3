/**
 * `visitNodes` and `visitElements` give the nodes unist-util-visit gives, in
 * the same order, with their index and parent, and follow `SKIP` and `EXIT`.
 */
import type {Element, Nodes, Root} from 'hast'
import {h} from 'hastscript'
import {EXIT, SKIP, visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {visitElements, visitNodes} from '../src/core/walk.js'

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

describe('visitNodes', () => {
  it('should visit every node with its index and parent, as unist-util-visit does', () => {
    const seen = (
      walk: (tree: Root, visitor: (node: Nodes, index?: number, parent?: Root | Element) => undefined) => undefined
    ) => {
      const found: string[] = []
      walk(sample(), (node, index, parent) => {
        const name = node.type === 'element' ? node.tagName : node.type
        const at = parent ? `${parent.type === 'element' ? parent.tagName : parent.type}[${index}]` : '-'
        found.push(`${name} ${at}`)
        return undefined
      })
      return found
    }
    const expected = seen((tree, visitor) => {
      visit(tree, visitor)
      return undefined
    })
    expect(expected.slice(0, 6)).toEqual(['root -', 'h1 root[0]', 'text h1[0]', 'p root[1]', 'text p[0]', 'em p[1]'])
    expect(seen((tree, visitor) => visitNodes(tree, visitor))).toEqual(expected)
  })

  it('should go on with the node a visitor replaced in its parent', () => {
    const tree = h(null, [h('p', [h('img')]), h('p', '二')])
    const seen: string[] = []
    visitNodes(tree, (node, index, parent) => {
      seen.push(node.type === 'element' ? node.tagName : node.type)
      if (node.type === 'element' && node.tagName === 'p' && parent && index === 0) {
        parent.children[index] = h('figure', node.children)
      }
      return undefined
    })
    expect(seen).toEqual(['root', 'p', 'img', 'p', 'text'])
    expect(tree.children.map((node) => node.type === 'element' && node.tagName)).toEqual(['figure', 'p'])
  })
})
