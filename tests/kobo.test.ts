import type {Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import rehypeKoboSpans from '../src/formats/epub/rehype-kobo-spans.js'

/** Run the plugin on a tree and serialise it. */
function kobo(children: Root['children'], options?: Parameters<typeof rehypeKoboSpans>[0]): string {
  const tree = unified().use(rehypeKoboSpans, options).runSync({type: 'root', children}) as Root
  return toHtml(tree)
}

describe('rehypeKoboSpans', () => {
  it('should expose a default export only', async () => {
    expect(Object.keys(await import('../src/formats/epub/rehype-kobo-spans.js'))).toEqual(['default'])
  })

  it('should wrap each sentence of each block, numbered by paragraph and segment', () => {
    expect(kobo([h('h1', '開場'), h('p', '第一句。第二句！「第三句？」第四句'), h('p', 'One. Two! Three?')])).toBe(
      '<div id="book-columns"><div id="book-inner">' +
        '<h1><span class="koboSpan" id="kobo.1.1">開場</span></h1>' +
        '<p><span class="koboSpan" id="kobo.2.1">第一句。</span><span class="koboSpan" id="kobo.2.2">第二句！</span><span class="koboSpan" id="kobo.2.3">「第三句？」</span><span class="koboSpan" id="kobo.2.4">第四句</span></p>' +
        '<p><span class="koboSpan" id="kobo.3.1">One. </span><span class="koboSpan" id="kobo.3.2">Two! </span><span class="koboSpan" id="kobo.3.3">Three?</span></p>' +
        '</div></div>'
    )
  })

  it('should wrap inside inline markup, and a ruby or an image whole', () => {
    expect(
      kobo(
        [
          h('p', [
            '用',
            h('strong', '大'),
            h('ruby', ['模型', h('rp', '('), h('rt', 'mó xíng'), h('rp', ')')]),
            '。',
            h('img', {src: 'a.png', alt: '圖'})
          ])
        ],
        {wrapper: false}
      )
    ).toBe(
      '<p><span class="koboSpan" id="kobo.1.1">用</span><strong><span class="koboSpan" id="kobo.1.2">大</span></strong><span class="koboSpan" id="kobo.1.3"><ruby>模型<rp>(</rp><rt>mó xíng</rt><rp>)</rp></ruby></span><span class="koboSpan" id="kobo.1.4">。</span><span class="koboSpan" id="kobo.1.5"><img src="a.png" alt="圖"></span></p>'
    )
  })

  it('should leave whitespace, scripts and nested blocks in their own paragraphs', () => {
    expect(
      kobo(
        [
          h('section', [
            '\n',
            h('blockquote', [h('p', '引文。')]),
            '\n',
            h('ul', [h('li', '一'), h('li', ['二', h('p', '三')])])
          ])
        ],
        {wrapper: false}
      )
    ).toBe(
      '<section>\n<blockquote><p><span class="koboSpan" id="kobo.1.1">引文。</span></p></blockquote>\n<ul><li><span class="koboSpan" id="kobo.2.1">一</span></li><li><span class="koboSpan" id="kobo.3.1">二</span><p><span class="koboSpan" id="kobo.4.1">三</span></p></li></ul></section>'
    )
  })
})
