/**
 * An HTML fragment read as a hast tree, by rehype-raw (parse5), which loads with the first fragment:
 * a book without raw HTML, math or SVG never loads it.
 */
import type {Root} from 'hast'
import {type Processor, unified} from 'unified'

/**
 * The parser, once loaded.
 *
 * @returns
 *   A function that reads an HTML fragment into a root (SVG and MathML by the HTML parser's rules).
 */
export async function htmlParser(): Promise<(value: string) => Root> {
  const {default: rehypeRaw} = await import('rehype-raw')
  const parser = unified().use(rehypeRaw).freeze() as unknown as Processor<undefined, Root, Root>
  return (value) => parser.runSync({type: 'root', children: [{type: 'raw', value}]}) as Root
}
