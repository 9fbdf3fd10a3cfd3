/**
 * The reader's settings, and the attributes on `<html>` the stylesheet acts on
 * (none means the default): `data-size` `s`/`l`/`xl` (default `m`),
 * `data-theme` `light`/`dark` (default: the system's), `data-english` and
 * `data-pinyin` `hidden` (default: shown).
 */

/** The settings. */
export interface Preferences {
  size: 's' | 'm' | 'l' | 'xl'
  theme: 'auto' | 'light' | 'dark'
  english: boolean
  pinyin: boolean
}

/** Name of a setting. */
export type PreferenceName = keyof Preferences

/** Key in `localStorage`. */
export const storageKey = 'zhbook-preferences'

/** The settings of a reader who chose nothing. */
export const defaults: Readonly<Preferences> = {size: 'm', theme: 'auto', english: true, pinyin: true}

const allowed: {readonly [Name in PreferenceName]: ReadonlyArray<Preferences[Name]>} = {
  size: ['s', 'm', 'l', 'xl'],
  theme: ['auto', 'light', 'dark'],
  english: [true, false],
  pinyin: [true, false]
}

/**
 * Check a setting and a value.
 *
 * @param name
 *   Name, from anywhere.
 * @param value
 *   Value, from anywhere.
 * @returns
 *   Whether `name` is a setting and `value` one of its values.
 */
export function isAllowed(name: unknown, value: unknown): name is PreferenceName {
  const names: readonly unknown[] = Object.keys(allowed)
  return names.includes(name) && allowed[name as PreferenceName].includes(value as never)
}

/**
 * Read settings back from what was stored: each setting that is not one of
 * its values (another version, a hand edit) falls back to its default.
 *
 * @param stored
 *   Parsed JSON, or anything.
 * @returns
 *   Settings.
 */
export function normalise(stored: unknown): Preferences {
  const result: Record<string, unknown> = {}
  for (const name of Object.keys(defaults) as PreferenceName[]) {
    const value = stored && typeof stored === 'object' ? (stored as Record<string, unknown>)[name] : undefined
    result[name] = isAllowed(name, value) ? value : defaults[name]
  }
  return result as unknown as Preferences
}

/**
 * The attributes on `<html>` for settings (`undefined`: remove it); nothing is
 * hidden unless the script ran, so without scripts every word is shown.
 *
 * @param preferences
 *   Settings.
 * @returns
 *   Attributes, in a fixed order.
 */
export function attributesOf(preferences: Preferences): Array<[string, string | undefined]> {
  return [
    ['data-size', preferences.size === 'm' ? undefined : preferences.size],
    ['data-theme', preferences.theme === 'auto' ? undefined : preferences.theme],
    ['data-english', preferences.english ? undefined : 'hidden'],
    ['data-pinyin', preferences.pinyin ? undefined : 'hidden']
  ]
}

/** Where settings are kept: `read` and `write` never throw. */
export interface PreferenceStore {
  read(): Preferences
  write(preferences: Preferences): undefined
}

/**
 * Keep settings in storage, and in memory when storage fails: it can throw on
 * access too (`file://`, private modes, a full quota), and a failure only means
 * the choice is not remembered past the page.
 *
 * @param storage
 *   Gives the storage (`() => window.localStorage`); may throw.
 * @returns
 *   Store.
 */
export function preferenceStore(storage: () => Pick<Storage, 'getItem' | 'setItem'>): PreferenceStore {
  let memory: unknown = null

  return {
    read() {
      let stored = memory
      try {
        const raw = storage().getItem(storageKey)
        if (raw) stored = JSON.parse(raw)
      } catch {}
      return normalise(stored)
    },
    write(preferences) {
      memory = preferences
      try {
        storage().setItem(storageKey, JSON.stringify(preferences))
      } catch {}
      return undefined
    }
  }
}
