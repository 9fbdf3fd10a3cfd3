/**
 * The search index of an edition (`web/<edition>/search.js`, and
 * `web/<edition>/search/<chapter>.js` per chapter): the plain text
 * of every numbered block (`p-1`, `p-2` …, the ids the edition switch uses
 * too) and of every glossary entry, with its chapter, so the search page can
 * find any substring of the book (two Han characters find their paragraphs:
 * no word segmentation is needed, or wanted) and link to the block.
 *
 * It is a script assigning a global, not JSON: `fetch` of a local file is
 * blocked on `file://`, a `<script src>` is not.
 */
import {isNoteReference} from '../../stages/rehype-note-groups.js'
import type {Element, ElementContent, RootContent} from 'hast'
import type {EditionChapter} from '../../core/model.js'
import type {BuildSession} from '../../build/session.js'

/** One searchable block. */
export interface SearchBlock {
  /** Index of its chapter in the index's `chapters`. */
  chapter: number
  /** Id of the block, the fragment to link to. */
  id: string
  /** Its text in the edition's script, without pinyin or note references. */
  text: string
  /** Its English, in the bilingual edition (empty otherwise). */
  translation: string
}

/** The index: chapters and blocks. */
export interface SearchIndex {
  /** `[id, title]` of each chapter, in reading order. */
  chapters: Array<[string, string]>
  /** Blocks, in reading order. */
  blocks: SearchBlock[]
}

/** Global the index script assigns. */
export const searchGlobal = 'zhbookSearch'

/** Ids of numbered blocks. */
const blockId = /^p-\d+$/

/**
 * Collect the search index of an edition.
 *
 * @param chapters
 *   Chapters, in reading order.
 * @param session
 *   The build session: it keeps the blocks of each chapter tree, and which
 *   blocks make each chapter of the index (for `searchScripts`).
 * @returns
 *   Index.
 */
export function searchIndex(chapters: readonly EditionChapter[], session: BuildSession): SearchIndex {
  const blocksMemo = session.chapterMemo<SearchIndex['blocks']>('web.search-blocks')
  const index: SearchIndex = {chapters: [], blocks: []}
  const parts: Array<readonly SearchBlock[]> = []

  for (const [number, chapter] of chapters.entries()) {
    index.chapters.push([chapter.id, chapter.title])
    // A chapter's blocks depend on its tree and its number only (the same
    // tree comes back in watch mode for an unchanged chapter).
    const blocks = blocksMemo(chapter.tree, String(number), () => {
      const found: SearchIndex['blocks'] = []
      collect(number, chapter.tree.children, false, found)
      return found
    })
    // One by one: spread as arguments, a long chapter's blocks overflow the stack.
    for (const block of blocks) index.blocks.push(block)
    parts.push(blocks)
  }

  session.chapterMemo<ReadonlyArray<readonly SearchBlock[]>>('web.search-parts')(index, '', () => parts)
  return index
}

/** The scripts of an index: the edition's, and one per chapter with blocks. */
export interface SearchScripts {
  /** `search.js`: the chapters, and the list the chapters' scripts fill. */
  index: string
  /** `search/<chapter id>.js`: a chapter's blocks, in reading order. */
  parts: Array<{id: string; script: string}>
}

/**
 * Serialise an index as scripts: `search.js` with the chapters, and one
 * script per chapter that adds its blocks (one block a line) to
 * `window.zhbookSearch.parts`; the search page joins them into `blocks`.
 *
 * Why one script per chapter: an edit of one chapter changes that
 * chapter's script only, so a rebuild writes (and a reader's browser
 * fetches again) a few kilobytes, not the index of the whole book.
 *
 * @param index
 *   Index.
 * @param session
 *   The build session (see `searchIndex`): it keeps each chapter's script.
 * @returns
 *   Scripts.
 */
export function searchScripts(index: SearchIndex, session: BuildSession): SearchScripts {
  const parts: SearchScripts['parts'] = []
  const groups = session.chapterMemo<ReadonlyArray<readonly SearchBlock[]>>('web.search-parts')(index, '', () =>
    groupByChapter(index)
  )
  const scriptMemo = session.chapterMemo<{id: string; script: string}>('web.search-script')

  for (const [number, blocks] of groups.entries()) {
    if (blocks.length === 0) continue
    const id = index.chapters[number]![0]
    // Blocks of an unchanged chapter are the same array from build to
    // build in watch mode: its script is made once.
    const known = scriptMemo(blocks, id, () => ({
      id,
      script:
        '/* zhbook: the search index of chapter ' +
        id +
        ', read by search-page.js. */\nwindow.' +
        searchGlobal +
        '.parts.push([\n' +
        blocks.map((block) => blockLine(block)).join(',\n') +
        '\n])\n'
    }))

    parts.push(known)
  }

  return {
    index:
      '/* zhbook: the search index of this edition, read by search-page.js;\n' +
      "   each chapter's blocks are in search/<chapter>.js. */\n" +
      'window.' +
      searchGlobal +
      ' = {\n"chapters": ' +
      JSON.stringify(index.chapters) +
      ',\n"parts": []}\n',
    parts
  }
}

