/**
 * The sample book `zhbook init` writes into an empty folder: two short
 * chapters, a `book.yaml` whose comments name the other keys, an override
 * dictionary with a commented example and a glossary. It builds with no
 * message and passes epubcheck; its words show what the Simplified edition
 * changes (軟體 → 软件, 網路 → 网络).
 */

/**
 * The files of the sample book, by name.
 *
 * @param date
 *   The book's date, `YYYY-MM-DD`.
 * @returns
 *   File names and their text.
 */
export function sampleBook(date: string): Record<string, string> {
  return {
    'book.yaml': `# The book: every key is in the README (“Configuration”).
title: 我的第一本書
author: 作者
language: zh-Hant
date: ${date}
# The output files are named after the slug: my-book-hant.epub …
slug: my-book
# The chapters, in reading order.
chapters:
  - 01-start.md
  - 02-next.md
# Build only some editions or formats (default: all of them):
# editions: [hant, hans]
# formats: [epub]
# Turn a rule's warnings off or into notes, by rule id:
# rules:
#   H001: off
#   T001: info
`,
    '01-start.md': `# 第一章　開始

這是一本用 zhbook 做的書。稿件是繁體中文的 Markdown，每章一個檔案；zhbook 從同一份稿件做出繁體版和簡體版，每一版都有 EPUB 和網頁版。

把這一章換成你自己的文字，再執行 \`zhbook build\`。

## 一個小節

清單、**粗體**和[連結](https://example.com/)都照常寫：

- 軟體和網路這些詞，在簡體版裡會換成大陸的說法。
- 「直角引號」在簡體版裡會換成彎引號。
`,
    '02-next.md': `# 第二章　接著

第二章接在第一章之後：順序寫在 book.yaml 的 \`chapters\` 裡。

如果某個詞的簡體寫法不對，就把它寫進 overrides.yaml；如果要做中英對照版，詞彙表寫在 glossary.yaml 裡。[^1]

[^1]: 註腳的寫法和 GitHub 一樣。
`,
    'overrides.yaml': `# The override dictionary: Traditional text as in the manuscript, and what it
# must become in the Simplified edition. Entries are matched before OpenCC
# runs, so they win over its phrase conversions. Say why for every entry.
#
# For example: stock OpenCC turns 核心 into 内核 (the kernel of an operating
# system); a book that means "core" keeps it:
# 核心: 核心
`,
    'glossary.yaml': `# The glossary of the bilingual edition (made when the book has an English
# translation, see \`zhbook translate\`): each term's first occurrence in a
# chapter carries pinyin and an English note.
- term: 稿件
  en: manuscript
  note: The text of the book as the author writes it.
`
  }
}
