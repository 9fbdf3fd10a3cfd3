/** YAML with positions: the manuscript's YAML is written by editors, so every message points at a line. */
import type {VFile} from 'vfile'
import {isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node as YamlNode} from 'yaml'
import {error, type Place, type RuleId} from '../core/diagnostics.js'
import {findForbidden, forbiddenReason} from '../core/xml-characters.js'

/** A parsed YAML file that can say where a value stands. */
export interface PositionedYaml {
  /** The plain JavaScript value. */
  value: unknown
  /**
   * Where the value at `path` stands (or the key, with `key: true`).
   *
   * @param path
   *   Keys and indices from the root.
   * @param key
   *   Point at the key rather than the value (default: `false`).
   * @returns
   *   Place, or the start of the file when the path does not exist.
   */
  placeOf(path: readonly PropertyKey[], key?: boolean): Place
  /** The underlying document, for walking pairs in source order. */
  document: Document
  /** Turn an offset into a place. */
  placeAt(offset: number): Place
}

/**
 * Parse a YAML file; syntax errors are reported on the file with `ruleId`.
 *
 * @param file
 *   File to parse (its `value` is the text).
 * @param ruleId
 *   Rule id for syntax errors.
 * @returns
 *   The parsed file, or `undefined` after a syntax error.
 */
export function parseYaml(file: VFile, ruleId: RuleId): PositionedYaml | undefined {
  const lineCounter = new LineCounter()
  const document = parseDocument(String(file.value), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true
  })

  function placeAt(offset: number): Place {
    const {line, col} = lineCounter.linePos(offset)
    return {line, column: col}
  }

  if (document.errors.length > 0) {
    for (const problem of document.errors) {
      error(file, `Unexpected YAML syntax: ${problem.message.split('\n')[0]}`, placeAt(problem.pos[0]), ruleId)
    }

    return undefined
  }

  // An escape (`"A\0B"`, `"\uFFFF"`) makes what the bytes of the file, which
  // `readManuscriptText` checks, do not show: the parsed values are checked.
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value !== 'string') return
      const found = findForbidden(node.value)
      if (found) error(file, forbiddenReason(found, 'a YAML value'), placeAt(node.range?.[0] ?? 0), found.ruleId)
    }
  })

  // Aliases resolve only here: an alias to no anchor, or so many that the
  // value would explode (a "billion laughs"), is the file's mistake.
  let value: unknown
  try {
    value = document.toJS()
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    error(file, `Unexpected YAML alias: ${reason.split('\n')[0]}`, aliasPlace(document, placeAt), ruleId)
    return undefined
  }

  return {
    value,
    document,
    placeAt,
    placeOf(path, key = false) {
      if (key && path.length > 0) {
        const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents
        if (isMap(parent)) {
          const last = path.at(-1)
          const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last)
          const node = pair?.key as YamlNode | undefined
          if (node?.range) return placeAt(node.range[0])
        }
      }

      const node = (path.length === 0 ? document.contents : document.getIn(path, true)) as YamlNode | undefined
      return node?.range ? placeAt(node.range[0]) : {line: 1, column: 1}
    }
  }
}

/** Where the first alias naming no earlier anchor stands, else the first alias (too many), else the file start. */
function aliasPlace(document: Document, placeAt: (offset: number) => Place): Place {
  let first: Place | undefined
  let unresolved: Place | undefined
  visit(document, {
    Alias(_, node) {
      const place = node.range ? placeAt(node.range[0]) : undefined
      first ??= place
      if (node.resolve(document) === undefined) {
        unresolved = place
        return visit.BREAK
      }

      return undefined
    }
  })
  return unresolved ?? first ?? {line: 1, column: 1}
}
