/** Check the `font` of `book.yaml`: where the file is, that it is a font, which face each edition embeds. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {error} from '../core/diagnostics.js'
import {FaceError, openFace} from '../fonts/open-face.js'
import type {BookFont, EditionId, FontFace} from '../core/model.js'
import type {BookConfig} from './schema.js'
import {parseYaml} from './yaml.js'
import {isInside, kindOf} from './read-text.js'

/**
 * Resolve the configured font; problems are reported on `file`.
 *
 * @param config
 *   The `font` of `book.yaml`.
 * @param root
 *   Manuscript folder (absolute).
 * @param editions
 *   Editions of the build.
 * @param file
 *   `book.yaml`, for messages.
 * @returns
 *   The faces per edition, or `undefined` after an error.
 */
export async function loadFont(
  config: NonNullable<BookConfig['font']>,
  root: string,
  editions: readonly EditionId[],
  file: VFile
): Promise<BookFont | undefined> {
  const yaml = parseYaml(new VFile({path: file.path, value: file.value}), 'C001')
  // `font` itself: its key; a field: its value.
  const placeOf = (keys: readonly PropertyKey[]) => yaml?.placeOf(['font', ...keys], keys.length === 0)
  const line = placeOf([])?.line ?? 1
  const location = await locate(config, root)

  if (location.problem) {
    const key = config.file === undefined ? 'system' : 'file'
    error(file, location.problem.reason, placeOf([key]), location.problem.ruleId)
    return undefined
  }

  let data: Uint8Array
  try {
    // Before it is opened: a FIFO would block the read, a device never end.
    const stat = await fs.stat(location.path)
    if (!stat.isFile()) {
      const key = config.file === undefined ? 'system' : 'file'
      error(
        file,
        `Unexpected ${kindOf(stat)} \`${config.file ?? config.system}\` as the font, expected a regular file (it is not read)`,
        placeOf([key]),
        'M013'
      )
      return undefined
    }

    data = await fs.readFile(location.path)
  } catch {
    const key = config.file === undefined ? 'system' : 'file'
    error(
      file,
      `Unexpected missing font \`${config.file ?? config.system}\`, expected a font file at \`${location.path}\``,
      placeOf([key]),
      'F001'
    )
    return undefined
  }

  const faces: Partial<Record<EditionId, FontFace>> = {}
  let ok = true

  for (const edition of editions) {
    const perEdition = typeof config.face === 'object'
    const face = typeof config.face === 'object' ? config.face[edition] : config.face
    // A map of faces lists the editions that embed one.
    if (perEdition && face === undefined) continue

    try {
      const opened = openFace(data, face)
      faces[edition] = {
        path: location.path,
        index: opened.index,
        postscriptName: opened.postscriptName,
        family: opened.family,
        format: opened.format
      }
    } catch (cause) {
      if (!(cause instanceof FaceError)) throw cause
      error(
        file,
        cause.message,
        placeOf(perEdition ? ['face', edition] : config.face === undefined ? [] : ['face']),
        'F002'
      )
      ok = false
      // One message for one face shared by every edition.
      if (!perEdition) break
    }
  }

  return ok ? {faces, line} : undefined
}

/**
 * Where the font file is, or why it may not be read: a `file` stays inside the
 * manuscript folder, through symbolic links too; a `system` font's path must be
 * absolute, so it never depends on where the build runs.
 */
async function locate(
  config: NonNullable<BookConfig['font']>,
  root: string
): Promise<
  {path: string; problem?: undefined} | {path?: undefined; problem: {reason: string; ruleId: 'C002' | 'C005'}}
> {
  if (config.system !== undefined) {
    return path.isAbsolute(config.system)
      ? {path: path.normalize(config.system)}
      : {
          problem: {
            reason: 'Unexpected relative path for `font.system`, expected the absolute path of an installed font',
            ruleId: 'C002'
          }
        }
  }

  const outside = {
    problem: {
      reason: 'Unexpected path outside the manuscript folder for `font`, expected a file inside it',
      ruleId: 'C005' as const
    }
  }
  const file = config.file!
  const full = path.resolve(root, file)
  if (path.isAbsolute(file) || !isInside(root, full)) return outside

  let real: string
  try {
    real = await fs.realpath(full)
  } catch {
    // Missing: reported when read.
    return {path: full}
  }

  return isInside(await fs.realpath(root), real) ? {path: full} : outside
}
