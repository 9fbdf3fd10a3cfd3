/**
 * Read a manuscript folder into a `Book`: `book.yaml` (optional), the
 * chapters, and the override dictionary.
 *
 * Problems are reported on vfiles (returned in `files`), never thrown, so the
 * caller sees every error of a run at once.
 */
import {createHash} from 'node:crypto'
import {readdirSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {z} from 'zod'
import {error, warn, type Place} from '../core/diagnostics.js'
import {parseOverrides} from '../convert/overrides.js'
import type {Book, BookMeta, BookSettings, ChapterSource} from '../core/model.js'
import {loadTranslations} from '../translate/load.js'
import {loadFont} from './font.js'
import {parseGlossary} from './glossary.js'
import {bookConfigSchema, type BookConfig} from './schema.js'
import {isInside, readManuscriptText} from './read-text.js'
import {parseYaml, type PositionedYaml} from './yaml.js'
import {parseMemo} from '../build/memo.js'
import {detectLayout, type Layout, warnNoTitle} from './layouts/detect.js'
import {prepareText} from './layouts/text.js'

/** Result of reading a manuscript. */
export interface LoadedBook {
  /** The book, or `undefined` when an error stops the build. */
  book: Book | undefined
  /** Every file read, with its messages (configuration, dictionary, chapters). */
  files: VFile[]
}

/** Name of the configuration file. */
export const configName = 'book.yaml'

/** Default name of the override dictionary. */
export const overridesName = 'overrides.yaml'

/** Name of the glossary. */
export const glossaryName = 'glossary.yaml'

/**
 * What `book.yaml`, the glossary and the override dictionary parsed to:
 * a watch session reads them on every build, and parsing YAML costs more
 * than an edit's rebuild can spare. The results are only read.
 */
const configMemo = parseMemo<{config: BookConfig; yaml: PositionedYaml; lines: Book['metaLines']} | undefined>()
const glossaryMemo = parseMemo<ReturnType<typeof parseGlossary>>()
const overridesMemo = parseMemo<ReturnType<typeof parseOverrides>>()

/** Required fields, so a missing one gets its own rule id (C004). */
const required = new Set(['title', 'author'])

/**
 * Read a manuscript folder.
 *
 * @param root
 *   Folder with `book.yaml` (optional) and `*.md` chapters.
 * @param env
 *   Environment, for `SOURCE_DATE_EPOCH` (default: `process.env`).
 * @returns
 *   The book and the files read.
 */
export async function loadBook(
  root: string,
  env: Record<string, string | undefined> = process.env
): Promise<LoadedBook> {
  root = path.resolve(root)
  const files: VFile[] = []
  const configFile = await readManuscriptText(root, path.join(root, configName), files)
  let config: BookConfig | undefined
  let yaml: PositionedYaml | undefined

  const metaLines: Book['metaLines'] = {}
  if (configFile) {
    // A book.yaml that could not be read as text is already reported.
    if (configFile.messages.length > 0) return {book: undefined, files}
    const validated = configMemo(configFile, (file) => {
      const lines: Book['metaLines'] = {}
      const result = validateConfig(file, lines)
      return result && {...result, lines}
    })
    if (!validated) return {book: undefined, files}
    ;({config, yaml} = validated)
    Object.assign(metaLines, validated.lines)
  }

  // A book's own layout (book.toml, SUMMARY.md, folders) when book.yaml
  // does not list the chapters; book.yaml may name a SUMMARY.md.
  const layout = config
    ? config.chapters
      ? undefined
      : await detectLayout(root, files, {summary: config.summary, foldersOnly: true})
    : await detectLayout(root, files)
  if (layout === null) return {book: undefined, files}
  const names = config?.chapters ?? layout?.chapters.map((entry) => entry.path) ?? (await listMarkdown(root))
  const chapters: ChapterSource[] = []
  const ids = new Map<string, string>()

  for (const [index, name] of names.entries()) {
    const full = path.join(root, name)
    const file = await readManuscriptText(root, full, files)
    if (!file) {
      // Only a listed chapter can be missing: a listed name comes from book.yaml.
      const place = yaml?.placeOf(['chapters', index])
      error(
        configFile ?? new VFile({path: full}),
        `Unexpected missing chapter \`${name}\`, expected a file at \`${full}\``,
        place,
        'M001'
      )
      continue
    }

    const place = layout?.chapters[index]
    const id = place?.id ?? chapterId(name, index)
    const previous = ids.get(id)
    if (previous) {
      error(
        file,
        `Unexpected chapter id \`${id}\` (also used by \`${previous}\`), expected unique ids: rename one file`,
        {line: 1, column: 1},
        'M004'
      )
      continue
    }

    ids.set(id, name)
    const lines = file.messages.length === 0 ? prepareText(file, root, layout?.kind === 'gitbook') : undefined
    // A file that failed to decode is already reported (M006).
    if (String(file.value).trim() === '' && file.messages.length === 0) {
      warn(file, 'Unexpected empty chapter, expected Markdown text', {line: 1, column: 1}, 'M005')
    }

    const chapter: ChapterSource = {id, path: name, file}
    if (place?.depth) chapter.depth = place.depth
    if (place?.part !== undefined) chapter.part = place.part
    if (place?.title) chapter.tocTitle = place.title
    if (lines) chapter.lines = lines
    chapters.push(chapter)
  }

  if (names.length === 0) {
    const file = configFile ?? new VFile({path: root})
    error(file, 'Unexpected manuscript without chapters, expected `*.md` files in the folder', undefined, 'M002')
    if (!configFile) files.push(file)
  }

  const overridesFile = await readManuscriptText(root, path.join(root, config?.overrides ?? overridesName), files)
  const overrides = overridesFile ? overridesMemo(overridesFile, (file) => parseOverrides(file, root), root) : []
  const glossaryFile = await readManuscriptText(root, path.join(root, glossaryName), files)
  const glossary = glossaryFile ? glossaryMemo(glossaryFile, parseGlossary) : []
  const translations = await loadTranslations(root, chapters, files)
  // The bilingual edition is built when the manuscript has a translation.
  const editions = config?.editions ?? (translations ? ['hant', 'hans', 'bilingual'] : ['hant', 'hans'])
  const settings: BookSettings = {
    editions,
    pinyin: config?.pinyin ?? 'terms',
    font: config?.font && configFile ? await loadFont(config.font, root, editions, configFile) : undefined,
    vertical: config?.vertical ?? false,
    kepub: config?.kepub ?? false,
    vocabulary: config?.vocabulary ?? 'general'
  }

  const cover =
    config?.cover !== undefined && configFile && yaml
      ? await resolveCover(root, config.cover, configFile, yaml.placeOf(['cover']))
      : undefined

  if (files.some((file) => file.messages.some((m) => m.fatal))) {
    return {book: undefined, files}
  }

  const meta = metaFrom(config, root, layout ?? undefined, env)
  if (!config?.title && !layout?.meta.title) warnNoTitle(layout ?? undefined, root, files, meta.title)
  if (cover) meta.cover = cover
  const book: Book = {root, meta, chapters, overrides, metaLines, translations, glossary, settings}
  if (layout && layout.parts.length > 0) book.parts = layout.parts
  return {book, files}
}

/** Validate `book.yaml`; report problems on the file. */
function validateConfig(file: VFile, lines: Book['metaLines']): {config: BookConfig; yaml: PositionedYaml} | undefined {
  const yaml = parseYaml(file, 'C001')
  if (!yaml) return undefined
  const value = yaml.value ?? {}
  const result = bookConfigSchema.safeParse(value)
  if (result.success) {
    for (const key of Object.keys(result.data)) {
      lines[key as keyof BookMeta] = yaml.placeOf([key]).line
    }

    return {config: result.data, yaml}
  }

  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        error(
          file,
          `Unexpected key \`${key}\`, expected one of: ${keysAt(issue.path).join(', ')}`,
          yaml.placeOf([...issue.path, key], true),
          'C003'
        )
      }

      continue
    }

    const field = issue.path.join('.')
    const missing =
      issue.code === 'invalid_type' &&
      issue.path.length === 1 &&
      required.has(String(issue.path[0])) &&
      (value as Record<string, unknown>)[String(issue.path[0])] === undefined

    if (missing) {
      error(file, `Unexpected missing field \`${field}\`, expected it in book.yaml`, {line: 1, column: 1}, 'C004')
    } else {
      error(
        file,
        `Unexpected value for \`${field || 'book.yaml'}\`: ${issue.message}`,
        yaml.placeOf(issue.path),
        'C002'
      )
    }
  }

  return undefined
}

