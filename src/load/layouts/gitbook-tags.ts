/**
 * GitBook's block tags as HTML blocks, before parsing (an HTML block must stand between blank lines
 * for the Markdown in it to stay Markdown; added lines map back to the tag's line): `hint` an `aside`
 * with a visible label (on e-ink a colour says nothing), each `tab` a titled section (a book has room
 * for all), `code` a `figure` with its caption, `embed` a link, `content-ref` its content. Other tags
 * (L010) are left out, their content kept; an unclosed block or stray end tag is L011. Tags in code
 * are text.
 */
import type {Options as Schema} from 'rehype-sanitize'
import type {VFile} from 'vfile'
import {warn} from '../../core/diagnostics.js'
import type {LineMap} from '../../core/model.js'
import {mapPoint} from './line-map.js'

/** A line that is a tag and nothing else: indent, `end`, name, attributes. */
const tagLine = /^([ \t]*)\{%-?\s*(end)?([a-z][\w-]*)\s*(.*?)\s*-?%\}[ \t]*$/i

const anyTag = /\{%-?\s*(end)?([a-z][\w-]*)?[^%]*?-?%\}/gi

/** Labels of hint styles, in the manuscript's script (converted like the text). */
const hintLabels: Record<string, string> = {
  info: '說明',
  success: '提示',
  warning: '注意',
  danger: '警告'
}

/**
 * Turn GitBook's block tags into HTML.
 *
 * @param file
 *   The chapter; messages go on it.
 * @param value
 *   Its text (after includes).
 * @param lines
 *   Line map of `value` to the file as written (optional: none, the text is the file's).
 * @returns
 *   The new text and its line map (to `value`'s lines), or `undefined` when the text has no tag.
 */
