/**
 * pinyin-pro, loaded on first use. Evaluating its dictionaries takes some 60 ms at every start,
 * and only an edition with pinyin needs it (the bilingual edition's glossary, `pinyin: all`, the
 * pop-up dictionary's readings); its functions are synchronous, so it is required when first
 * called rather than imported. zhbook's readings (`readings.ts`) are registered as it loads:
 * pinyin-pro keeps one custom dictionary, and zhbook is its only user.
 */
import {createRequire} from 'node:module'
import {customReadings} from './readings.js'

let loaded: typeof import('pinyin-pro') | undefined

/**
 * pinyin-pro, with zhbook's readings registered.
 *
 * @returns
 *   The package's functions.
 */
export function pinyinPro(): typeof import('pinyin-pro') {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')
    loaded.customPinyin({...customReadings})
  }

  return loaded
}
