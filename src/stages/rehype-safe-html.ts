/**
 * Stage: pass the chapter through rehype-sanitize's allow-list and say what it
 * removed. A scraped page can carry scripts, frames, handlers, `javascript:`
 * URLs and remote styles; removing them silently would hide from the editor
 * that part of the text is gone, so each removal is a warning (H001). Trees are
 * compared by position: elements the pipeline made have none, and no report.
 */
import type {Element, Properties, Root} from 'hast'
import rehypeSanitize, {type Options as Schema} from 'rehype-sanitize'
import {visitElements} from '../core/walk.js'
import type {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'

/** Options of `rehypeSafeHtml`. */
export interface Options {
  /** What may pass: the schema of rehype-sanitize (required). */
  readonly schema: Schema
}

/** Longest value quoted in a message. */
const maxQuoted = 40

/**
 * Sanitise the tree and warn about every element, attribute and URL removed.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function rehypeSafeHtml(options: Options) {
  const sanitize = rehypeSanitize(options.schema)
  const strip = new Set(options.schema.strip ?? [])
  const protocols = options.schema.protocols ?? {}

  return (tree: Root, file: VFile): Root => {
    const safe = sanitize(tree) as Root
    const kept = new Map<string, Element[]>()
    visitElements(safe, (node) => {
      const key = keyOf(node)
      if (key === undefined) return
      const list = kept.get(key)
      if (list) list.push(node)
      else kept.set(key, [node])
    })

    visitElements(tree, (node) => {
      const key = keyOf(node)
      if (key === undefined) return
      const place = node.position?.start
      const match = kept.get(key)?.shift()
      if (!match) {
        const rest = strip.has(node.tagName) ? 'removed with its content' : 'removed, its content kept'
        warn(file, `Unexpected \`<${node.tagName}>\`, expected safe HTML: ${rest}`, place, 'H001')
        return
      }

      for (const [name, value, whole] of removedProperties(node.properties, match.properties)) {
        const attribute = attributeName(name)
        const url = typeof value === 'string' && Object.hasOwn(protocols, name) && /^[^/?#]*:/.test(value)
        const what = url
          ? `URL \`${quote(value)}\` in \`${attribute}\``
          : whole
            ? `\`${attribute}\``
            : `value \`${quote(String(value))}\` of \`${attribute}\``
        warn(file, `Unexpected ${what} on \`<${node.tagName}>\`, expected safe HTML: removed`, place, 'H001')
      }
    })

    // A `lang` that is no language tag (`<pre lang="no-highlight">`, as
    // some Markdown tools write) makes an invalid document.
    visitElements(safe, (node) => {
      const lang = node.properties.lang
      if (typeof lang !== 'string' || lang === '' || isLanguageTag(lang)) return
      delete node.properties.lang
      warn(
        file,
        `Unexpected value \`${quote(lang)}\` of \`lang\` on \`<${node.tagName}>\`, expected a BCP 47 language tag: removed`,
        node.position?.start,
        'H001'
      )
    })

    return safe
  }
}

/** Whether `value` is a well-formed BCP 47 language tag. */
function isLanguageTag(value: string): boolean {
  try {
    Intl.getCanonicalLocales(value)
    return true
  } catch {
    return false
  }
}

/** Identity of an element of the manuscript: its name and where it stands. */
function keyOf(node: Element): string | undefined {
  const position = node.position
  if (position?.start.offset === undefined || position.end.offset === undefined) return undefined
  return `${node.tagName}:${position.start.offset}:${position.end.offset}`
}

/** Properties the sanitiser removed: name, what went (value, or list items), whether all of it went. */
function removedProperties(before: Properties, after: Properties): Array<[string, unknown, boolean]> {
  const removed: Array<[string, unknown, boolean]> = []
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined || value === null) continue
    const now = after[name]
    if (now === undefined) {
      removed.push([name, value, true])
    } else if (Array.isArray(value) && Array.isArray(now) && now.length < value.length) {
      const gone = value.filter((item) => !now.includes(item))
      removed.push(now.length === 0 ? [name, value, true] : [name, gone.join(' '), false])
    }
  }

  return removed
}

/** HTML attribute name of a hast property name (`onClick` → `onclick`, `className` → `class`). */
function attributeName(name: string): string {
  if (name === 'className') return 'class'
  if (name === 'htmlFor') return 'for'
  if (/^(aria|data)[A-Z]/.test(name)) return name.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase())
  return name.toLowerCase()
}

/** A value short enough to quote in a message. */
function quote(value: string): string {
  return value.length > maxQuoted ? value.slice(0, maxQuoted) + '…' : value
}