/** The image formats a cover may be in, by file name and first bytes. */
const coverFormats = [
  {name: 'JPEG', extension: /\.jpe?g$/i, magic: [0xff, 0xd8, 0xff]},
  {name: 'PNG', extension: /\.png$/i, magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]}
]

/**
 * Resolve and check `cover:`: a JPEG or PNG file inside the manuscript
 * folder. A path that leads outside it (`../`, absolute, or through a
 * symbolic link) is refused before anything is read (C005).
 *
 * @returns
 *   Real path of the cover, or `undefined` after an error.
 */
async function resolveCover(root: string, value: string, file: VFile, place: Place): Promise<string | undefined> {
  const full = path.resolve(root, value)
  const outside = `Unexpected cover \`${value}\` outside the manuscript folder, expected a file inside it (it is not read)`
  if (path.isAbsolute(value) || !isInside(root, full)) {
    error(file, outside, place, 'C005')
    return undefined
  }

  const format = coverFormats.find((entry) => entry.extension.test(value))
  if (!format) {
    error(file, `Unexpected cover \`${value}\`, expected a \`.jpg\`, \`.jpeg\` or \`.png\` file`, place, 'C002')
    return undefined
  }

  let real: string
  try {
    real = await fs.realpath(full)
    if (!(await fs.stat(real)).isFile()) throw new Error('Not a file')
  } catch {
    error(file, `Unexpected missing cover \`${value}\`, expected a ${format.name} file there`, place, 'C006')
    return undefined
  }

  if (!isInside(await fs.realpath(root), real)) {
    error(
      file,
      `Unexpected cover \`${value}\` linking to \`${real}\`, outside the manuscript folder, expected a file inside it (it is not read)`,
      place,
      'C005'
    )
    return undefined
  }

  const head = Buffer.alloc(format.magic.length)
  const handle = await fs.open(real)
  try {
    await handle.read(head, 0, head.length, 0)
  } finally {
    await handle.close()
  }

  if (!format.magic.every((byte, index) => head[index] === byte)) {
    error(file, `Unexpected contents of cover \`${value}\`, expected a ${format.name} image`, place, 'C002')
    return undefined
  }

  return real
}

