/** What fontkit's types leave out: a face's table directory, which `extract-face.ts` reads. */
export {}

declare module 'fontkit' {
  /** One entry of an sfnt table directory. */
  interface TableRecord {
    tag: string
    checkSum: number
    offset: number
    length: number
  }

  interface Font {
    /** The face's table directory; offsets count from the start of the file. */
    directory: {tag: string; numTables: number; tables: Record<string, TableRecord>}
  }
}
