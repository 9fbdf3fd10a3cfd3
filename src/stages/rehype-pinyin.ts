/**
 * Stage: pinyin over every Chinese word, for learners (`pinyin: all` in
 * `book.yaml`, bilingual edition).
 *
 * Words come from `Intl.Segmenter`, one text node at a time (it is
 * super-linear on long strings); readings from pinyin-pro, on the whole text
 * node, so a polyphone gets the reading of its context (银行 yín háng,
 * 行业 háng yè).
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {pinyinPerCharacter} from '../glossary/terms.js'
import {opaque, otherLanguage} from './rehype-hant-to-hans.js'

/** Where no pinyin is added: code, headings, existing ruby, notes, links stay readable. */
const skip = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ruby', 'rt', 'rp', 'aside'])

/** Han characters. */
const han = /\p{Script=Han}/u

/**
 * Add ruby pinyin to every Chinese word.
 *
 * @returns
 *   Transform.
 */
export default function rehypePinyin() {
  const segmenter = new Intl.Segmenter('zh', {granularity: 'word'})

  return (tree: Root) => {
    walk(tree)
  }

  function walk(parent: Root | Element) {
    const children: ElementContent[] = []
    for (const child of parent.children as ElementContent[]) {
      if (child.type === 'element') {
        if (!skip.has(child.tagName) && !opaque.has(child.tagName) && !otherLanguage(child)) walk(child)
        children.push(child)
      } else if (child.type === 'text' && han.test(child.value)) {
        children.push(...annotate(child.value))
      } else {
        children.push(child)
      }
    }

    parent.children = children as never
  }

  /** A text as text and ruby, word by word. */
  function annotate(value: string): ElementContent[] {
    const readings = pinyinPerCharacter(value)
    const out: ElementContent[] = []
    // Readings are per code point; segments are per UTF-16 index.
    const codePointAt: number[] = []
    let count = 0
    for (let index = 0; index < value.length; index++) {
      codePointAt.push(count)
      const code = value.charCodeAt(index)
      if (code < 0xd800 || code > 0xdbff) count++
    }

    for (const {segment, index} of segmenter.segment(value)) {
      const first = codePointAt[index]!
      const syllables = readings.slice(first, first + [...segment].length)
      if (!han.test(segment) || syllables.every((s) => s === undefined)) {
        const last = out.at(-1)
        if (last?.type === 'text') last.value += segment
        else out.push({type: 'text', value: segment})
        continue
      }

      out.push(
        h('ruby', [
          segment,
          h('rp', '('),
          h('rt', {lang: 'zh-Latn-pinyin'}, syllables.filter(Boolean).join(' ')),
          h('rp', ')')
        ])
      )
    }

    return out
  }
}
