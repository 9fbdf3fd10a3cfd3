/**
 * The typed Book / Edition model: what the manuscript says, and what an
 * edition's stages make of it, kept apart from any output format.
 *
 * Stages (unified plugins in `stages/`) turn a `ChapterSource` into an
 * `EditionChapter`; renderers (`formats/`) turn an `EditionBook` into files.
 * Neither side knows about the other, so a new edition or a new output format
 * slots in without touching the rest.
 */
import type {Root as HastRoot} from 'hast'
import type {VFile} from 'vfile'
import type {BuildSession} from '../build/session.js'
import type {RuleLevel} from './diagnostics.js'

/** Identifier of an edition; also its folder in `output/web/` and its EPUB suffix. */
export type EditionId = 'hant' | 'hans' | 'bilingual'

/** Book metadata, as written in `book.yaml` (or derived from a bare folder). */
export interface BookMeta {
  /** Title, in the manuscript's script. */
  title: string
  /** Subtitle (optional). */
  subtitle?: string | undefined
  /** Author or speaker (optional: a bare folder has none). */
  author?: string | undefined
  /** The programme that hosted the talk (optional). */
  host?: string | undefined
  /** The publisher (EPUB `dc:publisher`) (optional). */
  publisher?: string | undefined
  /** A description of the book (EPUB `dc:description`) (optional). */
  description?: string | undefined
  /** Where the text comes from (optional). */
  source?: string | undefined
  /** BCP 47 language of the manuscript, e.g. `zh-Hant`. */
  language: string
  /** Unique identifier, e.g. `urn:uuid:…`; stable across builds. */
  identifier: string
  /** Publication date, `YYYY-MM-DD`. */
  date: string
  /** ASCII slug used to name output files, e.g. `small-models`. */
  slug: string
  /**
   * Absolute path of the cover image, a JPEG or PNG inside the manuscript
   * folder, checked by the loader (optional: the EPUB generates one).
   */
  cover?: string | undefined
  /**
   * The title in another language, for editions that carry a translation
   * (the bilingual edition's English title) (optional).
   */
  translated?: TranslatedTitle | undefined
}

/** A title and subtitle in another language. */
export interface TranslatedTitle {
  /** BCP 47 language, e.g. `en`. */
  lang: string
  /** Title. */
  title: string
  /** Subtitle (optional). */
  subtitle?: string | undefined
}

/** One chapter of the manuscript, as read from disk. */
export interface ChapterSource {
  /** ASCII id, unique in the book; names the chapter's output files. */
  id: string
  /** Path relative to the manuscript folder (for messages and reports). */
  path: string
  /** The file's contents; `file.path` is set so messages point at it. */
  file: VFile
  /**
   * Nesting in the table of contents: 0 for a top-level chapter, 1 for a
   * chapter under it, and so on (optional, default: 0).
   */
  depth?: number | undefined
  /** Index in `Book.parts` of the part the chapter is in (optional: none). */
  part?: number | undefined
  /**
   * The chapter's title in the book's own table of contents (a
   * `SUMMARY.md` link's text), which the contents show in place of its first
   * heading, as mdBook and GitBook do (optional: none).
   */
  tocTitle?: string | undefined
  /**
   * Where each line of `file.value` comes from in the file as written, when
   * the loader changed the text (includes, block tags) (optional: unchanged).
   */
  lines?: LineMap | undefined
}

/**
 * For each line of a changed text (index 0 is line 1), the line it comes
 * from in the file as written and what to add to a column there.
 */
export type LineMap = ReadonlyArray<{line: number; shift: number}>

/** The manuscript: metadata and chapters, before any edition's stages. */
export interface Book {
  /** Absolute path of the manuscript folder. */
  root: string
  /** Metadata. */
  meta: BookMeta
  /** Chapters in reading order. */
  chapters: ChapterSource[]
  /**
   * Titles of the book's parts (`# Part` in a `SUMMARY.md`), which chapters
   * refer to by index (optional: none).
   */
  parts?: string[] | undefined
  /** The editor's override dictionary for conversion (empty when there is none). */
  overrides: OverrideEntry[]
  /** Lines of the metadata fields in `book.yaml`, for messages and reports. */
  metaLines: Partial<Record<keyof BookMeta, number>>
  /** The English translation, when the manuscript has one (optional). */
  translations?: BookTranslations | undefined
  /** Glossary terms (empty when there is no glossary). */
  glossary: GlossaryEntry[]
  /** Settings from `book.yaml`. */
  settings: BookSettings
}

