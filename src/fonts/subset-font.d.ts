/** Types of subset-font, which ships none (the options zhbook uses). */

declare module 'subset-font' {
  /** Options of `subsetFont` that zhbook uses, as its README lists them. */
  interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'
    preserveNameIds?: number[]
    keepFeatures?: string[]
  }

  /**
   * Subset an OpenType or TrueType font (not a collection) with harfbuzz.
   *
   * @param font
   *   The font.
   * @param text
   *   Characters to keep.
   * @param options
   *   Options (optional).
   * @returns
   *   The subset.
   */
  function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>

  export default subsetFont
}
