/**
 * The per-chapter pipeline: remark-parse → mdast stages → remark-rehype →
 * hast stages. A chapter is processed on its own, so chapters can be cached
 * and processed independently, and editions built side by side.
 */
import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import rehypeSanitize, {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import type {EditionDefinition, StageContext} from './editions.js'
import {error} from './diagnostics.js'
import {stringsFor} from './locale.js'
import type {ChapterSource, EditionChapter} from './model.js'
import rehypeEnglishRuns from './stages/rehype-english-runs.js'
import rehypeChapterTitle from './stages/rehype-chapter-title.js'
import rehypeRawIfAny from './stages/rehype-raw-if-any.js'
import remarkBlockIds from './stages/remark-block-ids.js'
import rehypeDialogue from './stages/rehype-dialogue.js'
import rehypeLocalImages from './stages/rehype-local-images.js'
import rehypeTableAlign from './stages/rehype-table-align.js'

/** Classes of the English in the bilingual edition. */
const translationClasses = ['translation', 'awaiting']

/**
 * Allow-list of what may reach a reader from the manuscript's HTML: GitHub's
 * schema (no scripts, no event handlers, no `javascript:` URLs, no styles)
 * plus `lang`, which Chinese and bilingual text needs.
 *
 * Ids are not prefixed again (`clobber: []`): remark-rehype already prefixes
 * the ids it makes for footnotes, and a second prefix on the ids but not on
 * the links to them would break every footnote link.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'lang'],
    // The classes the translation stage gives the English (it runs on mdast,
    // before sanitising); only these values pass.
    p: [...(defaultSchema.attributes?.['p'] ?? []), ['className', ...translationClasses]],
    span: [...(defaultSchema.attributes?.['span'] ?? []), ['className', ...translationClasses]]
  }
}

/** A chapter processor for one edition. */
export type ChapterProcessor = (chapter: ChapterSource) => Promise<{
  /** The chapter, format-neutral. */
  chapter: EditionChapter
  /** The file the stages ran on, with their messages and data. */
  file: VFile
}>

/**
 * Make the processor that runs an edition's stages on a chapter.
 *
 * The unified processor is made once per edition (dictionaries and options
 * are loaded once) and run once per chapter.
 *
 * @param edition
 *   The edition.
 * @param context
 *   Shared resources (converter, book).
 * @returns
 *   Chapter processor.
 */
export function createChapterProcessor(
  edition: EditionDefinition,
  context: StageContext
): ChapterProcessor {
  const strings = stringsFor(edition.lang)
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(remarkBlockIds)
    .use(edition.remark(context))
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: strings.footnotes,
      footnoteBackLabel: strings.footnoteBack
    })
    .use(rehypeRawIfAny)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeLocalImages, {root: context.book.root})
    .use(rehypeTableAlign)
    .use(rehypeDialogue)
    .use(edition.rehype(context))
    .use(rehypeChapterTitle)
    .use(rehypeEnglishRuns)
    .freeze() as unknown as Processor<MdastRoot, MdastRoot, HastRoot>

  return async function (source) {
    // A fresh file per edition: messages and data are the edition's own.
    const file = new VFile({path: source.file.path, value: source.file.value, data: {chapterId: source.id}})
    const empty = {chapter: {id: source.id, title: source.id, tree: {type: 'root', children: []} as HastRoot, sourcePath: source.path}, file}
    const deep = tooDeep(String(file.value))
    if (deep) {
      error(file, `Unexpected nesting deeper than ${maxNesting} levels, expected a flatter structure`, deep, 'M007')
      return empty
    }

    let tree: HastRoot
    try {
      tree = await processor.run(processor.parse(file), file)
    } catch (cause) {
      // A chapter the parser or a stage cannot handle is that file's error,
      // reported like any other, never a crash of the whole build.
      const reason = cause instanceof RangeError ? 'structure too deeply nested to process' : String(cause)
      error(file, `Unexpected failure processing this chapter (${reason}), expected ordinary Markdown`, undefined, 'M008')
      return empty
    }

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

/** Deepest nesting of blockquotes (or indentation, in list levels) accepted. */
export const maxNesting = 100

/**
 * Where a Markdown text nests deeper than `maxNesting` (blockquote markers or
 * indentation): the parser's and the stages' tree walks are recursive, and a
 * hostile file with 10 000 levels would overflow the stack.
 *
 * @param value
 *   Markdown.
 * @returns
 *   Place of the first line that nests too deep, or `undefined`.
 */
export function tooDeep(value: string): {line: number; column: number} | undefined {
  let line = 0
  for (const text of value.split('\n')) {
    line++
    // `> > >` or `>>>`: one level per marker; list levels take two or more columns each.
    const quotes = /^[ \t>]*/.exec(text)![0]
    let markers = 0
    for (const character of quotes) if (character === '>') markers++
    const indent = quotes.replace(/\t/g, '    ').length - markers
    if (markers > maxNesting || indent > maxNesting * 2) return {line, column: 1}
  }

  return undefined
}