export function gitbookTags(
  file: VFile,
  value: string,
  lines?: LineMap | undefined
): {value: string; lines: LineMap} | undefined {
  if (!value.includes('{%')) return undefined
  const output: string[] = []
  const map: Array<{line: number; shift: number}> = []
  const open: Array<{name: string; known: boolean; line: number; column: number}> = []
  let fence: string | undefined
  let heading = 1

  for (const [index, text] of value.split('\n').entries()) {
    const line = index + 1
    const fenceMatch = /^[ \t]*(`{3,}|~{3,})/.exec(text)
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined
      push(text, line)
      continue
    }

    if (fenceMatch) {
      fence = fenceMatch[1]!
      push(text, line)
      continue
    }

    const atx = /^ {0,3}(#{1,6})[ \t]/.exec(text)
    if (atx) heading = atx[1]!.length
    const tag = tagLine.exec(text)
    if (!tag) {
      push(inlineTags(text, line), line)
      continue
    }

    const [, indent = '', end, rawName = '', rest = ''] = tag
    const name = rawName.toLowerCase()
    const column = indent.length + 1
    const attributes = parseAttributes(rest)
    if (end) {
      const at = open.findLastIndex((entry) => entry.name === name)
      if (at === -1) {
        report(
          `Unexpected \`{% end${name} %}\` without its \`{% ${name} %}\`, expected a matching start tag`,
          line,
          column,
          'L011'
        )
        continue
      }

      // Tags above it that need no end (`embed`, unknown ones) end here too.
      const [matching, ...above] = open.splice(at)
      for (const inner of above.reverse()) closeBlock(inner, indent, line, false)
      closeBlock(matching!, indent, line, true)

      continue
    }

    if (name === 'embed') {
      const url = attributes.url ?? ''
      if (/^https?:\/\//i.test(url)) {
        const label = attributes.caption || url
        block(indent, `<p class="embed"><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p>`, line)
      } else {
        report(`Unexpected \`{% embed %}\` without a web address, expected \`url="https://…"\``, line, column, 'L010')
      }

      // GitBook's newer embeds close; older ones do not: an end tag is optional.
      open.push({name, known: true, line, column})
      continue
    }

    if (name === 'hint') {
      const style = Object.hasOwn(hintLabels, attributes.style ?? '') ? attributes.style! : 'info'
      const label = hintLabels[style] ?? hintLabels.info!
      block(indent, `<aside class="hint hint-${style}">\n${indent}<p class="hint-label">${label}</p>`, line)
    } else if (name === 'tabs') {
      // Its tabs follow one another as sections.
    } else if (name === 'tab') {
      const level = Math.min(heading + 1, 6)
      const title = escapeHtml(attributes.title ?? '')
      block(indent, `<section class="tab">\n${indent}<h${level}>${title}</h${level}>`, line)
    } else if (name === 'code') {
      if (attributes.title) {
        block(indent, `<figure class="code">\n${indent}<figcaption>${escapeHtml(attributes.title)}</figcaption>`, line)
      }

      // A `code` tag without a title adds nothing to the code block.
      open.push({name, known: true, line: attributes.title ? line : 0, column})
      continue
    } else if (name !== 'content-ref') {
      report(
        `Unexpected GitBook tag \`{% ${name} %}\`, expected one of: hint, tabs, tab, code, embed, content-ref: left out`,
        line,
        column,
        'L010'
      )
      open.push({name, known: false, line, column})
      continue
    }

    open.push({name, known: true, line, column})
  }

  // Tags never closed: embeds need not; others are reported and closed, so the rest of the chapter is not inside.
  const lastLine = value.split('\n').length
  for (const top of open.reverse()) closeBlock(top, '', lastLine, false)

  return {value: output.join('\n'), lines: map}

  /** Close what a tag opened; report a block left open (`closed` false). */
  function closeBlock(
    entry: {name: string; known: boolean; line: number; column: number},
    indent: string,
    line: number,
    closed: boolean
  ): undefined {
    if (!entry.known || entry.name === 'embed') return
    if (!closed) {
      report(
        `Unexpected \`{% ${entry.name} %}\` without \`{% end${entry.name} %}\`, expected an end tag`,
        entry.line || line,
        entry.column,
        'L011'
      )
    }

    if (entry.name === 'hint') block(indent, '</aside>', line)
    else if (entry.name === 'tab') block(indent, '</section>', line)
    else if (entry.name === 'code' && entry.line !== 0) block(indent, '</figure>', line)
  }

  function push(text: string, line: number): undefined {
    output.push(text)
    map.push({line, shift: 0})
  }

  /** Add an HTML block between blank lines, all its lines mapped to `line`. */
  function block(indent: string, html: string, line: number): undefined {
    for (const text of ['', indent + html, '']) {
      for (const part of text.split('\n')) {
        output.push(part)
        map.push({line, shift: 0})
      }
    }
  }

  /** Tags inside a line of text: reported and left out (code spans kept). */
  function inlineTags(text: string, line: number): string {
    if (!text.includes('{%')) return text
    const searched = text.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length))
    let result = ''
    let last = 0
    for (const match of searched.matchAll(anyTag)) {
      const name = match[2] ?? ''
      report(
        `Unexpected GitBook tag \`{% ${match[1] ?? ''}${name} %}\` inside a line, expected it on a line of its own: left out`,
        line,
        match.index + 1,
        'L010'
      )
      result += text.slice(last, match.index)
      last = match.index + match[0].length
    }

    return result + text.slice(last)
  }

  function report(reason: string, line: number, column: number, ruleId: 'L010' | 'L011'): undefined {
    warn(file, reason, lines ? mapPoint(lines, line, column) : {line, column}, ruleId)
  }
}

type Attributes = NonNullable<Schema['attributes']>

/** Elements the tags become that GitHub's sanitising schema lacks. */
export const gitbookTagNames = ['aside', 'figure', 'figcaption']

const hintStyles = Object.keys(hintLabels)

/**
 * The classes the tags' elements carry, for the sanitising schema: only these values pass.
 *
 * @param attributes
 *   The schema's attributes (those of `p` and the headings are kept).
 * @param pClasses
 *   Classes `p` may already carry.
 * @returns
 *   Attributes to add to the schema.
 */
export function gitbookAttributes(attributes: Attributes, pClasses: readonly string[]): Attributes {
  const result: Attributes = {
    aside: [['className', 'hint', ...hintStyles.map((style) => `hint-${style}`)]],
    figure: [['className', 'code']],
    section: withClasses(attributes.section, ['tab']),
    p: withClasses(attributes.p, [...pClasses, 'embed', 'hint-label'])
  }
  return result
}

/** Add allowed classes (one `className` entry: the schema reads one). */
function withClasses(definitions: Attributes[string] | undefined, classes: readonly string[]): Attributes[string] {
  const rest = (definitions ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className'))
  const old = (definitions ?? []).find((entry) => Array.isArray(entry) && entry[0] === 'className')
  const values = Array.isArray(old) ? old.slice(1) : []
  return [...rest, ['className', ...values, ...classes.filter((value) => !values.includes(value))]]
}

/** `name="value"` pairs (GitBook writes double quotes; single ones are taken too). */
function parseAttributes(value: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const match of value.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    result[match[1]!] = match[2] ?? match[3] ?? ''
  }

  return result
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
