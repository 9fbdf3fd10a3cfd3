/**
 * Vertical writing for an EPUB (`vertical` in `book.yaml`). The font and reading system turn Han
 * characters, brackets and punctuation (`vert`, UAX #50); left here: one or two digits or two
 * capitals (`23`, `AI`) set upright across the line, and the stylesheet's physical margins and rules
 * (older reading systems have no logical properties) turned with the text.
 */
import type {Element, ElementContent, Root, Text} from 'hast'
import {h} from 'hastscript'
import {SKIP, visit} from 'unist-util-visit'

/**
 * Short Latin runs to set upright: one or two digits, or two characters of capitals and digits, not
 * part of a longer word, number or version (`GPT-3`, `3.5`, `100%` stay sideways).
 */
const shortRun = /(?<![\w.,%+\-/])(?:\d{1,2}|[A-Z\d]{2})(?![\w.,%+\-/])/g

const skipped = new Set(['code', 'kbd', 'pre', 'rp', 'rt', 'samp', 'script', 'style'])

/**
 * Wrap short Latin runs in `span.upright`, to be set across the line.
 *
 * @param tree
 *   Tree, changed in place (pass a copy).
 * @returns
 *   The same tree.
 */
export function uprightRuns<T extends Root | Element>(tree: T): T {
  visit(tree, (node, index, parent) => {
    if (node.type === 'element' && skipped.has(node.tagName)) return SKIP
    if (node.type !== 'text' || !parent || index === undefined) return
    const parts = split(node)
    if (parts.length === 1) return
    parent.children.splice(index, 1, ...(parts as Array<ElementContent & Text>))
    return index + parts.length
  })
  return tree
}

/** Split a text node around its short runs. */
function split(node: Text): ElementContent[] {
  const parts: ElementContent[] = []
  let last = 0

  for (const match of node.value.matchAll(shortRun)) {
    if (match.index > last) parts.push({type: 'text', value: node.value.slice(last, match.index)})
    parts.push(h('span', {className: ['upright']}, match[0]))
    last = match.index + match[0].length
  }

  if (parts.length === 0) return [node]
  if (last < node.value.length) parts.push({type: 'text', value: node.value.slice(last)})
  return parts
}

/**
 * CSS appended to the stylesheet of a vertical edition: each rule turns one horizontal rule (in
 * `vertical-rl` the top is where a line starts, the right where the text starts).
 */
export const verticalStyle = `
/* Vertical writing (book.yaml \`vertical\`). */
html {
  -epub-writing-mode: vertical-rl;
  -webkit-writing-mode: vertical-rl;
  writing-mode: vertical-rl;
}

span.upright {
  -epub-text-combine: horizontal;
  -webkit-text-combine: horizontal;
  text-combine-upright: all;
}

h1 {
  margin: 0 1.5em 0 1.2em;
}

h2 {
  margin: 0 1.6em 0 0.8em;
}

h3 {
  margin: 0 1.4em 0 0.6em;
}

h4,
h5,
h6 {
  margin: 0 1.2em 0 0.5em;
}

p.dialogue {
  margin-top: 0;
  margin-right: 0.8em;
}

blockquote {
  margin: 1.5em 1em 0;
  padding: 1em 0 0;
  border-left: 0;
  border-top: 0.2em solid;
}

blockquote p + p {
  margin-top: 0;
  margin-right: 0.5em;
}

ol,
ul {
  margin: 0 0.8em;
  padding: 2em 0 0;
}

li {
  margin: 0 0.3em;
}

pre {
  margin: 0 1em;
  padding: 1em 0.5em 0;
  border-left: 0;
  border-top: 0.2em solid;
}

hr {
  margin: 25% 1.5em;
  border-top: 0;
  border-right: 1px solid;
}

table {
  margin: 0 1em;
}

nav li {
  margin: 0 0.5em;
}
`
