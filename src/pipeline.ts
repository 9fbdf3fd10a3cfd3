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
import {stringsFor} from './locale.js'
import type {ChapterSource, EditionChapter} from './model.js'
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
    .freeze() as unknown as Processor<MdastRoot, MdastRoot, HastRoot>

  return async function (source) {
    // A fresh file per edition: messages and data are the edition's own.
    const file = new VFile({path: source.file.path, value: source.file.value, data: {chapterId: source.id}})
    const tree = await processor.run(processor.parse(file), file)
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
