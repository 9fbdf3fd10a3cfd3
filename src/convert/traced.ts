/**
 * Text being converted: UTF-16 code units, each with the input offset it comes from. Steps append to
 * reused buffers (`clear`) rather than make strings per piece: a book is hundreds of thousands of
 * pieces, and their garbage cost more than the look-ups.
 */
export class TracedText {
  units: Uint16Array
  /** Input offset of each unit; `origin[length]`, set by `close`, is that of what follows. */
  origin: Int32Array
  length = 0

  /**
   * Make an empty text.
   *
   * @param capacity
   *   Expected number of units (it grows as needed).
   */
  constructor(capacity: number) {
    this.units = new Uint16Array(capacity + 1)
    this.origin = new Int32Array(capacity + 1)
  }

  /** Number of units the text holds without growing. */
  get capacity(): number {
    return this.units.length - 1
  }

  /**
   * Empty the text (its memory is kept, for the next use).
   *
   * @returns
   *   This text.
   */
  clear(): this {
    this.length = 0
    return this
  }

  /**
   * Set the text to a string, each unit coming from its own index.
   *
   * @param value
   *   Input.
   * @returns
   *   This text, closed.
   */
  load(value: string): this {
    this.clear().reserve(value.length)
    for (let index = 0; index < value.length; index++) {
      this.units[index] = value.charCodeAt(index)
      this.origin[index] = index
    }

    this.length = value.length
    return this.close(value.length)
  }

  /**
   * Append units `[start, end)` of another text, keeping their origins.
   *
   * @param source
   *   Text.
   * @param start
   *   First unit.
   * @param end
   *   End.
   */
  copy(source: TracedText, start: number, end: number): void {
    this.reserve(end - start)
    let length = this.length
    for (let index = start; index < end; index++) {
      this.units[length] = source.units[index]!
      this.origin[length] = source.origin[index]!
      length++
    }

    this.length = length
  }

  /**
   * Append the replacement of an input span, spread over it in proportion: when `作業|系統` (split by
   * markup) becomes `操作系统`, `操作` falls on the first part; a surrogate pair stays on one side.
   *
   * @param value
   *   Replacement.
   * @param start
   *   Input offset of the span.
   * @param end
   *   Input offset of its end.
   */
  replace(value: string, start: number, end: number): void {
    this.reserve(value.length)
    let length = this.length
    for (let index = 0; index < value.length; index++) {
      const unit = value.charCodeAt(index)
      this.units[length] = unit
      this.origin[length] =
        (unit & 0xfc00) === 0xdc00 && index > 0
          ? this.origin[length - 1]!
          : start + Math.floor((index * (end - start)) / value.length)
      length++
    }

    this.length = length
  }

  /**
   * Set the offset of what follows the text.
   *
   * @param end
   *   Input offset.
   * @returns
   *   This text.
   */
  close(end: number): this {
    this.origin[this.length] = end
    return this
  }

  /**
   * The text as a string.
   *
   * @returns
   *   Value.
   */
  toString(): string {
    // `fromCharCode` keeps lone surrogates (a UTF-16 decoder would not); in chunks, as arguments are limited.
    const chunks: string[] = []
    for (let start = 0; start < this.length; start += chunkSize) {
      const end = Math.min(this.length, start + chunkSize)
      const units = this.units.subarray(start, end) as unknown as number[]
      chunks.push(String.fromCharCode.apply(null, units))
    }

    return chunks.join('')
  }

  private reserve(extra: number): void {
    const needed = this.length + extra + 1
    if (needed <= this.units.length) return
    const capacity = Math.max(needed, this.units.length * 2)
    const units = new Uint16Array(capacity)
    units.set(this.units.subarray(0, this.length))
    const origin = new Int32Array(capacity)
    origin.set(this.origin.subarray(0, this.length))
    this.units = units
    this.origin = origin
  }
}

const chunkSize = 0x2000
