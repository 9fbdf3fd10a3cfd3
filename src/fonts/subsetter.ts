/**
 * The build's font subsetter: keeps each subset in the cache folder by a hash of what made it, and
 * records what every edition embedded, for the build's summary.
 */
import {createHash, randomUUID} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {codeFingerprint} from '../build/fingerprint.js'
import type {EditionId, FontSubset, FontSubsetRequest, FontSubsetter} from '../core/model.js'
import {subsetFace} from './subset.js'

/** Format of the entries; bump it when what is stored changes. */
const formatVersion = 1

/** What an edition embedded. */
export interface EmbeddedFontRecord {
  edition: EditionId
  /** Family of the face, e.g. `Noto Serif CJK TC`. */
  family: string
  /** Distinct characters asked for. */
  characters: number
  glyphs: number
  bytes: number
  /** Characters the face has no glyph for. */
  missing: string
  cached: boolean
}

/** A subsetter with its record. */
export interface RecordingSubsetter extends FontSubsetter {
  /** What was embedded, in the order of the requests. */
  readonly records: EmbeddedFontRecord[]
}

interface StoredSubset {
  format: number
  key: string
  checksum: string
  glyphs: number
  missing: string
  data: string
}

/** Options of `createFontSubsetter`. */
export interface FontSubsetterOptions {
  /** Folder to keep subsets in (optional: no cache). */
  dir?: string | undefined
}

/**
 * Make a subsetter.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Subsetter; font files are read once per subsetter.
 */
export function createFontSubsetter(options: FontSubsetterOptions = {}): RecordingSubsetter {
  const files = new Map<string, Promise<{data: Uint8Array; hash: string}>>()
  const records: EmbeddedFontRecord[] = []

  return {
    records,
    async subset(request: FontSubsetRequest): Promise<FontSubset> {
      const {face, edition} = request
      let file = files.get(face.path)
      if (!file) {
        file = fs.readFile(face.path).then((data) => ({data, hash: sha256(data)}))
        files.set(face.path, file)
      }

      const {data, hash} = await file
      const characters = [...new Set(request.characters)].sort().join('')
      const key = createHash('sha256')
        .update([String(formatVersion), codeFingerprint(), hash, String(face.index), characters].join('\0'))
        .digest('hex')
      let subset = options.dir ? await read(options.dir, key) : undefined
      const cached = subset !== undefined
      if (!subset) {
        subset = await subsetFace(data, face, characters)
        if (options.dir) await write(options.dir, key, subset)
      }

      records.push({
        edition,
        family: face.family,
        characters: [...characters].length,
        glyphs: subset.glyphs,
        bytes: subset.data.byteLength,
        missing: subset.missing,
        cached
      })
      return subset
    }
  }
}

/** Read and check a stored subset; `undefined` when missing, stale or corrupt. */
async function read(dir: string, key: string): Promise<FontSubset | undefined> {
  try {
    const stored = JSON.parse(await fs.readFile(fileOf(dir, key), 'utf8')) as StoredSubset
    const data = new Uint8Array(Buffer.from(stored.data, 'base64'))
    if (stored.format !== formatVersion || stored.key !== key || sha256(data) !== stored.checksum) return undefined
    return {data, glyphs: stored.glyphs, missing: stored.missing}
  } catch {
    return undefined
  }
}

/** Store a subset; written next to it and renamed, so a reader never sees half. */
async function write(dir: string, key: string, subset: FontSubset): Promise<void> {
  const stored: StoredSubset = {
    format: formatVersion,
    key,
    checksum: sha256(subset.data),
    glyphs: subset.glyphs,
    missing: subset.missing,
    data: Buffer.from(subset.data).toString('base64')
  }
  const file = fileOf(dir, key)
  await fs.mkdir(path.dirname(file), {recursive: true})
  // A name of its own: two writes never share a temporary file.
  const temporary = `${file}.${process.pid}-${randomUUID()}.tmp`
  await fs.writeFile(temporary, JSON.stringify(stored))
  await fs.rename(temporary, file)
}

function fileOf(dir: string, key: string): string {
  return path.join(dir, `${key}.json`)
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
