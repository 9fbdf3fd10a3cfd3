/**
 * mdBook's includes: `{{#include file}}` and `{{#rustdoc_include file}}`,
 * replaced by the text of a file of the book before the chapter is parsed,
 * as mdBook does (so an include inside a fenced code block fills it).
 *
 * What follows the path picks lines: `:anchor` (the lines between
 * `ANCHOR: anchor` and `ANCHOR_END: anchor` comments), or a range of line
 * numbers (`:2` one line, `:2:10`, `:2:` to the end, `::10` from the start).
 * `rustdoc_include` takes the same, and drops the lines rustdoc hides
 * (`# ` lines). The `ANCHOR` marker lines are never shown. A `\{{#…}}` is the directive's text, unexpanded.
 *
 * Only files inside the book are read (L007); a missing file, anchor or range
 * is a warning (L008); any other directive is a warning too (L009), its
 * text kept (mdBook leaves it so) but for `{{#title}}`, which is left out.
 * Included files may include others, ten levels deep (L012).
 */
import {readFileSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import {type Place, warn} from '../../core/diagnostics.js'
import type {LineMap} from '../../core/model.js'
import {isInside, kindOf} from '../read-text.js'
import {assemble, type Piece} from './line-map.js'

/** A directive, or an escaped one (`\{{#…}}`). */
const directiveExpression = /\\\{\{#[^}]*\}\}|\{\{\s*#([A-Za-z0-9_]+)\s*([^}]*)\}\}/g

/** `ANCHOR: name` and `ANCHOR_END: name` markers (in any comment syntax). */
const anchorExpression = /ANCHOR(_END)?:\s*([\w-]+)/

/** Directives that include a file (`playground` includes it as `include` does). */
const includeKinds = new Set(['include', 'rustdoc_include', 'playground'])

/** Deepest nesting of includes, as mdBook. */
const maxDepth = 10

/**
 * Expand the includes of a chapter.
 *
 * @param file
 *   The chapter (absolute `path`); messages go on it, at the directive.
 * @param root
 *   The book's folder (absolute): nothing outside it is read.
 * @returns
 *   The text with includes expanded and its line map, or `undefined` when
 *   the chapter has no directive.
 */
export function expandIncludes(file: VFile, root: string): {value: string; lines: LineMap} | undefined {
  const value = String(file.value)
  if (!value.includes('{{')) return undefined
  const pieces: Piece[] = []
  let last = 0
  let changed = false
  const realRoot = realpathSync.native(root)

  for (const match of value.matchAll(directiveExpression)) {
    const start = match.index
    const place = placeAt(value, start)
    changed = true
    pieces.push({text: value.slice(last, start), ...placeAt(value, last)})
    last = start + match[0].length
    if (match[0].startsWith('\\')) {
      pieces.push({text: match[0].slice(1), ...placeAt(value, start + 1)})
      continue
    }

    const text = expand(match[1]!, match[2]!.trim(), path.dirname(file.path), 1, place)
    pieces.push({text, ...place, made: true})
  }

  if (!changed) return undefined
  pieces.push({text: value.slice(last), ...placeAt(value, last)})
  return assemble(pieces)

  /** The text a directive stands for ('' after a warning). */
  function expand(kind: string, target: string, folder: string, depth: number, place: Place): string {
    if (!includeKinds.has(kind)) {
      // mdBook's `{{#title}}` names the web page: nothing for the text.
      const dropped = kind === 'title'
      warn(
        file,
        `Unexpected mdBook directive \`{{#${kind}}}\`, expected \`{{#include …}}\` or \`{{#rustdoc_include …}}\`: ${dropped ? 'left out' : 'kept as text'}`,
        place,
        'L009'
      )
      return dropped ? '' : `{{#${kind}${target ? ' ' + target : ''}}}`
    }

    if (depth > maxDepth) {
      warn(file, `Unexpected includes nested deeper than ${maxDepth}, expected fewer: left out`, place, 'L012')
      return ''
    }

    // The path, then `:range` or `:anchor`; mdBook allows properties after a space.
    const spec = target.split(/\s+/)[0] ?? ''
    const colon = spec.indexOf(':')
    const name = colon === -1 ? spec : spec.slice(0, colon)
    const select = colon === -1 ? undefined : spec.slice(colon + 1)
    const full = path.resolve(folder, name)
    let real: string
    try {
      real = realpathSync.native(full)
    } catch {
      warn(
        file,
        `Unexpected missing include \`${name}\`, expected a file at \`${path.relative(root, full)}\` in the book: left out`,
        place,
        'L008'
      )
      return ''
    }

    if (name === '' || !isInside(realRoot, real)) {
      warn(
        file,
        `Unexpected include \`${name}\` outside the book, expected a file inside the book's folder (it is not read)`,
        place,
        'L007'
      )
      return ''
    }

    // Before it is opened: a FIFO would block the read, a device never end.
    const stat = statSync(real)
    if (!stat.isFile()) {
      warn(
        file,
        `Unexpected ${kindOf(stat)} \`${name}\` as an include, expected a regular file (it is not read): left out`,
        place,
        'M013'
      )
      return ''
    }

    let text: string
    try {
      text = new TextDecoder('utf-8', {fatal: true}).decode(readFileSync(real))
    } catch {
      warn(file, `Unexpected include \`${name}\` that is not UTF-8 text, expected a text file: left out`, place, 'L008')
      return ''
    }

    const selected = selectLines(text.replace(/\r\n?/g, '\n'), select, kind === 'rustdoc_include')
    if (selected === undefined) {
      warn(
        file,
        `Unexpected \`${select}\` in include \`${name}\`, expected an anchor or a line range of the file: left out`,
        place,
        'L008'
      )
      return ''
    }

    // An included file may include others, relative to itself.
    return selected.replace(directiveExpression, (whole, innerKind: string | undefined, innerTarget: string) =>
      innerKind === undefined
        ? whole.slice(1)
        : expand(innerKind, innerTarget.trim(), path.dirname(real), depth + 1, place)
    )
  }
}

/**
 * The lines of an included file a selector picks.
 *
 * @param text
 *   The file's text.
 * @param select
 *   What follows the path's `:` (optional: the whole file).
 * @param rustdoc
 *   Whether hidden lines (`# `) are dropped.
 * @returns
 *   The lines, joined, or `undefined` when the anchor or range is not there.
 */
export function selectLines(text: string, select: string | undefined, rustdoc: boolean): string | undefined {
  let lines = text.split('\n')
  // A file's last line break ends its last line; it is not one more line.
  if (lines.at(-1) === '') lines.pop()
  if (select !== undefined && select !== '') {
    const range = /^(\d*)(?::(\d*))?$/.exec(select)
    if (range) {
      const start = range[1] ? Number(range[1]) : 1
      const end =
        range[2] === undefined ? (range[1] ? start : lines.length) : range[2] ? Number(range[2]) : lines.length
      if (start < 1 || start > lines.length || end < start) return undefined
      lines = lines.slice(start - 1, end)
    } else {
      const found = anchored(lines, select)
      if (!found) return undefined
      lines = found
    }
  }

  // Anchor markers are for the build, not for the reader; rustdoc hides `# ` lines.
  lines = lines.filter((line) => !anchorExpression.test(line) && !(rustdoc && /^\s*#(?: |$)/.test(line)))

  return lines.join('\n')
}

/** The lines inside an anchor, other anchors' markers left out. */
function anchored(lines: readonly string[], name: string): string[] | undefined {
  let inside = false
  let found = false
  const result: string[] = []
  for (const line of lines) {
    const marker = anchorExpression.exec(line)
    if (marker) {
      if (marker[2] === name) {
        if (marker[1] === undefined) {
          inside = true
          found = true
        } else if (inside) {
          break
        }
      }

      continue
    }

    if (inside) result.push(line)
  }

  return found ? result : undefined
}

/** Line and column (1-based) of an offset. */
function placeAt(value: string, offset: number): Place {
  const before = value.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  let line = 1
  for (let index = before.indexOf('\n'); index !== -1; index = before.indexOf('\n', index + 1)) line++
  return {line, column: offset - lineStart + 1}
}
