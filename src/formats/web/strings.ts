/**
 * The words of the web edition's reading tools, in the page's script. Strings a script shows at run
 * time travel in the page's markup (`data-*`), so one script serves every edition.
 */
import {scriptOf, type Script} from '../../core/locale.js'

/** The web edition's interface strings, in one script. */
export interface WebStrings {
  /** Button that opens the contents drawer (short). */
  contents: string
  closeContents: string
  search: string
  searchLabel: string
  searchNeedsScript: string
  searchPrompt: string
  /** Count of results; `{n}` is the number. */
  searchFound: string
  /** No result; `{q}` is the query. */
  searchNone: string
  settings: string
  size: string
  /** Names of the text sizes, smallest first (the second is the default). */
  sizes: readonly [string, string, string, string]
  theme: string
  /** Follow the system's colour scheme. */
  themeAuto: string
  themeLight: string
  themeDark: string
  show: string
  english: string
  pinyin: string
  close: string
  /** Link to an edition's first chapter on the site index. */
  start: string
  /** Credit of the pop-up dictionary, before its name. */
  dictionary: string
  brackets: readonly [string, string]
}

/** Interface strings by script, and English for any other language. */
export const webStrings: Readonly<Record<Script | 'en', WebStrings>> = {
  hant: {
    contents: '目錄',
    closeContents: '關閉目錄',
    search: '搜尋',
    searchLabel: '搜尋全書',
    searchNeedsScript: '搜尋需要 JavaScript。請開啟 JavaScript，或從目錄閱讀全書。',
    searchPrompt: '輸入要找的字詞，例如「模型」。',
    searchFound: '找到 {n} 處',
    searchNone: '沒有找到「{q}」。',
    settings: '閱讀設定',
    size: '字級',
    sizes: ['小', '中', '大', '特大'],
    theme: '外觀',
    themeAuto: '跟隨系統',
    themeLight: '淺色',
    themeDark: '深色',
    show: '顯示',
    english: '英文',
    pinyin: '拼音',
    close: '關閉',
    start: '開始閱讀',
    dictionary: '詞典資料',
    brackets: ['（', '）']
  },
  hans: {
    contents: '目录',
    closeContents: '关闭目录',
    search: '搜索',
    searchLabel: '搜索全书',
    searchNeedsScript: '搜索需要 JavaScript。请开启 JavaScript，或从目录阅读全书。',
    searchPrompt: '输入要找的字词，例如“模型”。',
    searchFound: '找到 {n} 处',
    searchNone: '没有找到“{q}”。',
    settings: '阅读设置',
    size: '字号',
    sizes: ['小', '中', '大', '特大'],
    theme: '外观',
    themeAuto: '跟随系统',
    themeLight: '浅色',
    themeDark: '深色',
    show: '显示',
    english: '英文',
    pinyin: '拼音',
    close: '关闭',
    start: '开始阅读',
    dictionary: '词典数据',
    brackets: ['（', '）']
  },
  en: {
    contents: 'Contents',
    closeContents: 'Close contents',
    search: 'Search',
    searchLabel: 'Search the book',
    searchNeedsScript: 'Search needs JavaScript. Turn it on, or read the book from its contents.',
    searchPrompt: 'Type a word to find.',
    searchFound: '{n} found',
    searchNone: 'Nothing found for “{q}”.',
    settings: 'Reading settings',
    size: 'Text size',
    sizes: ['Small', 'Medium', 'Large', 'Extra large'],
    theme: 'Colours',
    themeAuto: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    show: 'Show',
    english: 'English',
    pinyin: 'Pinyin',
    close: 'Close',
    start: 'Start reading',
    dictionary: 'Dictionary',
    brackets: [' (', ')']
  }
}

/**
 * Pick the web interface strings for a language.
 *
 * @param lang
 *   BCP 47 tag, e.g. `zh-Hant`.
 * @returns
 *   Strings in that script, or English.
 */
export function webStringsFor(lang: string): WebStrings {
  return webStrings[scriptOf(lang) ?? 'en']
}
