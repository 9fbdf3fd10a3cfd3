/**
 * The schema of `book.yaml`: the single source of the configuration's types.
 */
import {z} from 'zod'

/** Non-empty string after trimming. */
const text = z.string().trim().min(1, 'Unexpected empty value, expected text')

/**
 * Schema of `book.yaml`.
 *
 * Unknown keys are errors: a misspelt key (`subtile:`) must not be ignored
 * silently.
 */
export const bookConfigSchema = z
  .object({
    title: text,
    subtitle: text.optional(),
    author: text,
    host: text.optional(),
    source: text.optional(),
    language: z
      .string()
      .regex(
        /^zh(-[A-Za-z0-9]{1,8})*$/,
        'Unexpected language, expected a BCP 47 Chinese tag such as `zh-Hant`'
      )
      .default('zh-Hant'),
    identifier: text.optional(),
    date: z
      .union([z.string(), z.date()])
      .transform((value) =>
        typeof value === 'string' ? value : value.toISOString().slice(0, 10)
      )
      .pipe(
        z
          .string()
          .regex(
            /^\d{4}-\d{2}-\d{2}$/,
            'Unexpected date, expected `YYYY-MM-DD`'
          )
      )
      .optional(),
    slug: z
      .string()
      .regex(
        /^[a-z0-9]+(-[a-z0-9]+)*$/,
        'Unexpected slug, expected lowercase ASCII words joined by `-`'
      )
      .optional(),
    chapters: z
      .array(
        z
          .string()
          .regex(
            /^[^/\\]+\.md$/,
            'Unexpected chapter, expected a `.md` file name in the manuscript folder'
          )
      )
      .min(1, 'Unexpected empty list, expected at least one chapter')
      .optional(),
    editions: z
      .array(z.enum(['hant', 'hans', 'bilingual']))
      .min(1, 'Unexpected empty list, expected at least one edition')
      .optional(),
    pinyin: z.enum(['terms', 'all']).default('terms'),
    kepub: z.boolean().default(false),
    overrides: z
      .string()
      .regex(
        /^[^/\\]+\.ya?ml$/,
        'Unexpected overrides file, expected a `.yaml` file name in the manuscript folder'
      )
      .optional()
  })
  .strict()

/** `book.yaml` as written (after defaults). */
export type BookConfig = z.infer<typeof bookConfigSchema>
