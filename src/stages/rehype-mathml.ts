/**
 * Stage: TeX math as MathML, made at build time by temml: reading systems and browsers draw it with
 * no script. temml's `class` and `style` go (they serve its own CSS). A formula temml cannot read
 * stays TeX, with a warning (M012). Inline `$` follows pandoc: no space inside, no digit after the
 * closing one, so prices stay text.
 */
import type {Element, ElementContent, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {EXIT, visit} from 'unist-util-visit'
import {htmlParser} from '../core/html-parser.js'
import {visitElements} from '../core/walk.js'
import type {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'

/** temml, and the parser that reads its MathML: loaded by the first chapter with math. */
interface Tools {
  render: (tex: string, display: boolean) => string
  parse: (value: string) => Root
}

/**
 * Replace TeX math with MathML.
 *
 * @returns
 *   Transform.
 */
export default function rehypeMathml() {
  let tools: Promise<Tools> | undefined

  return async (tree: Root, file: VFile) => {
    let found = false
    visitElements(tree, (node) => {
      if (node.tagName !== 'code' && node.tagName !== 'pre') return undefined
      if (!isMath(node.tagName === 'pre' ? node.children[0] : node)) return undefined
      found = true
      return EXIT
    })
    // A book without math never loads temml (400 KB) nor an HTML parser.
    if (!found) return
    tools ??= Promise.all([import('temml'), htmlParser()]).then(([{default: temml}, parse]) => ({
      render: (tex, display) => temml.renderToString(tex, {displayMode: display, xml: true, throwOnError: true}),
      parse
    }))
    const {render, parse: parseHtml} = await tools

    visitElements(tree, (node, index, parent) => {
      if (!parent || index === undefined) return
      const display = node.tagName === 'pre' && isMath(node.children[0])
      if (!display && !(node.tagName === 'code' && isMath(node))) return
      const tex = toString(node)
      const source = display ? undefined : dollars(node, file)
      if (source !== undefined) {
        parent.children[index] = {type: 'text', value: source, position: node.position}
        return 'skip'
      }

      let mathml: string
      try {
        mathml = render(tex, display)
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message.trim() : String(cause)
        warn(
          file,
          `Unexpected TeX \`${tex}\` (${reason}), expected a formula temml reads: shown as TeX`,
          node.position?.start,
          'M012'
        )
        return 'skip'
      }

      const math = parse(parseHtml, mathml, tex)
      if (!math) return 'skip'
      math.position = node.position
      parent.children[index] = math
      return 'skip'
    })
  }
}

/** The source of inline math pandoc would not read as math (`$5 到 $10`), or `undefined`. */
function dollars(node: Element, file: VFile): string | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const value = String(file.value)
  const written = value.slice(start, end)
  const inner = written.replace(/^\$+|\$+$/g, '')
  return /^\s|\s$/.test(inner) || /^\d/.test(value.slice(end)) ? written : undefined
}

function isMath(node: ElementContent | undefined): node is Element {
  if (node?.type !== 'element' || node.tagName !== 'code') return false
  const classes = node.properties.className
  return Array.isArray(classes) && classes.includes('language-math')
}

function parse(parseHtml: Tools['parse'], mathml: string, tex: string): Element | undefined {
  const root = parseHtml(mathml)
  const math = root.children.find((child): child is Element => child.type === 'element')
  if (!math) return undefined
  visit(math, 'element', (node) => {
    delete node.properties.className
    delete node.properties.style
  })
  // The source, for reading systems that speak or cannot draw MathML.
  math.properties.alttext = tex
  return math
}