/** Settings of a book that are not metadata. */
export interface BookSettings {
  /** Editions to build. */
  editions: EditionId[]
  /** Pinyin in the bilingual edition: over glossary terms, or over every word. */
  pinyin: 'terms' | 'all'
  /** The font embedded in the EPUBs, per edition (optional: none). */
  font?: BookFont | undefined
  /** Whether the Traditional edition's EPUB is set vertically. */
  vertical: boolean
  /** Whether to write a Kobo kepub of each edition too. */
  kepub: boolean
  /**
   * The field of the book's vocabulary: `technical` converts the words whose
   * mainland form differs in computing (介面 → 接口, 預設 → 默认).
   */
  vocabulary: 'general' | 'technical'
  /** The formats to write, by renderer name (optional: every format). */
  formats?: string[] | undefined
  /** The author's levels for rules' warnings (optional: none). */
  rules?: Partial<Record<string, RuleLevel>> | undefined
  /**
   * Seconds a chapter may take to be read (`limits.chapterSeconds`)
   * (optional, default: `defaultChapterSeconds`): past them its reading is
   * stopped (B001).
   */
  chapterSeconds?: number | undefined
}

/** Seconds a chapter may take to be read when book.yaml does not say. */
export const defaultChapterSeconds = 300

/** The font of `book.yaml`, checked: its file and the face each edition embeds. */
export interface BookFont {
  /** The faces, by edition; an edition not listed embeds no font. */
  faces: Partial<Record<EditionId, FontFace>>
  /** Line of `font` in `book.yaml`, for messages about it. */
  line: number
}

/** One face of a font file, to be subset and embedded. */
export interface FontFace {
  /** Absolute path of the font file. */
  path: string
  /** Index of the face in the file (0 unless the file is a collection). */
  index: number
  /** PostScript name of the face (ASCII), e.g. `NotoSerifCJKtc-Regular`. */
  postscriptName: string
  /** Family name, e.g. `Noto Serif CJK TC`. */
  family: string
  /** Outline format: CFF (`.otf`) or TrueType (`.ttf`). */
  format: 'otf' | 'ttf'
}

/** How an edition is set, beyond its text (EPUB only; the web keeps its own). */
export interface EditionTypography {
  /** The face to embed, subset to the characters the edition uses (optional). */
  font?: FontFace | undefined
  /** Whether the text runs top to bottom, lines right to left (optional). */
  vertical?: boolean | undefined
}

/** One translated (or untranslated) unit. */
export interface TranslationEntry {
  /** The translation, Markdown (empty when missing). */
  translation: string
  /** Whether it is out of date. */
  fuzzy: boolean
}

/** A translation of the book, from its PO files. */
export interface BookTranslations {
  /** BCP 47 language of the translation, e.g. `en`. */
  lang: string
  /** Entries by chapter id, then by source text (msgid). */
  chapters: Record<string, Record<string, TranslationEntry>>
  /** Entries of the metadata (title, subtitle), by source text. */
  meta: Record<string, TranslationEntry>
  /** Path of each chapter's PO file relative to the manuscript folder. */
  paths: Record<string, string>
}

/** A glossary term. */
export interface GlossaryEntry {
  /** The term as written in the manuscript (Traditional). */
  term: string
  /** English gloss. */
  en: string
  /** Short English note (optional). */
  note?: string | undefined
  /** Pinyin, when the generated one is wrong for this term (optional). */
  pinyin?: string | undefined
  /** Line of the entry in the glossary file. */
  line: number
}

/** One entry of the editor's override dictionary. */
export interface OverrideEntry {
  /** Traditional text, matched on the manuscript before OpenCC runs. */
  from: string
  /** What it becomes in the Simplified edition. */
  to: string
  /** Where the entry stands, for the report (`overrides.yaml:12`). */
  path: string
  /** Line of the entry. */
  line: number
}