/**
 * The keys book.yaml allows at a path (`[]`: the top level; `['font']`: the
 * keys of `font`), for messages about an unknown one.
 */
function keysAt(keys: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = bookConfigSchema
  for (const key of [...keys, undefined]) {
    // Look through `.optional()`, `.default()` and unions to the object.
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType
    if (schema instanceof z.ZodUnion) {
      schema = (schema.options as z.ZodType[]).find((option) => option instanceof z.ZodObject)
    }

    if (!(schema instanceof z.ZodObject)) return []
    if (key === undefined) return Object.keys(schema.shape)
    schema = (schema.shape as Record<PropertyKey, z.ZodType>)[key]
  }

  return []
}

/** Where the `index`th entry of `chapters:` stands in book.yaml. */
function _placeOfChapter(file: VFile, index: number) {
  return parseYaml(new VFile({path: file.path, value: file.value}), 'C001')?.placeOf(['chapters', index])
}

/**
 * Metadata from the configuration or the book's own files, with defaults
 * for a bare folder: never a chapter's heading as the title (a cover
 * reading 「前言」), the folder's name, with a warning (L006).
 */
function metaFrom(
  config: BookConfig | undefined,
  root: string,
  layout: Layout | undefined,
  env: Record<string, string | undefined>
): BookMeta {
  const title = config?.title ?? layout?.meta.title ?? path.basename(root)
  const slug = config?.slug ?? (slugify(path.basename(root)) || 'book')
  const epoch = env.SOURCE_DATE_EPOCH
  // No clock: a bare folder's date comes from SOURCE_DATE_EPOCH or a fixed
  // day, so two builds of the same folder are identical.
  const date =
    config?.date ??
    (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString().slice(0, 10) : '1980-01-01')

  return {
    title,
    subtitle: config?.subtitle,
    author: config?.author ?? layout?.meta.author,
    host: config?.host,
    publisher: config?.publisher,
    description: config?.description,
    source: config?.source,
    language: config?.language ?? layout?.meta.language ?? 'zh-Hant',
    // A stable identifier for a folder without one: derived from its title.
    identifier: config?.identifier ?? `urn:uuid:${uuidFrom(`${slug}\n${title}`)}`,
    date,
    slug
  }
}

/** `*.md` files of a folder in file-name order. */
async function listMarkdown(root: string): Promise<string[]> {
  let names: string[]
  try {
    // Sync, as the chapters are read: every rebuild lists the folder.
    names = readdirSync(root)
  } catch {
    return []
  }

  return (
    names
      // A README is the repository's, a SUMMARY.md a table of contents: neither is a chapter.
      .filter((name) => name.toLowerCase().endsWith('.md') && !/^(?:readme|summary)\.md$/i.test(name))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  )
}

/**
 * Chapter id from a file name: the stem without a leading number
 * (`02-logic.md` → `logic`), as lowercase ASCII; `chapter-N` when nothing
 * ASCII is left (`第一章.md`).
 *
 * @param name
 *   File name.
 * @param index
 *   Position in the book (0-based).
 * @returns
 *   Id.
 */
export function chapterId(name: string, index: number): string {
  const stem = name.replace(/\.md$/i, '').replace(/^\d+[-_. ]*/, '')
  const id = slugify(stem) || `chapter-${index + 1}`
  // Renderers name their own files so (`index.html`, `cover.xhtml` …).
  return reservedIds.has(id) ? `chapter-${id}` : id
}

/** Ids the renderers keep for their own documents. */
const reservedIds = new Set(['cover', 'glossary', 'index', 'nav', 'style', 'toc'])

/** Lowercase ASCII words joined by `-`. */
function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A name-based (version 5 style) UUID from text. */
function uuidFrom(value: string): string {
  const hex = createHash('sha1').update(value).digest('hex')
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
