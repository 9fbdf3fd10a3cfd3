import type {Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {describe, expect, it} from 'vitest'
import type {EditionChapter} from '../src/core/model.js'
import {chapterLinkResolver} from '../src/formats/shared/links.js'
import {unified} from 'unified'
import {treeFeatures} from '../src/formats/shared/content-style.js'
import {hasNoteReferences} from '../src/formats/shared/notes.js'
import rehypeNoteGroups from '../src/stages/rehype-note-groups.js'

/**
 * A chapter with a tree.
 *
 * @param id
 *   Id.
 * @param children
 *   Children of the root.
 * @returns
 *   Chapter.
 */
function chapter(id: string, children: Root['children']): EditionChapter {
  return {id, title: id, sourcePath: id + '.md', tree: {type: 'root', children}}
}

/**
 * Run `rehypeNoteGroups` on a copy of a tree.
 *
 * @param tree
 *   Tree (not changed).
 * @returns
 *   The changed copy.
 */
function groupNoteReferences(tree: Root): Root {
  return unified().use(rehypeNoteGroups).runSync(structuredClone(tree)) as Root
}

const labelNotes = groupNoteReferences

const noteref = h('a', {href: '#gloss-1', id: 'gloss-ref-1', role: 'doc-noteref', className: ['noteref']}, '†')

const logic = chapter('logic', [
  h('h1', '逻辑'),
  h('p', [h('ruby', {className: ['gloss-term']}, ['大模型', h('rt', 'dà mó xíng')]), noteref])
])

const glossary = chapter('glossary', [
  h('dl', {className: ['glossary']}, [
    h('div', {id: 'term-1'}, [
      h('dt', '大模型'),
      h('dd', [
        h('p', [h('a', {href: 'chapter:logic#gloss-ref-1'}, 'First in: 逻辑')]),
        h('p', [h('a', {href: 'chapter:logic'}, '逻辑')]),
        h('p', [h('a', {href: '#term-1'}, '↑')])
      ])
    ])
  ])
])

describe('api', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../src/formats/shared/links.js')).sort()).toEqual(['chapterLinkResolver'])
    expect(Object.keys(await import('../src/formats/shared/notes.js')).sort()).toEqual(['hasNoteReferences'])
    expect(Object.keys(await import('../src/stages/rehype-note-groups.js')).sort()).toEqual([
      'default',
      'isNoteReference'
    ])
  })
})

describe('chapterLinkResolver', () => {
  it('should resolve `chapter:` links to the format’s file names', () => {
    const before = structuredClone(glossary.tree)
    const resolve = chapterLinkResolver([logic, glossary], (id) => id + '.xhtml')
    const tree = resolve(glossary)

    expect(toHtml(tree)).toBe(
      '<dl class="glossary"><div id="term-1"><dt>大模型</dt><dd><p><a href="logic.xhtml#gloss-ref-1">First in: 逻辑</a></p><p><a href="logic.xhtml">逻辑</a></p><p><a href="#term-1">↑</a></p></dd></div></dl>'
    )
    expect(glossary.tree).toEqual(before)
    expect(chapterLinkResolver([logic, glossary], (id) => id + '.html')(glossary)).not.toBe(glossary.tree)
  })

  it('should return the tree itself when it has no `chapter:` link', () => {
    const resolve = chapterLinkResolver([logic, glossary], (id) => id + '.html')
    expect(resolve(logic)).toBe(logic.tree)
  })

  it('should refuse a link to a chapter that is not in the edition', () => {
    const broken = chapter('glossary', [h('a', {href: 'chapter:nope#x'}, 'x')])
    expect(() => chapterLinkResolver([logic, broken], (id) => id)(broken)).toThrow(
      'Unexpected link `chapter:nope#x` in chapter `glossary` (glossary.md), expected a chapter of this edition'
    )
  })

  it('should refuse a link to an id the chapter does not have', () => {
    const broken = chapter('glossary', [h('a', {href: 'chapter:logic#gloss-ref-9'}, 'x')])
    expect(() => chapterLinkResolver([logic, broken], (id) => id)(broken)).toThrow(
      'Unexpected link `chapter:logic#gloss-ref-9` in chapter `glossary` (glossary.md), expected an id of chapter `logic`'
    )
  })
})