/** What renderers need to know about an edition. */
export interface EditionInfo {
  /** Edition id. */
  id: EditionId
  /** BCP 47 language of the edition's text, e.g. `zh-Hans`. */
  lang: string
  /** Name of the edition in its own script, e.g. `简体中文`. */
  label: string
  /**
   * Other languages the edition's text is in, after `lang` (the bilingual
   * edition: `['en']`) (optional).
   */
  otherLanguages?: readonly string[] | undefined
}

/**
 * Links between chapters are written `chapter:<id>#<fragment>` in a chapter's
 * tree, because only a renderer knows what it names a chapter's file
 * (`<id>.html`, `<id>.xhtml`); each renderer resolves them.
 */
export const chapterLinkPrefix = 'chapter:'

/** A chapter after an edition's stages: format-neutral content. */
export interface EditionChapter {
  /** Chapter id (same in every edition). */
  id: string
  /** Plain-text title in the edition's script (first heading). */
  title: string
  /** Body content as hast: the chapter's blocks, no document wrapper. */
  tree: HastRoot
  /** Path of the source file relative to the manuscript folder. */
  sourcePath: string
  /**
   * What the chapter is in the book's structure (default: `chapter`);
   * `glossary` for the bilingual edition's glossary (back matter).
   */
  kind?: 'chapter' | 'glossary' | undefined
  /** Nesting in the table of contents (optional, default: 0), as `ChapterSource.depth`. */
  depth?: number | undefined
  /** Index in `EditionBook.parts` of the chapter's part (optional: none). */
  part?: number | undefined
}

/** A whole edition, ready for the renderers. */
export interface EditionBook {
  /** The edition. */
  edition: EditionInfo
  /** Metadata in the edition's script. */
  meta: BookMeta
  /** Chapters in reading order. */
  chapters: EditionChapter[]
  /** Titles of the book's parts in the edition's script (optional: none). */
  parts?: string[] | undefined
  /**
   * A dictionary of the words of this edition (the bilingual edition's
   * pop-up dictionary), from CC-CEDICT (optional).
   */
  dictionary?: EditionDictionary | undefined
  /** Typography from `book.yaml` (optional: horizontal, system fonts). */
  typography?: EditionTypography | undefined
  /**
   * Files the chapters refer to (images), each once, in the order first
   * referred to (optional: none). Every renderer packages them under the
   * same names, relative to its chapter documents.
   */
  resources?: BookResource[] | undefined
}

/** A file of the manuscript a chapter refers to (an image), packaged with the book. */
export interface BookResource {
  /** Absolute path of the file. */
  source: string
  /** Path relative to the manuscript folder, for messages and reports. */
  path: string
  /**
   * Name in the book, relative to the chapter documents, safe in a zip and
   * in a URL (`images/figures/cli-login-w-1a2b3c4d.jpg`).
   */
  name: string
  /** Media type, from the file's contents, e.g. `image/png`. */
  mediaType: string
  /** Size of the file in bytes. */
  size: number
}

/** Dictionary entries of the words an edition uses, with their source. */
export interface EditionDictionary {
  /** Entries by word (in the edition's script), each with its readings. */
  words: Record<string, DictionaryReading[]>
  /** Attribution the licence asks for (CC-CEDICT: CC BY-SA 4.0). */
  attribution: {name: string; url: string; license: string; licenseUrl: string}
}

/** One reading of a word: pinyin and English definitions. */
export interface DictionaryReading {
  /** Pinyin with tone marks, e.g. `dà mó xíng`. */
  pinyin: string
  /** English definitions, `; `-separated as CC-CEDICT writes them. */
  en: string
}

/** A file a renderer produces, relative to the output folder. */
export interface OutputFile {
  /** POSIX path relative to the output folder, e.g. `web/hans/logic.html`. */
  path: string
  /** Contents; strings are written as UTF-8. */
  data: Uint8Array | string
}

