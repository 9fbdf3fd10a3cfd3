/**
 * `opencc-js/preset` as the bundled command has it: without OpenCC's dictionaries. They are 2.3 MB
 * of JavaScript the command would compile at every start, and it reads none of them: every table
 * made from them is packed into `dist/bin/tables.bin` when bundling (`scripts/bundle.ts`). A use is
 * a bug in the bundle, and says so at once.
 */
const missing: never = new Proxy(
  {},
  {
    get() {
      throw new Error(
        'Unexpected use of OpenCC’s dictionaries in the bundled command, expected its packed tables (dist/bin/tables.bin)'
      )
    }
  }
) as never

export const configs = missing
export const from = missing
export const to = missing
