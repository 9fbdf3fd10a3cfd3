/**
 * Stage: end a bare URL where Chinese text starts. GFM ends one at white space, which Chinese does
 * not use (`(見 http://example.com)。`); it ends at CJK punctuation or a Han character, and an
 * unopened `)` before it goes back to the text.
 */
import type {Link, Parent, Root, Text} from 'mdast'
import {visit} from 'unist-util-visit'

/** CJK punctuation, full-width forms and Han characters: never part of a bare URL here. */
const cjk = /[\u3000-\u303F\uFF01-\uFF65\p{Script=Han}]/u

/**
 * Cut autolink literals at Chinese text.
 *
 * @returns
 *   Transform.
 */
export default function remarkCjkAutolinks() {
  return (tree: Root): undefined => {
    visit(tree, 'link', (node: Link, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || node.children.length !== 1) return
      const child = node.children[0]!
      if (child.type !== 'text') return
      const text = child.value
      // An autolink literal: its URL is its text, with a scheme added to `www.` and e-mail forms.
      const prefix = node.url.endsWith(text) ? node.url.slice(0, node.url.length - text.length) : undefined
      if (prefix === undefined || !['', 'http://', 'mailto:'].includes(prefix)) return
      const match = cjk.exec(text)
      if (!match || match.index === 0) return
      let end = match.index
      while (text[end - 1] === ')' && count(text.slice(0, end), ')') > count(text.slice(0, end), '(')) end--
      const rest: Text = {type: 'text', value: text.slice(end)}
      child.value = text.slice(0, end)
      node.url = prefix + child.value
      parent.children.splice(index + 1, 0, rest)
    })
    return undefined
  }
}

function count(value: string, character: string): number {
  return value.split(character).length - 1
}