describe('hasNoteReferences', () => {
  it('should find a `doc-noteref` anywhere in a tree', () => {
    expect(hasNoteReferences(logic.tree)).toBe(true)
    expect(hasNoteReferences(glossary.tree)).toBe(false)
    expect(hasNoteReferences({type: 'root', children: [h('a', {role: 'link doc-noteref'}, 'x')]})).toBe(true)
  })
})

describe('treeFeatures', () => {
  it('should find what the renderers ask of a tree in one walk', () => {
    expect(treeFeatures(logic.tree)).toEqual({
      contentStyle: false,
      math: false,
      chapterLink: false,
      noteReference: true,
      ruby: true,
      images: 0,
      imagesWithoutAlt: 0
    })
    expect(treeFeatures(glossary.tree)).toMatchObject({chapterLink: true, noteReference: false, ruby: false})
    const tree: Root = {
      type: 'root',
      children: [h('p', [h('img', {src: 'a.png', alt: ''}), h('img', {src: 'b.png'})]), h('math', [])]
    }
    expect(treeFeatures(tree)).toMatchObject({contentStyle: true, math: true, images: 2, imagesWithoutAlt: 1})
    expect(treeFeatures({type: 'root', children: [h('pre', [h('span', {className: ['pl-k']}, 'fn')])]})).toMatchObject({
      contentStyle: true,
      math: false
    })
  })
})

describe('rehypeNoteGroups: grouping', () => {
  it('should keep a reference with the element it follows', () => {
    const before = structuredClone(logic.tree)
    expect(toHtml(groupNoteReferences(logic.tree))).toBe(
      '<h1>逻辑</h1><p><span class="noteref-group"><ruby class="gloss-term">大模型<rt>dà mó xíng</rt></ruby><a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref">†</a></span></p>'
    )
    expect(logic.tree).toEqual(before)
  })

  it('should leave a reference after text, or a tree without one, alone', () => {
    const tree: Root = {type: 'root', children: [h('p', ['大模型', noteref])]}
    expect(toHtml(groupNoteReferences(tree))).toBe(
      '<p>大模型<a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref">†</a></p>'
    )
    expect(groupNoteReferences(glossary.tree)).toEqual(glossary.tree)
  })

  it('should group in nested elements, once', () => {
    const tree: Root = {
      type: 'root',
      children: [h('ol', [h('li', [h('p', [h('em', 'a'), noteref, h('b', 'b'), noteref])])])]
    }
    expect(toHtml(groupNoteReferences(tree))).toBe(
      '<ol><li><p><span class="noteref-group"><em>a</em><a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref">†</a></span><span class="noteref-group"><b>b</b><a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref">†</a></span></p></li></ol>'
    )
  })
})

describe('rehypeNoteGroups: names', () => {
  it('should name each note after the reference pointing to it, and leave named notes alone', () => {
    const tree = h(null, [
      h('p', [
        h('a', {href: '#n-1', role: 'doc-noteref', ariaLabel: 'large model (English gloss)'}, '†'),
        h('a', {href: '#n-2', role: 'doc-noteref'}, '2')
      ]),
      h('aside', {id: 'n-1', role: 'doc-footnote'}, 'One.'),
      h('aside', {id: 'n-2', role: 'doc-footnote'}, 'Two.'),
      h('aside', {id: 'n-3', role: 'doc-footnote', ariaLabel: 'Mine'}, 'Three.')
    ])
    const before = structuredClone(tree)
    const result = labelNotes(tree)

    expect(tree).toEqual(before)
    expect(toHtml(result)).toBe(
      '<p><a href="#n-1" role="doc-noteref" aria-label="large model (English gloss)">†</a><a href="#n-2" role="doc-noteref">2</a></p>' +
        '<aside id="n-1" role="doc-footnote" aria-label="large model (English gloss)">One.</aside>' +
        '<aside id="n-2" role="doc-footnote" aria-label="2">Two.</aside>' +
        '<aside id="n-3" role="doc-footnote" aria-label="Mine">Three.</aside>'
    )
  })

  it('should leave a tree without note references alone', () => {
    const tree = h(null, [h('p', 'x'), h('aside', {id: 'n-1', role: 'doc-footnote'}, 'One.')])
    expect(labelNotes(tree)).toEqual(tree)
  })
})