/** Settings every renderer receives. */
export interface RenderContext {
  /**
   * Time of the build, used wherever a format wants a modification date;
   * comes from `SOURCE_DATE_EPOCH` or the book's date, never the clock, so
   * builds are reproducible.
   */
  modified: Date
  /** Every edition of this build, so outputs can link to each other. */
  editions: readonly EditionInfo[]
  /**
   * The build session: what a renderer keeps of this build for the next one
   * lives in its stores (`chapterMemo`, `keyed`), and goes with it.
   */
  session: BuildSession
  /**
   * Subsets fonts for embedding, with the build's cache, and records what
   * each edition embedded (optional: a renderer subsets without a cache).
   */
  fonts?: FontSubsetter | undefined
  /**
   * Folder where renderers may keep what is costly to make (the EPUB's
   * raster covers) (optional, default: nothing kept).
   */
  cacheDir?: string | undefined
  /**
   * The book's settings (`book.yaml`): each renderer reads its own, such as
   * the EPUB's `kepub` (optional, default: none set).
   */
  settings?: BookSettings | undefined
  /** Manuscript folder, for messages about the book as a whole (optional). */
  root?: string | undefined
  /**
   * Environment, for what a renderer reads of the machine, such as
   * `ZHBOOK_COVER_FONTS` (optional, default: `process.env`).
   */
  env?: Readonly<Record<string, string | undefined>> | undefined
}

/** What a renderer makes of a whole build, after its editions. */
export interface RenderedBuild {
  /** Files shared by the editions (the web's site index). */
  files: OutputFile[]
  /** Messages about the build in this format (optional). */
  messages?: VFile[] | undefined
}

/** A request to subset a face to the characters of an edition. */
export interface FontSubsetRequest {
  /** Edition the subset is for (for the record). */
  edition: EditionId
  /** The face. */
  face: FontFace
  /** Every character the edition's documents use. */
  characters: string
}

/** A subset of a face. */
export interface FontSubset {
  /** The subset font (OpenType or TrueType, as the face). */
  data: Uint8Array
  /** Glyphs in the subset (characters plus their layout alternates). */
  glyphs: number
  /** Characters the face has no glyph for. */
  missing: string
}

/** Makes font subsets and keeps a record of them. */
export interface FontSubsetter {
  /**
   * Subset a face.
   *
   * @param request
   *   Face and characters.
   * @returns
   *   The subset.
   */
  subset(request: FontSubsetRequest): Promise<FontSubset>
}

/**
 * A renderer: writes the editions out in one format. It owns its format: its
 * files, its settings (`context.settings`), its messages.
 */
export interface Renderer {
  /** Name, for messages (`epub`, `web`). */
  name: string
  /**
   * Whether rendering takes long (optional, default: `false`): a watch
   * session writes the other formats first, and this one after them, in the
   * background.
   */
  deferred?: boolean | undefined
  /**
   * Render an edition.
   *
   * @param book
   *   The edition to render.
   * @param context
   *   Build-wide settings.
   * @returns
   *   The files to write.
   */
  render(book: EditionBook, context: RenderContext): Promise<OutputFile[]>
  /**
   * Load what the renderer needs (optional): a build awaits it before
   * `prepare`, so a format whose modules load on first use
   * (`formats/formats.ts`) starts its early work before the stages take the
   * thread.
   *
   * @returns
   *   Nothing, once loaded.
   */
  load?(): Promise<undefined>
  /**
   * Start work that needs only the book as read, before the renderer's own
   * modules are loaded (optional; `formats/formats.ts` loads this hook with
   * the build). Why: a thread started now (the EPUB's cover thread) is up by
   * the time the editions' metadata is known.
   *
   * @param book
   *   The book as read.
   * @param context
   *   Build-wide settings.
   * @returns
   *   Nothing; never throws.
   */
  warm?(book: Book, context: RenderContext): undefined
  /**
   * Start work that needs only the edition's metadata, before the chapters
   * are processed (optional). Why: what a renderer can hand to another
   * thread (the EPUB's raster cover) then runs while the stages do; what it
   * starts, it remembers for `render`.
   *
   * @param book
   *   The edition, without its chapters.
   * @param context
   *   Build-wide settings.
   * @returns
   *   Nothing; never throws (a failure shows in `render`).
   */
  prepare?(book: EditionBook, context: RenderContext): undefined
  /**
   * Make what the format has for the whole build, once every edition is
   * rendered (optional): files the editions share, messages.
   *
   * @param books
   *   Every edition of the build, in order.
   * @param context
   *   Build-wide settings.
   * @returns
   *   Files and messages.
   */
  finish?(books: readonly EditionBook[], context: RenderContext): RenderedBuild | Promise<RenderedBuild>
}
