/**
 * The schema of `book.yaml`: the single source of the configuration's types.
 */
import {z} from 'zod'

/** Non-empty string after trimming. */
const text = z.string().trim().min(1, 'Unexpected empty value, expected text')

/** A font file name: OpenType or TrueType, single or a collection. */
const fontFile = z
  .string()
  .trim()
  .regex(/\.(?:otf|ttf|ttc|otc)$/i, 'Unexpected font file, expected an `.otf`, `.ttf`, `.ttc` or `.otc` file')

/** A face of a font file: its index in a collection, or its PostScript name. */
const fontFace = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(
      /^[\x21-\x7e]{1,63}$/,
      'Unexpected face, expected an index or a PostScript name such as `NotoSerifCJKtc-Regular`'
    )
])

/**
 * The font embedded in the EPUBs (`font:`), subset to the characters each
 * edition uses.
 *
 * Why two keys for the file: a build reads nothing outside the manuscript
 * folder unless `book.yaml` says so in so many words. `file` is a path
 * inside the folder; `system` is the absolute path of an installed font
 * (`/usr/share/fonts/…`), named as such so a reader of `book.yaml` sees the
 * build reaches outside.
 */
const fontSchema = z
  .object({
    file: fontFile.optional(),
    system: fontFile.optional(),
    face: z
      .union([
        fontFace,
        z.object({hant: fontFace.optional(), hans: fontFace.optional(), bilingual: fontFace.optional()}).strict()
      ])
      .optional()
  })
  .strict()
  .refine((value) => (value.file === undefined) !== (value.system === undefined), {
    message:
      'expected either `file` (a font in the manuscript folder) or `system` (the absolute path of an installed font)'
  })

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
    publisher: text.optional(),
    description: text.optional(),
    source: text.optional(),
    // Checked by the loader (C010, C011): a tag that is well formed can
    // still name a script zhbook does not build from.
    language: text.default('zh-Hant'),
    identifier: text.optional(),
    date: z
      .union([z.string(), z.date()])
      .transform((value) => (typeof value === 'string' ? value : value.toISOString().slice(0, 10)))
      .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Unexpected date, expected `YYYY-MM-DD`'))
      .optional(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Unexpected slug, expected lowercase ASCII words joined by `-`')
      .optional(),
    chapters: z
      .array(
        // A chapter may be in a subfolder (`part-1/intro.md`), never above it.
        z
          .string()
          .regex(
            /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\\]+\.md$/,
            'Unexpected chapter, expected a `.md` file in the manuscript folder'
          )
      )
      .min(1, 'Unexpected empty list, expected at least one chapter')
      .optional(),
    // A table of contents in mdBook's `SUMMARY.md` format, read when
    // `chapters` is not given: order, nesting and parts.
    summary: z
      .string()
      .regex(/^[^\\]+\.md$/, 'Unexpected summary, expected a `.md` file in the manuscript folder such as `SUMMARY.md`')
      .refine((value) => !value.startsWith('/') && !value.split('/').includes('..'), {
        message: 'Unexpected summary outside the manuscript folder, expected a path inside it'
      })
      .optional(),
    editions: z
      .array(z.enum(['hant', 'hans', 'bilingual']))
      .min(1, 'Unexpected empty list, expected at least one edition')
      // Every edition writes its own files: a second one would overwrite the first.
      .superRefine((value, context) => {
        for (const [index, edition] of value.entries()) {
          if (value.indexOf(edition) !== index) {
            context.addIssue({
              code: 'custom',
              path: [index],
              message: `Unexpected second edition \`${edition}\`, expected each edition once`
            })
          }
        }
      })
      .optional(),
    // The formats to write (default: every one).
    formats: z
      .array(z.enum(['epub', 'web']))
      .min(1, 'Unexpected empty list, expected at least one format')
      .optional(),
    // The author's level for a rule's warnings: `H001: off`, `T001: info`.
    // Rule ids are checked by the loader (C012), against the catalogue.
    rules: z.record(z.string(), z.enum(['off', 'info', 'warning'])).optional(),
    pinyin: z.enum(['terms', 'all']).default('terms'),
    // Checked by the loader, which must see a path outside the manuscript
    // folder before its file name (C005).
    cover: text.optional(),
    font: fontSchema.optional(),
    vertical: z.boolean().default(false),
    kepub: z.boolean().default(false),
    // The field of the book's vocabulary in the Simplified edition.
    vocabulary: z.enum(['general', 'technical']).default('general'),
    // How long a chapter may take to be read, in seconds (B001).
    limits: z
      .object({chapterSeconds: z.number().positive().max(86_400).optional()})
      .strict()
      .optional(),
    overrides: z
      .string()
      .regex(/^[^/\\]+\.ya?ml$/, 'Unexpected overrides file, expected a `.yaml` file name in the manuscript folder')
      .optional()
  })
  .strict()

/** `book.yaml` as written (after defaults). */
export type BookConfig = z.infer<typeof bookConfigSchema>
