/**
 * What the scripts of a page share: the globals the data scripts assign
 * (written by `search-index.ts` and `dictionary.ts`) and the settings API
 * `prefs.js` gives `site.js`. Separate scripts, not modules: each page loads
 * only what it needs, from `file://` too, where module scripts are blocked.
 */
import type {PreferenceName, Preferences} from './preferences.js'

/** A block of the search index: `[chapter, id, text, english?]`. */
export type SearchBlock = [chapter: number, id: string, text: string, english?: string]

/** `window.zhbookSearch`: `search.js` makes it, each `search/<chapter>.js` adds a part. */
export interface SearchData {
  /** `[id, title]` of each chapter, in reading order. */
  chapters: Array<[id: string, title: string]>
  /** Each chapter's blocks, in reading order. */
  parts: SearchBlock[][]
  /** The parts joined, made by the search page. */
  blocks?: SearchBlock[]
}

/** `window.zhbookDictionary`: the words of an edition, each with `[pinyin, english]` readings. */
export interface DictionaryData {
  words: Record<string, Array<[pinyin: string, english: string]>>
}

/** `window.zhbookPreferences`: read and change the reader's settings. */
export interface PreferencesApi {
  /** The settings now. */
  get(): Preferences
  /** Change one setting (ignored unless allowed); returns the settings then. */
  set(name: PreferenceName, value: unknown): Preferences
}

declare global {
  interface Window {
    zhbookPreferences?: PreferencesApi
    zhbookSearch?: SearchData
    zhbookDictionary?: DictionaryData
  }

  interface DocumentEventMap {
    'zhbook:preferences': CustomEvent<Preferences>
  }
}
