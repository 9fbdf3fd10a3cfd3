/** mdBook's `book.toml`: the book's title, authors, language and the folder of its sources. */
import {parse, TomlError} from 'smol-toml'
import type {VFile} from 'vfile'
import {error, warn} from '../../core/diagnostics.js'

/** What zhbook reads of `book.toml`. */
export interface BookToml {
  title?: string | undefined
  /** `[book] authors` (or `author`), joined (optional). */
  author?: string | undefined
  /** `[book] language`, when it is Chinese (optional). */
  language?: string | undefined
  /** `[book] src`, the folder of `SUMMARY.md` and the chapters (default: `src`). */
  src: string
}

/**
 * Read `book.toml`. Invalid TOML stops the build (L005, error), as mdBook does; a field of the wrong
 * type is a warning (L005) and ignored.
 *
 * @param file
 *   The `book.toml`.
 * @returns
 *   What it says, or `undefined` after an error.
 */
export function readBookToml(file: VFile): BookToml | undefined {
  let value: Record<string, unknown>
  try {
    value = parse(String(file.value))
  } catch (cause) {
    const place = cause instanceof TomlError ? {line: cause.line, column: cause.column} : undefined
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
    error(file, `Unexpected TOML syntax (${reason}), expected a valid \`book.toml\``, place, 'L005')
    return undefined
  }

  const book = isRecord(value.book) ? value.book : {}
  const result: BookToml = {src: 'src'}
  const title = text(book.title, 'title')
  if (title) result.title = title
  const authors = book.authors ?? book.author
  if (Array.isArray(authors) && authors.every((entry) => typeof entry === 'string')) {
    if (authors.length > 0) result.author = authors.join('、')
  } else if (typeof authors === 'string') {
    result.author = authors.trim() || undefined
  } else if (authors !== undefined) {
    wrong('authors', 'a list of names')
  }

  const language = text(book.language, 'language')
  // zhbook's editions start from Chinese; another language says nothing of the script.
  if (language && /^zh(-[A-Za-z0-9]{1,8})*$/.test(language)) result.language = language
  const src = text(book.src, 'src')
  if (src) result.src = src
  return result

  function text(field: unknown, name: string): string | undefined {
    if (field === undefined) return undefined
    if (typeof field === 'string') return field.trim() || undefined
    wrong(name, 'text')
    return undefined
  }

  function wrong(name: string, expected: string): undefined {
    warn(file, `Unexpected value of \`book.${name}\`, expected ${expected}: ignored`, lineOf(name), 'L005')
  }

  function lineOf(name: string) {
    const lines = String(file.value).split('\n')
    const index = lines.findIndex((line) => new RegExp(`^\\s*${name}\\s*=`).test(line))
    return {line: index === -1 ? 1 : index + 1, column: 1}
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
