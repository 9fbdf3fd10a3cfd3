/**
 * Stage: an image alone in its paragraph, with a title, is a figure with a caption, as pandoc makes
 * it. Only with a title: an alt text is for who cannot see the image, a caption for every reader.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visitElements} from '../core/walk.js'

/**
 * Turn paragraphs that hold only an image with a title into figures (the paragraph's id goes to the
 * figure, for the edition switch).
 *
 * @returns
 *   Transform.
 */
export default function rehypeFigures() {
  return (tree: Root) => {
    visitElements(tree, (node, index, parent) => {
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
