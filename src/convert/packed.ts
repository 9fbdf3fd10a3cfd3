/**
 * Tables compiled when the command is bundled (`scripts/bundle.ts`): the OpenCC chain of each
 * vocabulary field (`chain.ts`) and the script check's converters (`check/script.ts`) are the same
 * at every run (OpenCC's dictionaries and zhbook's vocabulary, nothing of the book), and compiling
 * them took a sixth of a second of every cold build. The bundle carries them in one file beside
 * its modules (`dist/bin/tables.bin`), read when a build first needs one; zhbook run from its
 * modules (`src/`, `dist/`: the tests, the library) compiles them as before.
 *
 * The file: a 32-bit length, a JSON header (per name, where each table's arrays and its entries,
 * as JSON, are), then the arrays and entries, each on a 4-byte boundary, the arrays in the byte
 * order of the machine that bundled it (the one that runs it: the bundle is made in the clone).
 * A group's tables are made when it is first asked for: a build of one field reads only its own.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../core/package-root.js'
import {type PackedTable, Table} from './table.js'

/**
 * Name of the file of packed tables in `dist/bin/`, defined by the bundler; undeclared when zhbook
 * runs from its modules.
 */
declare const ZHBOOK_PACKED_TABLES: string | undefined

/** Groups of tables, by name. */
export type TableGroups = Readonly<Record<string, ReadonlyArray<Table<unknown>>>>

/** Where an array is in the file: offset after the header, and length in elements (bytes for JSON). */
type Place = [offset: number, length: number]

/** A table in the header. */
interface HeaderTable {
  first: Place
  childStart: Place
  childUnit: Place
  childNode: Place
  entryNodes: Place
  /** Its entries, as JSON. */
  entries: Place
  empty: boolean
}

/** The bundle's file of tables, once read (its groups are made by `packedTables`, whose callers keep them). */
let unpacked: PackedFile | undefined

/**
 * The tables the bundle carries under a name, made from the file (the caller keeps them).
 *
 * @param name
 *   Name (`chain-general`, `check-toSimplified`).
 * @returns
 *   The tables, or `undefined` when zhbook runs from its modules (or the name is unknown).
 */
export function packedTables(name: string): Array<Table<unknown>> | undefined {
  if (typeof ZHBOOK_PACKED_TABLES !== 'string') return undefined
  unpacked ??= readPacked(readFileSync(path.join(packageRoot(), 'dist', 'bin', ZHBOOK_PACKED_TABLES)))
  return unpacked.group(name)
}

/**
 * Pack groups of tables into one file.
 *
 * @param groups
 *   Tables by name.
 * @returns
 *   The file's bytes.
 */
export function packTables(groups: TableGroups): Uint8Array {
  const arrays: Uint8Array[] = []
  let offset = 0
  const place = (array: Int32Array | Uint16Array | Uint8Array): Place => {
    const start = offset
    arrays.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
    offset += array.byteLength
    const padding = (4 - (offset % 4)) % 4
    arrays.push(new Uint8Array(padding))
    offset += padding
    return [start, array.length]
  }

  const header: Record<string, HeaderTable[]> = {}
  for (const [name, tables] of Object.entries(groups)) {
    header[name] = tables.map((table) => {
      const packed = table.pack()
      return {
        first: place(packed.first),
        childStart: place(packed.childStart),
        childUnit: place(packed.childUnit),
        childNode: place(packed.childNode),
        entryNodes: place(packed.entryNodes),
        entries: place(new TextEncoder().encode(JSON.stringify(packed.entries))),
        empty: packed.empty
      }
    })
  }

  const json = new TextEncoder().encode(JSON.stringify(header))
  const length = new Uint8Array(4)
  new DataView(length.buffer).setUint32(0, json.byteLength, true)
  return concat([length, json, new Uint8Array(headerPadding(json.byteLength)), ...arrays])
}

/** A file of packed tables, read. */
interface PackedFile {
  /** Names of its groups. */
  names: string[]
  /** Make the tables of a group (`undefined`: no such group). */
  group(name: string): Array<Table<unknown>> | undefined
}

/**
 * Read a file of packed tables.
 *
 * @param data
 *   The file's bytes (`packTables`).
 * @returns
 *   The file; the arrays of the tables it makes are views of `data` (or of a copy, when it is not
 *   4-byte aligned).
 */
export function readPacked(data: Uint8Array): PackedFile {
  const bytes = data.byteOffset % 4 === 0 ? data : new Uint8Array(data)
  const length = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)
  const decoder = new TextDecoder()
  const header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + length))) as Record<string, HeaderTable[]>
  const base = bytes.byteOffset + 4 + length + headerPadding(length)
  const int32 = ([offset, size]: Place) => new Int32Array(bytes.buffer, base + offset, size)
  const uint16 = ([offset, size]: Place) => new Uint16Array(bytes.buffer, base + offset, size)
  const json = ([offset, size]: Place) =>
    JSON.parse(decoder.decode(new Uint8Array(bytes.buffer, base + offset, size))) as unknown[]
  return {
    names: Object.keys(header),
    group(name) {
      if (!Object.hasOwn(header, name)) return undefined
      return header[name]!.map((table) => {
        const packed: PackedTable<unknown> = {
          first: int32(table.first),
          childStart: int32(table.childStart),
          childUnit: uint16(table.childUnit),
          childNode: int32(table.childNode),
          entryNodes: int32(table.entryNodes),
          entries: json(table.entries),
          empty: table.empty
        }
        return new Table(packed)
      })
    }
  }
}

/** Zero bytes after the header, so the arrays start on a 4-byte boundary. */
function headerPadding(length: number): number {
  return (4 - ((4 + length) % 4)) % 4
}

/** One array of several. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    result.set(part, offset)
    offset += part.byteLength
  }

  return result
}
