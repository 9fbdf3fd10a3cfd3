/** Types of opencc-js's single dictionaries (`opencc-js/dict/<name>`), which it ships none of. */

declare module 'opencc-js/dict/*' {
  /** The dictionary: `from to` pairs separated by `|`. */
  const dictionary: string
  export default dictionary
}