/** The blocks of an index by chapter, for an index not made by `searchIndex`. */
function groupByChapter(index: SearchIndex): Array<readonly SearchBlock[]> {
  const groups: SearchBlock[][] = index.chapters.map(() => [])
  for (const block of index.blocks) groups[block.chapter]?.push(block)
  return groups
}

/**
 * One block as a line of the index.
 *
 * @param block
 *   Block.
 * @returns
 *   JSON.
 */
function blockLine(block: SearchBlock): string {
  return JSON.stringify(
    block.translation ? [block.chapter, block.id, block.text, block.translation] : [block.chapter, block.id, block.text]
  )
}

/**
 * Find the blocks in a list of nodes.
 *
 * @param number
 *   Chapter number.
 * @param nodes
 *   Nodes.
 * @param inList
 *   Whether the nodes are the children of a `<dl>`.
 * @param blocks
 *   Blocks found so far; changed in place.
 * @returns
 *   Nothing.
 */
function collect(
  number: number,
  nodes: ReadonlyArray<RootContent | ElementContent>,
  inList: boolean,
  blocks: SearchBlock[]
): undefined {
  for (const [position, node] of nodes.entries()) {
    if (node.type !== 'element') continue

    if (isBlock(node, inList)) {
      let translation = textOf(node, true, false, true)
      const next = nextElement(nodes, position)

      // The bilingual edition follows a paragraph with its English.
      if (next && isTranslation(next)) {
        translation = join(translation, textOf(next, true, true, true))
      }

      const text = normalise(textOf(node, false, false, true))

      if (text || translation) {
        blocks.push({chapter: number, id: String(node.properties.id), text, translation: normalise(translation)})
      }
    }

    collect(number, node.children, node.tagName === 'dl', blocks)
  }
}

/**
 * Check whether an element is a searchable block: a numbered block, a
 * heading with an id, or an entry (`div` with an id) of a description list,
 * as in the glossary.
 *
 * @param node
 *   Element.
 * @param inList
 *   Whether it is a child of a `<dl>`.
 * @returns
 *   Whether it is a block.
 */
function isBlock(node: Element, inList: boolean): boolean {
  const id = node.properties.id
  if (typeof id !== 'string') return false
  // Headings carry ids made from their text (`remark-heading-ids.ts`).
  return blockId.test(id) || (inList && node.tagName === 'div') || /^h[1-6]$/.test(node.tagName)
}

/**
 * Check whether an element is a translation (`.translation` or English).
 *
 * @param node
 *   Element.
 * @returns
 *   Whether it is.
 */
function isTranslation(node: Element): boolean {
  const className = node.properties.className
  const lang = node.properties.lang

  return (
    (Array.isArray(className) && className.includes('translation')) || (typeof lang === 'string' && /^en\b/i.test(lang))
  )
}

/**
 * The text of a block: either its own text (without its translation) or its
 * translation, leaving out pinyin (`rt`, `rp`), note references and nested
 * blocks (indexed on their own).
 *
 * @param node
 *   Node.
 * @param wanted
 *   Whether to take the translation (`true`) or the rest (`false`).
 * @param inTranslation
 *   Whether `node` is inside a translation.
 * @param root
 *   Whether `node` is the block itself.
 * @returns
 *   Text.
 */
function textOf(node: ElementContent, wanted: boolean, inTranslation: boolean, root: boolean): string {
  if (node.type === 'text') return wanted === inTranslation ? node.value : ''
  if (node.type !== 'element') return ''
  if (!root && typeof node.properties.id === 'string' && blockId.test(node.properties.id)) {
    return ''
  }

  if (node.tagName === 'rt' || node.tagName === 'rp') return ''
  if (isNoteReference(node)) return ''
  const inside = inTranslation || isTranslation(node)
  let result = ''

  for (const child of node.children) {
    result += textOf(child, wanted, inside, false)
    // Block boundaries inside a block (`li > p`) are word boundaries.
    if (child.type === 'element' && /^(?:p|li|dt|dd|div|h[1-6])$/.test(child.tagName)) {
      result += ' '
    }
  }

  return result
}

/**
 * The next element sibling of a node, skipping white space.
 *
 * @param nodes
 *   Siblings.
 * @param position
 *   Index of the node.
 * @returns
 *   Element, if there is one right after.
 */
function nextElement(nodes: ReadonlyArray<RootContent | ElementContent>, position: number): Element | undefined {
  // An index, not a slice: a slice per block copies the rest of the list,
  // which makes a long chapter's index grow with the square of its length.
  for (let index = position + 1; index < nodes.length; index++) {
    const node = nodes[index]!
    if (node.type === 'element') return node
    if (node.type === 'text' && node.value.trim() === '') continue
    return undefined
  }

  return undefined
}

/**
 * Join two runs of text with a space.
 *
 * @param a
 *   Text.
 * @param b
 *   Text.
 * @returns
 *   Joined.
 */
function join(a: string, b: string): string {
  return a.trim() && b.trim() ? a + ' ' + b : a + b
}

/**
 * Collapse white space.
 *
 * @param value
 *   Text.
 * @returns
 *   Text on one line, trimmed.
 */
function normalise(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}
