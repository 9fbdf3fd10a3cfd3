/**
 * The per-chapter pipeline: remark-parse → mdast stages → remark-rehype →
 * hast stages. A chapter is processed on its own, so chapters can be cached
 * and processed independently, and editions built side by side.
 */
import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import type {EditionDefinition, StageContext} from '../core/editions.js'
import {error} from '../core/diagnostics.js'
import {visitNodes} from '../core/walk.js'
import {stringsFor} from '../core/locale.js'
import type {ChapterSource, EditionChapter} from '../core/model.js'
import rehypeEnglishRuns from '../stages/rehype-english-runs.js'
import rehypeChapterTitle from '../stages/rehype-chapter-title.js'
import rehypeRawIfAny from '../stages/rehype-raw-if-any.js'
import {gitbookAttributes, gitbookTagNames} from '../load/layouts/gitbook-tags.js'
import rehypeDialogue from '../stages/rehype-dialogue.js'
import rehypeChapterLinks from '../stages/rehype-chapter-links.js'
import rehypeCjkLineBreaks from '../stages/rehype-cjk-line-breaks.js'
import rehypeFigures from '../stages/rehype-figures.js'
import rehypeHighlightCode from '../stages/rehype-highlight-code.js'
import rehypeLocalImages from '../stages/rehype-local-images.js'
import rehypeNoteGroups from '../stages/rehype-note-groups.js'
import rehypeMathml from '../stages/rehype-mathml.js'
import rehypeAuthorIds from '../stages/rehype-author-ids.js'
import rehypeOwnIds from '../stages/rehype-own-ids.js'
import rehypeSafeHtml from '../stages/rehype-safe-html.js'
import rehypeTableAlign from '../stages/rehype-table-align.js'
import {
  chapterText,
  createChapterReader,
  failureReason,
  maxMarkers,
  maxNesting,
  type ParsedChapter
} from './read-chapter.js'

export {createChapterReader, maxMarkers, maxNesting, tooDeep, tooManyMarkers} from './read-chapter.js'
export type {ChapterReader, ChapterText, ParsedChapter} from './read-chapter.js'

/** Classes of the English in the bilingual edition. */
const translationClasses = ['translation', 'awaiting']

/**
 * Allow-list of what may reach a reader from the manuscript's HTML: GitHub's
 * schema (no scripts, no event handlers, no `javascript:` URLs, no styles)
 * plus `lang`, which Chinese and bilingual text needs.
 *
 * A `<style>` goes with its content, like a `<script>`: its text is CSS
 * (`@import url(…)`), never something to show a reader. A few harmless
 * phrasing elements (`abbr`, `cite`, `dfn`, `mark`, `small`) are added.
 *
 * Ids are not prefixed again (`clobber: []`): remark-rehype already prefixes
 * the ids it makes for footnotes, and a second prefix on the ids but not on
 * the links to them would break every footnote link.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  strip: [...(defaultSchema.strip ?? []), 'style'],
  // Harmless phrasing a scraped article often has, which GitHub's list lacks.
  tagNames: [...(defaultSchema.tagNames ?? []), 'abbr', 'cite', 'dfn', 'mark', 'small', ...gitbookTagNames],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'lang'],
    // The classes the translation stage gives the English (it runs on mdast,
    // before sanitising); only these values pass.
    p: [...(defaultSchema.attributes?.['p'] ?? []), ['className', ...translationClasses]],
    // Classes on spans, divs, code and images are harmless (no style sheet
    // of the book's but the highlighter's reads an author's) and technical
    // books have them: mdBook's `<span class="filename">`, a language on
    // `code`, `<img class="center">`.
    span: [...(defaultSchema.attributes?.['span'] ?? []), 'className'],
    img: [...(defaultSchema.attributes?.['img'] ?? []), 'className'],
    div: [...(defaultSchema.attributes?.['div'] ?? []), 'className'],
    code: [...(defaultSchema.attributes?.['code'] ?? []).filter((entry) => !isClassName(entry)), 'className'],
    // What GitBook's block tags become (`load/layouts/gitbook-tags.ts`).
    ...gitbookAttributes(defaultSchema.attributes ?? {}, translationClasses)
  }
}

/** Whether an entry of an attribute list of the schema is about `className`. */
function isClassName(entry: string | readonly unknown[]): boolean {
  return (Array.isArray(entry) ? entry[0] : entry) === 'className'
}

