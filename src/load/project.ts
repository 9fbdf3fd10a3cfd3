/**
 * The load phase: read a manuscript folder into a typed project, in one
 * pass, before anything is processed. In order: `book.yaml`, the chapters,
 * the override dictionary, the glossary, the translations, the font and the
 * cover. The build then only processes and renders what this returns.
 *
 * Problems are reported on vfiles (returned in `files`), never thrown, so the
 * caller sees every error of a run at once.
 */
import {type Stats, statSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import type {BuildSession} from '../build/session.js'
import {parseOverrides} from '../convert/overrides.js'
import {error, warn} from '../core/diagnostics.js'
import type {Book, BookSettings, ChapterSource, EditionId, GlossaryEntry, OverrideEntry} from '../core/model.js'
import {
  chapterId,
  configName,
  glossaryName,
  listMarkdown,
  metaFrom,
  overridesName,
  resolveCover,
  validateConfig
} from './book.js'
import {loadFont} from './font.js'
import {maxIdLength} from './ids.js'
import {parseGlossary} from './glossary.js'
import {detectLayout, type Layout, warnNoTitle} from './layouts/detect.js'
import {prepareText} from './layouts/text.js'
import {readManuscriptText} from './read-text.js'
import type {BookConfig} from './schema.js'
import type {PositionedYaml} from './yaml.js'

/** A loaded project. */
export interface LoadedProject {
  /**
   * The project: configuration, chapters, overrides, glossary, translations
   * and font, typed (`Book`); `undefined` when an error stops the build.
   */
  project: Book | undefined
  /** Every file read, with its messages (configuration, dictionaries, chapters). */
  files: VFile[]
}

/** Options of `loadProject`. */
export interface LoadOptions {
  /** Environment, for `SOURCE_DATE_EPOCH` (default: `process.env`). */
  env?: Record<string, string | undefined> | undefined
  /**
   * The build session (optional): it keeps the texts read and what the
   * YAML files and catalogs parsed to, so a rebuild reads only what changed.
   */
  session?: BuildSession | undefined
  /**
   * The editions the caller builds (optional, default: the book's). Without
   * the bilingual edition, the translations are not read at all.
   */
  editions?: readonly EditionId[] | undefined
}

/** What `book.yaml` gives, checked. */
interface Configuration {
  config: BookConfig
  yaml: PositionedYaml
  lines: Book['metaLines']
}

/**
 * Load a manuscript folder.
 *
 * @param root
 *   Folder with `book.yaml` (optional) and `*.md` chapters.
 * @param options
 *   Options (optional).
 * @returns
 *   The project and the files read.
 */
export async function loadProject(root: string, options: LoadOptions = {}): Promise<LoadedProject> {
  const env = options.env ?? process.env
  const session = options.session
  const given = root
  root = path.resolve(root)
  const files: VFile[] = []
  const folder = folderProblem(root, given)
  if (folder) return {project: undefined, files: [folder]}
  const read = (name: string) => readManuscriptText(root, path.join(root, name), files, session)

  // 1. book.yaml (optional).
  const configFile = await read(configName)
  let configuration: Configuration | undefined
  if (configFile) {
    // A book.yaml that could not be read as text is already reported.
    if (configFile.messages.length > 0) return {project: undefined, files}
    configuration = parseOnce(session, 'load.config', configFile, (file) => {
      const lines: Book['metaLines'] = {}
      const result = validateConfig(file, lines)
      return result && {...result, lines}
    })
    if (!configuration) return {project: undefined, files}
  }

  const config = configuration?.config
  // 2. The chapters: those book.yaml lists, else the book's own layout
  // (book.toml, SUMMARY.md, folders); book.yaml may name a SUMMARY.md.
  const layout = config
    ? config.chapters
      ? undefined
      : await detectLayout(root, files, {summary: config.summary, foldersOnly: true})
    : await detectLayout(root, files)
  if (layout === null) return {project: undefined, files}
  const chapters = await loadChapters(root, config, layout, configuration?.yaml, configFile, read, files)
  // 3. The override dictionary.
  const overridesFile = await read(config?.overrides ?? overridesName)
  const overrides: OverrideEntry[] = overridesFile
    ? parseOnce(session, 'load.overrides', overridesFile, (file) => parseOverrides(file, root), root)
    : []
  // 4. The glossary.
  const glossaryFile = await read(glossaryName)
  const glossary: GlossaryEntry[] = glossaryFile ? parseOnce(session, 'load.glossary', glossaryFile, parseGlossary) : []
  // 5. The translations.
  // Only the bilingual edition reads them: a build of others loads not even the PO parser.
  const translations =
    !options.editions || options.editions.includes('bilingual')
      ? await (await import('../translate/load.js')).loadTranslations(root, chapters, files, session)
      : undefined
  // 6. Settings and the font. The bilingual edition is built when the
  // manuscript has a translation.
  const editions = options.editions
    ? [...options.editions]
    : (config?.editions ?? (translations ? ['hant', 'hans', 'bilingual'] : ['hant', 'hans']))
  const settings: BookSettings = {
    editions,
    pinyin: config?.pinyin ?? 'terms',
    font: config?.font && configFile ? await loadFont(config.font, root, editions, configFile) : undefined,
    vertical: config?.vertical ?? false,
    kepub: config?.kepub ?? false,
    vocabulary: config?.vocabulary ?? 'general',
    chapterSeconds: config?.limits?.chapterSeconds
  }
  if (config?.formats) settings.formats = config.formats
  if (config?.rules) settings.rules = config.rules
  // 7. The cover.
  const cover =
    config?.cover !== undefined && configFile && configuration
      ? await resolveCover(root, config.cover, configFile, configuration.yaml.placeOf(['cover']))
      : undefined

  if (files.some((file) => file.messages.some((m) => m.fatal))) return {project: undefined, files}

  const meta = metaFrom(config, root, layout, env)
  if (!config?.title && !layout?.meta.title) warnNoTitle(layout, root, files, meta.title)
  if (cover) meta.cover = cover
  const metaLines = {...configuration?.lines}
  const project: Book = {root, meta, chapters, overrides, metaLines, translations, glossary, settings}
  if (layout && layout.parts.length > 0) project.parts = layout.parts
  return {project, files}
}

/**
 * What is wrong with the book's folder, before anything in it is read (a
 * command that does not load the book at once, `zhbook watch`, asks first): it
 * is not there (U001), or it is a file (U002; reading `book.yaml` below a
 * file fails with ENOTDIR).
 *
 * @param root
 *   Absolute path.
 * @param given
 *   The path as the user wrote it, for the message.
 * @returns
 *   A file with the error, or `undefined` when the folder is one.
 */
export function folderProblem(root: string, given: string): VFile | undefined {
  let stats: Stats
  try {
    stats = statSync(root)
  } catch {
    const file = new VFile({path: root})
    error(
      file,
      `Unexpected missing folder \`${given}\`, expected the book’s folder (its \`*.md\` chapters, a book.yaml): \`zhbook init ${given}\` makes a sample book there`,
      undefined,
      'U001'
    )
    return file
  }

  if (stats.isDirectory()) return undefined
  const file = new VFile({path: root})
  const parent = path.dirname(given)
  error(
    file,
    `Unexpected file \`${given}\`, expected a folder: give the book’s folder (\`${parent}\`), which holds it`,
    undefined,
    'U002'
  )
  return file
}

/**
 * Read the chapters: those `book.yaml` lists, else those of the book's
 * layout, else the folder's `*.md` files.
 *
 * @returns
 *   Chapters, each with its id (problems reported on `files`).
 */
async function loadChapters(
  root: string,
  config: BookConfig | undefined,
  layout: Layout | undefined,
  yaml: PositionedYaml | undefined,
  configFile: VFile | undefined,
  read: (name: string) => Promise<VFile | undefined>,
  files: VFile[]
): Promise<ChapterSource[]> {
  const names = config?.chapters ?? layout?.chapters.map((entry) => entry.path) ?? (await listMarkdown(root))
  const chapters: ChapterSource[] = []
  const ids = new Map<string, string>()

  for (const [index, name] of names.entries()) {
    const file = await read(name)
    if (!file) {
      // Only a listed chapter can be missing: a listed name comes from book.yaml.
      const full = path.join(root, name)
      error(
        configFile ?? new VFile({path: full}),
        `Unexpected missing chapter \`${name}\`, expected a file at \`${full}\``,
        yaml?.placeOf(['chapters', index]),
        'M001'
      )
      continue
    }

    const place = layout?.chapters[index]
    const id = place?.id ?? chapterId(name, index)
    if (id.length > maxIdLength) {
      error(
        file,
        `Unexpected chapter id of ${id.length} characters (from \`${name}\`), expected at most ${maxIdLength}: it names the chapter’s files, rename the file`,
        {line: 1, column: 1},
        'M014'
      )
      continue
    }

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

  return chapters
}

/**
 * What a file of the manuscript (`book.yaml`, the glossary, the overrides)
 * parses to, kept by the session: the same path with the same text (and
 * `other`, any other input `parse` reads) gives the same result without
 * parsing again. Parsing YAML costs more than an edit's rebuild can spare.
 *
 * Only a parse that reported nothing is kept: a file with a problem is
 * parsed again, so its messages are on every build's file. The results are
 * only read.
 */
function parseOnce<T>(
  session: BuildSession | undefined,
  step: string,
  file: VFile,
  parse: (file: VFile) => T,
  other = ''
): T {
  if (!session) return parse(file)
  const store = session.keyed<{text: string; other: string; value: T}>(step, 16)
  const text = String(file.value)
  const known = store.peek(file.path)
  if (known && known.text === text && known.other === other && file.messages.length === 0) return known.value
  const before = file.messages.length
  const value = parse(file)
  if (file.messages.length === before && before === 0) store.set(file.path, {text, other, value})
  else store.delete(file.path)
  return value
}
