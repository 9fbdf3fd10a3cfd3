/** Types of subset-font, which ships none (the options zhbook uses). */

declare module 'subset-font' {
  /** Options of `subsetFont` (those zhbook uses), as its README lists them. */
  interface SubsetFontOptions {
    /** Output format (default: that of the input). */
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'
    /** Name ids to keep on top of harfbuzz's default (0–6). */
    preserveNameIds?: number[]
    /** OpenType layout features to keep (default: all). */
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
