/** The words zhbook puts on a page, by script: one table, so no two outputs disagree. */

/** A Chinese script. */
export type Script = 'hant' | 'hans'

/** The interface strings of a page, in one script. */
export interface UiStrings {
  /** Heading and label of the table of contents. */
  toc: string
  /** Label of the link to the previous chapter. */
  previous: string
  /** Label of the link to the next chapter. */
  next: string
  /** Label of the previous/next navigation. */
  chapterNavigation: string
  /** Link to the site index, and label of the list of other editions. */
  otherEditions: string
  /** Heading and label of the list of editions on the site index. */
  editions: string
  /** Skip link to the main content. */
  skip: string
  /** Label of the author. */
  author: string
  /** Label of the programme that hosted the talk. */
  host: string
  /** Label of the source of the text. */
  source: string
  /** Title of the EPUB landmarks navigation. */
  landmarks: string
  /** Label of the cover. */
  cover: string
  /** Label of the start of the main text (landmarks). */
  bodymatter: string
  /** Heading of a chapter's footnotes. */
  footnotes: string
  /** Label of the link from a footnote back to the text. */
  footnoteBack: string
}

/** Interface strings by script; English for any other language (better than the wrong script). */
export const uiStrings: Readonly<Record<Script | 'en', UiStrings>> = {
  hant: {
    toc: '目錄',
    previous: '上一章',
    next: '下一章',
    chapterNavigation: '章節導覽',
    otherEditions: '其他版本',
    editions: '版本',
    skip: '跳到正文',
    author: '作者',
    host: '節目',
    source: '來源',
    landmarks: '導覽',
    cover: '封面',
    bodymatter: '正文',
    footnotes: '註釋',
    footnoteBack: '返回正文'
  },
  hans: {
    toc: '目录',
    previous: '上一章',
    next: '下一章',
    chapterNavigation: '章节导航',
    otherEditions: '其他版本',
    editions: '版本',
    skip: '跳到正文',
    author: '作者',
    host: '节目',
    source: '来源',
    landmarks: '导航',
    cover: '封面',
    bodymatter: '正文',
    footnotes: '注释',
    footnoteBack: '返回正文'
  },
  en: {
    toc: 'Contents',
    previous: 'Previous',
    next: 'Next',
    chapterNavigation: 'Chapters',
    otherEditions: 'Other editions',
    editions: 'Editions',
    skip: 'Skip to content',
    author: 'Author',
    host: 'Program',
    source: 'Source',
    landmarks: 'Landmarks',
    cover: 'Cover',
    bodymatter: 'Start',
    footnotes: 'Notes',
    footnoteBack: 'Back to content'
  }
}

/**
 * The Chinese script a language tag is written in: its script subtag, else its
 * region (`zh-TW`, `zh-HK`, `zh-MO` Traditional; `zh-CN`, `zh-SG`, `zh-MY` Simplified).
 *
 * @param lang
 *   BCP 47 tag, e.g. `zh-Hant`.
 * @returns
 *   Script, or `undefined` for a tag that is not Chinese or names neither.
 */
export function scriptOf(lang: string): Script | undefined {
  const [language, ...rest] = lang.toLowerCase().split('-')
  if (language !== 'zh') return undefined
  if (rest.includes('hant')) return 'hant'
  if (rest.includes('hans')) return 'hans'
  if (rest.some((tag) => ['tw', 'hk', 'mo'].includes(tag))) return 'hant'
  if (rest.some((tag) => ['cn', 'sg', 'my'].includes(tag))) return 'hans'
  return undefined
}

/**
 * Pick the interface strings for a language.
 *
 * @param lang
 *   BCP 47 tag, e.g. `zh-Hant`.
 * @returns
 *   Strings in that script, or English.
 */
export function stringsFor(lang: string): UiStrings {
  return uiStrings[scriptOf(lang) ?? 'en']
}
