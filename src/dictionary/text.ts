/** The Chinese text of a chapter's tree, as runs a reader sees unbroken. */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {phrasing} from 'hast-util-phrasing'
import {opaque, otherLanguage} from '../stages/rehype-hant-to-hans.js'

/** Annotations over the text (pinyin ruby): not text, and no break in it. */
const annotations = new Set(['rp', 'rt'])

/**
 * Collect the runs of Chinese text of a tree. A run goes on through inline markup and ruby, and
 * stops at blocks, line breaks, code and other languages, so no word joins text a reader sees apart.
 *
 * @param tree
 *   Tree (a chapter's body).
 * @param chinese
 *   Whether the tree's own text is Chinese (default: `true`).
 * @returns
 *   Runs, in document order.
 */
export function chineseRuns(tree: Root | Element, chinese = true): string[] {
  const runs: string[] = []
  let current = ''

  function flush() {
    if (current !== '') runs.push(current)
    current = ''
  }

  function walk(nodes: ReadonlyArray<RootContent | ElementContent>, inChinese: boolean) {
    for (const node of nodes) {
      if (node.type === 'text') {
        if (inChinese) current += node.value
        else flush()
      } else if (node.type === 'element') {
        element(node, inChinese)
      }
    }
  }

  function element(node: Element, inChinese: boolean) {
    if (annotations.has(node.tagName)) return
    if (opaque.has(node.tagName)) {
      flush()
      return
    }

    const lang = node.properties.lang
    const inner = typeof lang === 'string' && lang !== '' ? !otherLanguage(node) : inChinese
    if (inner === inChinese && phrasing(node) && node.children.length > 0) {
      walk(node.children, inner)
    } else {
      flush()
      walk(node.children, inner)
      flush()
    }
  }

  walk(tree.children, chinese)
  flush()
  return runs
}
