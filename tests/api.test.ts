import {describe, expect, it} from 'vitest'
import * as zhbook from '../src/index.js'
import {scriptOf, stringsFor} from '../src/core/locale.js'

describe('api', () => {
  it('should expose the public API', () => {
    expect(Object.keys(zhbook).sort()).toEqual([
      'BuildSession',
      'bookConfigSchema',
      'build',
      'buildFiles',
      'cedictAttribution',
      'chapterId',
      'collectReport',
      'collectUnits',
      'createChapterProcessor',
      'createConverter',
      'createStageContext',
      'defaultRenderers',
      'dictionaryIndex',
      'editionDictionary',
      'editionMeta',
      'editionTerms',
      'editions',
      'epub',
      'formatMessages',
      'formats',
      'glossaryChapter',
      'initBook',
      'loadDictionaryIndex',
      'loadProject',
      'mergeCatalog',
      'modifiedDate',
      'parseCatalog',
      'parseChapter',
      'parseGlossary',
      'parseOverrides',
      'pinyinOf',
      'renderReport',
      'renderSiteIndex',
      'rules',
      'scriptOf',
      'stringifyCatalog',
      'stringsFor',
      'toneMarks',
      'uiStrings',
      'updateTranslations',
      'web',
      'writeOutput'
    ])
  })

  it('should list the editions with their languages', () => {
    expect(Object.values(zhbook.editions).map((e) => `${e.id} ${e.lang} ${e.label}`)).toEqual([
      'hant zh-Hant 繁體中文',
      'hans zh-Hans 简体中文',
      'bilingual zh-Hans 中英对照'
    ])
  })
})

describe('scriptOf', () => {
  it('should read the script subtag, then the region', () => {
    expect(['zh-Hant', 'zh-Hans', 'zh-Hant-CN', 'zh-TW', 'zh-CN', 'zh-SG', 'zh', 'en'].map(scriptOf)).toEqual([
      'hant',
      'hans',
      'hant',
      'hant',
      'hans',
      'hans',
      undefined,
      undefined
    ])
  })

  it('should give English strings where the script is unknown', () => {
    expect(stringsFor('zh-Hant').toc).toBe('目錄')
    expect(stringsFor('zh-Hans').toc).toBe('目录')
    expect(stringsFor('en').toc).toBe('Contents')
  })
})