/** A chapter processor for one edition. */
export type ChapterProcessor = (
  chapter: ChapterSource,
  parsed?: ParsedChapter | undefined
) => Promise<{
  /** The chapter, format-neutral. */
  chapter: EditionChapter
  /** The file the stages ran on, with their messages and data. */
  file: VFile
}>

/**
 * Make the processor that runs an edition's stages on a chapter.
 *
 * The unified processor is made once per edition (dictionaries and options
 * are loaded once) and run once per chapter, on the tree of the chapter
 * reader (given, or read here). The tree given is changed: pass a copy when
 * another edition will read it too.
 *
 * @param edition
 *   The edition.
 * @param context
 *   Shared resources (converter, book).
 * @returns
 *   Chapter processor.
 */
export function createChapterProcessor(edition: EditionDefinition, context: StageContext): ChapterProcessor {
  const strings = stringsFor(edition.lang)
  const read = createChapterReader()
  const processor = unified()
    .use(edition.remark(context))
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: strings.footnotes,
      footnoteBackLabel: strings.footnoteBack
    })
    .use(rehypeOwnIds)
    .use(rehypeRawIfAny)
    // Images first: a local one points at its packaged name, the others are
    // replaced by their alt text with a message of their own (I001, I002),
    // so the sanitiser never sees a remote image URL.
    .use(rehypeLocalImages, {root: context.book.root})
    .use(rehypeSafeHtml, {schema: sanitizeSchema})
    .use(rehypeAuthorIds)
    .use(rehypeTableAlign)
    // After sanitising: `chapter:` links, MathML and the highlighter's
    // classes are the pipeline's own, not the manuscript's.
    .use(rehypeChapterLinks, {root: context.book.root, chapters: context.book.chapters})
    .use(rehypeFigures)
    .use(rehypeCjkLineBreaks)
    .use(rehypeMathml)
    .use(rehypeHighlightCode)
    .use(rehypeDialogue)
    .use(edition.rehype(context))
    .use(rehypeChapterTitle)
    .use(rehypeEnglishRuns)
    .use(rehypeNoteGroups)
    .freeze() as unknown as Processor<MdastRoot, MdastRoot, HastRoot>

  return async (source, parsed = read(chapterText(source))) => {
    // A fresh file per edition: messages and data are the edition's own.
    const file = new VFile({path: source.file.path, value: source.file.value, data: {chapterId: source.id}})
    const empty = {
      chapter: {
        id: source.id,
        title: source.id,
        tree: {type: 'root', children: []} as HastRoot,
        sourcePath: source.path
      },
      file
    }
    if ('deep' in parsed) {
      error(
        file,
        `Unexpected nesting deeper than ${maxNesting} levels, expected a flatter structure`,
        parsed.deep,
        'M007'
      )
      return empty
    }

    if ('markers' in parsed) {
      error(
        file,
        `Unexpected more than ${maxMarkers} emphasis, strikethrough or bracket markers in one paragraph, expected fewer (the parser's work grows with the square of their number): split the paragraph, or escape the markers (\\*)`,
        parsed.markers,
        'B002'
      )
      return empty
    }

    if ('timeout' in parsed) {
      error(
        file,
        `Unexpected chapter still being read after ${parsed.timeout} s, expected it read within \`limits.chapterSeconds\` of book.yaml: split the chapter, or raise the limit`,
        undefined,
        'B001'
      )
      return empty
    }

    let tree: HastRoot
    try {
      if ('tree' in parsed) {
        for (const message of parsed.messages) file.messages.push(message)
        tree = await processor.run(parsed.tree, file)
      } else {
        failed(parsed.failure)
      }
    } catch (cause) {
      // A chapter the parser or a stage cannot handle is that file's error,
      // reported like any other, never a crash of the whole build.
      const reason = cause instanceof Failure ? cause.message : failureReason(cause)
      error(
        file,
        `Unexpected failure processing this chapter (${reason}), expected ordinary Markdown`,
        undefined,
        'M008'
      )
      return empty
    }

    // Renderers never read positions, and without them a chapter's tree is
    // about a third of its size: cheaper to copy, to cache and to hold.
    visitNodes(tree, (node) => {
      delete node.position
      return undefined
    })
    return {
      chapter: {
        id: source.id,
        title: file.data.title ?? source.id,
        tree,
        sourcePath: source.path
      },
      file
    }
  }
}

/** A failure of the chapter reader, carried to the edition's file. */
class Failure extends Error {}

/** Throw the reader's failure. */
function failed(reason: string): never {
  throw new Failure(reason)
}
