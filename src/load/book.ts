/**
 * The parts of a manuscript folder `loadProject` reads in order: `book.yaml`
 * (checked against its schema), the chapters' names and ids, the cover, and
 * the metadata of a bare folder.
 *
 * Problems are reported on vfiles, never thrown, so the caller sees every
 * error of a run at once.
 */
import {readdirSync, type Stats} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {imageSize} from 'image-size'
import {z} from 'zod'
import {error, formatSize, note, type Place, rules} from '../core/diagnostics.js'
import type {Book, BookMeta} from '../core/model.js'
import {nameUuid} from '../core/uuid.js'
import {bookConfigSchema, type BookConfig} from './schema.js'
import {reservedIds, slugify} from './ids.js'
import {isInside, kindOf} from './read-text.js'
import {parseYaml, type PositionedYaml} from './yaml.js'
import type {Layout} from './layouts/detect.js'

/** Name of the configuration file. */
export const configName = 'book.yaml'

/** Default name of the override dictionary. */
export const overridesName = 'overrides.yaml'

/** Name of the glossary. */
export const glossaryName = 'glossary.yaml'

/** Required fields, so a missing one gets its own rule id (C004). */
const required = new Set(['title', 'author'])

/**
 * Validate `book.yaml`; report problems on the file.
 *
 * @param file
 *   The file.
 * @param lines
 *   Lines of the metadata fields, filled in.
 * @returns
 *   The configuration and its YAML, or `undefined` after an error.
 */
export function validateConfig(
  file: VFile,
  lines: Book['metaLines']
): {config: BookConfig; yaml: PositionedYaml} | undefined {
  const yaml = parseYaml(file, 'C001')
  if (!yaml) return undefined
  const value = yaml.value ?? {}
  const result = bookConfigSchema.safeParse(value)
  if (result.success) {
    for (const key of Object.keys(result.data)) {
      lines[key as keyof BookMeta] = yaml.placeOf([key]).line
    }

    const language = checkLanguage(file, result.data.language, yaml)
    const known = checkRuleIds(file, result.data.rules, yaml)
    return language && known ? {config: result.data, yaml} : undefined
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

/** Regional tags written in Traditional characters: read as `zh-Hant`. */
const traditionalRegions = /^zh-(?:Hant-)?(?:TW|HK|MO)$/i

/**
 * Check `language:`: zhbook builds its editions from Traditional Chinese,
 * so `zh-Hant` (with a region or not) is what it reads; `zh-TW`, `zh-HK` and
 * `zh-MO` are Traditional too, and are told so (C011, a note); any other
 * tag is an error (C010): its text would be converted as if it were
 * Traditional.
 *
 * @returns
 *   Whether the language is one zhbook builds from.
 */
function checkLanguage(file: VFile, language: string, yaml: PositionedYaml): boolean {
  const place = yaml.placeOf(['language'])
  if (/^zh-Hant(?:-[A-Za-z0-9]{1,8})*$/i.test(language)) return true
  if (traditionalRegions.test(language)) {
    note(
      file,
      `Language \`${language}\` read as Traditional Chinese (\`zh-Hant\`): the editions are tagged \`zh-Hant\` and \`zh-Hans\``,
      place,
      'C011'
    )
    return true
  }

  error(
    file,
    `Unexpected language \`${language}\`, expected Traditional Chinese: \`zh-Hant\` (or \`zh-TW\`, \`zh-HK\`); zhbook makes the Simplified edition from it`,
    place,
    'C010'
  )
  return false
}

/**
 * Check the rule ids of `rules:` against the catalogue (C012): a misspelt
 * id must not leave its warnings on without a word.
 *
 * @returns
 *   Whether every id is known.
 */
function checkRuleIds(file: VFile, levels: BookConfig['rules'], yaml: PositionedYaml): boolean {
  let ok = true
  for (const id of Object.keys(levels ?? {})) {
    if (Object.hasOwn(rules, id)) continue
    error(
      file,
      `Unexpected rule \`${id}\`, expected a rule id of zhbook such as \`H001\` (see “Rule ids” in the README)`,
      yaml.placeOf(['rules', id], true),
      'C012'
    )
    ok = false
  }

  return ok
}

/** The image formats a cover may be in, by file name and first bytes. */
/** Largest cover file (readers show covers of a few hundred KB). */
const maxCoverSize = 10 * 1024 * 1024

/** Longest side of a cover, in pixels. */
const maxCoverSide = 10_000

/** Bytes of a cover read for its type and dimensions. */
const coverHead = 512 * 1024

const coverFormats = [
  {name: 'JPEG', extension: /\.jpe?g$/i, magic: [0xff, 0xd8, 0xff]},
  {name: 'PNG', extension: /\.png$/i, magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]}
]

/**
 * Resolve and check `cover:`: a JPEG or PNG file inside the manuscript
 * folder. A path that leads outside it (`../`, absolute, or through a
 * symbolic link) is refused before anything is read (C005), and so is one
 * that is no regular file (M013) or larger than 10 MB (I006); then its type
 * is sniffed from its bytes (C002) and its dimensions checked (I006).
 *
 * @returns
 *   Real path of the cover, or `undefined` after an error.
 */
export async function resolveCover(
  root: string,
  value: string,
  file: VFile,
  place: Place
): Promise<string | undefined> {
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
  let stat: Stats
  try {
    real = await fs.realpath(full)
    stat = await fs.stat(real)
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

  // Before it is opened: a FIFO would block the read, a device never end.
  if (!stat.isFile()) {
    error(
      file,
      `Unexpected ${kindOf(stat)} \`${value}\` as the cover, expected a regular file (it is not read)`,
      place,
      'M013'
    )
    return undefined
  }

  // Before it is read: the EPUB holds the cover whole.
  if (stat.size > maxCoverSize) {
    error(
      file,
      `Unexpected cover \`${value}\` of ${formatSize(stat.size)}, expected at most ${formatSize(maxCoverSize)} (readers load it with the book’s list)`,
      place,
      'I006'
    )
    return undefined
  }

  // The head of the file: the type's signature, and (JPEG) the frame
  // header with the dimensions, after any metadata.
  const head = Buffer.alloc(Math.min(stat.size, coverHead))
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

  let size: {width: number; height: number} | undefined
  try {
    size = imageSize(head)
  } catch {}

  if (!size || size.width < 1 || size.height < 1 || size.width > maxCoverSide || size.height > maxCoverSide) {
    const found = size ? `${size.width} × ${size.height} pixels` : 'no readable dimensions'
    error(
      file,
      `Unexpected cover \`${value}\` of ${found}, expected a ${format.name} image of 1 to ${maxCoverSide} pixels a side`,
      place,
      'I006'
    )
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

/**
 * Metadata from the configuration or the book's own files, with defaults
 * for a bare folder: never a chapter's heading as the title (a cover
 * reading 「前言」), the folder's name, with a warning (L006).
 *
 * @param config
 *   Configuration (optional: a bare folder).
 * @param root
 *   Manuscript folder.
 * @param layout
 *   The book's own layout (optional: none found).
 * @param env
 *   Environment, for `SOURCE_DATE_EPOCH`.
 * @returns
 *   Metadata.
 */
export function metaFrom(
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
    identifier: config?.identifier ?? `urn:uuid:${nameUuid(new Uint8Array(), `${slug}\n${title}`)}`,
    date,
    slug
  }
}

/**
 * `*.md` files of a folder in file-name order.
 *
 * @param root
 *   Folder.
 * @returns
 *   File names.
 */
export async function listMarkdown(root: string): Promise<string[]> {
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
