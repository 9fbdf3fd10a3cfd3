/** A chapter's text as the parser reads it (includes expanded, GitBook tags as HTML), with its line map. */
import type {VFile} from 'vfile'
import type {LineMap} from '../../core/model.js'
import {gitbookTags} from './gitbook-tags.js'
import {expandIncludes} from './includes.js'
import {compose} from './line-map.js'

/**
 * Prepare a chapter's text: set `file.value` to what the parser reads.
 *
 * @param file
 *   The chapter, as read; messages go on it.
 * @param root
 *   The book's folder (includes are read from inside it only).
 * @param gitbook
 *   Whether the book is a GitBook (its `{% … %}` tags are read).
 * @returns
 *   Line map of the new text, or `undefined` when the text is unchanged.
 */
export function prepareText(file: VFile, root: string, gitbook: boolean): LineMap | undefined {
  const included = expandIncludes(file, root)
  let value = included?.value ?? String(file.value)
  let lines = included?.lines
  const tagged = gitbook ? gitbookTags(file, value, lines) : undefined
  if (tagged) {
    value = tagged.value
    lines = compose(lines, tagged.lines)
  }

  if (lines) file.value = value
  return lines
}
