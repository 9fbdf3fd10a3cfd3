/**
 * Stage: an image alone in its paragraph, with a title, is a figure with a caption (`![圖一](a.png
 * "系統架構")` → `<figure><img><figcaption>系統架構`), as pandoc makes it; the manuscript's own `<figure>`
 * stays as written.
 *
 * Why only with a title: an alt text describes the image for who cannot see it, a caption is for
 * every reader; without a title the source gives no caption, and the paragraph stays.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'

/**
 * Turn paragraphs that hold only an image with a title into figures.
 *
 * The figure takes the paragraph's id (its block number, for the edition switch) and the caption
 * the title, which leaves the image.
 *
 * @returns
 *   Transform.
 */
export default function rehypeFigures() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return
      const content = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
      const image = content[0]
      if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return
      const title = image.properties.title
      if (typeof title !== 'string' || title.trim() === '') return
      delete image.properties.title
      const caption: Element = {
        type: 'element',
        tagName: 'figcaption',
        properties: {},
        children: [{type: 'text', value: title}]
      }
      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: node.properties,
        children: [image, caption] as ElementContent[],
        position: node.position
      }
      parent.children[index] = figure
    })
  }
}
