/** `zhbook translate [DIR]`: update the PO catalogs from the manuscript. */
import {formatMessages} from '../core/diagnostics.js'
import {updateTranslations} from '../translate/update.js'

/**
 * Run the translate command.
 *
 * @param dir
 *   Manuscript folder.
 * @returns
 *   Exit code: 0 on success, 1 on errors.
 */
export async function translateCommand(dir: string): Promise<number> {
  const result = await updateTranslations(dir)
  for (const line of formatMessages(result.messages)) console.error(line)
  if (!result.ok) {
    console.error('zhbook: translate failed; no catalog was changed')
    return 1
  }

  for (const {path, stats, written} of result.catalogs) {
    console.log(
      `${path}: ${stats.kept} unchanged, ${stats.added} new, ${stats.fuzzy} fuzzy, ${stats.obsolete} obsolete` +
        (written ? '' : ' (no change)')
    )
  }

  return 0
}
