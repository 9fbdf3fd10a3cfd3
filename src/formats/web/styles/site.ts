/**
 * The part of the web stylesheet that frames the text: header and reading
 * tools, contents drawer, settings panel, title pages, search, pop-ups, the
 * reader's show/hide choices, and print. `web-style.ts` puts it after the
 * typography, palettes and fonts.
 *
 * Layout, by width (`em` in media queries is the browser's default 16px, not
 * the reader's chosen size):
 *
 * * below 40em (phones): one header row (contents, other editions, search,
 *   settings); the book title is in the drawer;
 * * from 80em (wide desktops): the contents drawer is a side column, always
 *   shown, and the text moves right to leave it room.
 */
export const siteStyle = `/* Hidden means hidden, whatever display a class gives. */
[hidden] { display: none !important; }

.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  clip-path: inset(50%);
  white-space: nowrap;
}

/* Skip link: out of sight until a keyboard user reaches it. */
.skip {
  position: absolute;
  left: -999em;
}

.skip:focus {
  position: static;
  display: inline-block;
  margin-top: 0.5em;
}

/* A block a link lands on (the edition switch, a search result): marked for
   a moment, below the sticky header. */
[id] { scroll-margin-top: 4.5rem; }

main [id^="p-"]:target { animation: landed 2.5s ease-out; border-radius: 0.2em; }

@keyframes landed {
  from { background-color: var(--mark); }
  to { background-color: transparent; }
}

@media (prefers-reduced-motion: reduce) {
  main [id^="p-"]:target { animation: none; outline: 2px solid var(--rule); outline-offset: 0.2em; }
}

/* Header: sticky, one row, the reading tools at the end. */
.site-header {
  position: sticky;
  top: 0;
  z-index: 20;
  display: flex;
  gap: 0.5rem;
  align-items: center;
  min-height: 3.25rem;
  padding: 0.375rem 0;
  border-bottom: 1px solid var(--rule);
  background: var(--bg);
  font-size: 0.9375rem;
  line-height: 1.4;
}

.site-header .book-title {
  flex: 1 1 auto;
  min-width: 0;
  margin: 0;
  overflow: hidden;
  font-weight: 400;
  text-overflow: ellipsis;
  white-space: nowrap;
  text-wrap: nowrap;
}

.site-header .book-title a { color: var(--text); text-decoration: none; }
.site-header .book-title a:hover { text-decoration: underline; }

.editions ul { display: flex; flex-wrap: wrap; gap: 0 0.9em; margin: 0; padding: 0; list-style: none; }
.editions li { margin: 0; white-space: nowrap; }
.site-header .editions { flex: none; margin-inline-start: auto; }
.site-header .book-title + .editions { margin-inline-start: 0; }

.tools { display: flex; flex: none; gap: 0.25rem; margin-inline-start: auto; }
.site-header .editions + .tools { margin-inline-start: 0.25rem; }

/* A tool: a button or link at least 44px square, drawn in the text colour. */
.tool {
  display: inline-flex;
  gap: 0.3em;
  align-items: center;
  justify-content: center;
  min-width: 2.75rem;
  min-height: 2.75rem;
  padding: 0 0.5rem;
  border: 0;
  border-radius: 0.4rem;
  background: transparent;
  color: var(--text);
  font: inherit;
  text-decoration: none;
  cursor: pointer;
}

.tool:hover, .tool[aria-expanded="true"], .tool[aria-current="page"] { background: var(--code-bg); }
.tool:focus-visible, .settings button:focus-visible, .search-form :focus-visible {
  outline: 2px solid var(--link);
  outline-offset: 1px;
}
.icon { flex: none; }
.settings-glyph { font-family: var(--latin); font-size: 1.15em; }
.drawer-button { flex: none; margin-inline-start: -0.5rem; }

@media (max-width: 39.99em) {
  /* The book title is in the drawer: leave the row to the tools. */
  .js .chapter-page .site-header .book-title { display: none; }
  .js .chapter-page .site-header .editions { margin-inline-start: auto; }
}

/* The reading settings: a panel under the header, at its end. */
.settings {
  position: absolute;
  top: calc(100% + 0.25rem);
  right: 0;
  z-index: 30;
  display: grid;
  gap: 0.9rem;
  width: min(22rem, 100%);
  padding: 1rem 1.1rem;
  border: 1px solid var(--rule);
  border-radius: 0.6rem;
  background: var(--bg);
  box-shadow: 0 0.5rem 2rem rgba(0, 0, 0, 0.2);
}

.setting { display: grid; gap: 0.35rem; }
.setting-label { color: var(--muted); font-size: 0.85em; }
.setting-choices { display: flex; flex-wrap: wrap; gap: 0.35rem; }

.settings button {
  min-height: 2.5rem;
  padding: 0.3em 0.85em;
  border: 1px solid var(--rule);
  border-radius: 0.4rem;
  background: transparent;
  color: var(--text);
  font: inherit;
  cursor: pointer;
}

.settings button:hover { border-color: var(--muted); }
.settings button[aria-pressed="true"] { border-color: var(--link); background: var(--link); color: var(--bg); }

/* The reader's choices: only on pages that have the switch, and only on
   screen (print shows everything). */
@media screen {
  :root[data-english="hidden"] .has-translation .translation { display: none; }
  :root[data-english="hidden"] .has-translation p:has(+ p.translation) { margin-bottom: 1em; }
  :root[data-pinyin="hidden"] .has-ruby rt { display: none; }
}

/* Contents. Without scripts: the chapter list at the end of the page. */
.drawer { margin-top: 2.5em; padding-top: 1em; border-top: 1px solid var(--rule); line-height: 1.5; }
.drawer-head { display: flex; gap: 0.5rem; align-items: flex-start; justify-content: space-between; }
.drawer-book { margin: 0; font-family: var(--serif); font-weight: 700; }
.drawer-book a { color: var(--text); text-decoration: none; }
.drawer-book a:hover { text-decoration: underline; }
.drawer-title { margin: 1em 0 0.5em; color: var(--muted); font-size: 0.85em; font-weight: 400; font-family: inherit; }
.drawer ol { margin: 0; padding: 0; list-style: none; counter-reset: chapter; }
.drawer li { margin: 0; }
.drawer li a {
  display: block;
  padding: 0.45em 0.75em;
  border-inline-start: 3px solid transparent;
  border-radius: 0 0.3em 0.3em 0;
  color: var(--text);
  text-decoration: none;
}
.drawer li a:hover { background: var(--code-bg); }
.drawer li a[aria-current="page"] { border-inline-start-color: var(--strong); background: var(--code-bg); font-weight: 700; }
.drawer-close { margin: -0.5rem -0.5rem 0 0; }

/* With scripts, below the wide layout: a drawer from the start edge. */
.js .drawer {
  position: fixed;
  top: 0;
  bottom: 0;
  left: 0;
  z-index: 40;
  width: min(20rem, 85vw);
  margin: 0;
  padding: 1rem 1rem 2rem 1.25rem;
  overflow-y: auto;
  border: 0;
  border-inline-end: 1px solid var(--rule);
  background: var(--bg);
  box-shadow: 0 0 2rem rgba(0, 0, 0, 0.25);
  font-size: 0.9375rem;
  transform: translateX(-105%);
  visibility: hidden;
}

.drawer-open .drawer { transform: none; visibility: visible; }

/* Slide, once the reader has opened the drawer (not when the page loads).
   Visible at once when opening, so focus can move in; hidden only once it
   has slid out when closing. */
.drawer-animate .drawer { transition: transform 0.2s ease-out, visibility 0s linear 0.2s; }
.drawer-animate.drawer-open .drawer { transition: transform 0.2s ease-out, visibility 0s; }
:root.drawer-open { overflow: hidden; }

.drawer-backdrop {
  position: fixed;
  top: 0;
  right: 0;
  bottom: 0;
  left: 0;
  z-index: 35;
  background: rgba(0, 0, 0, 0.45);
}

@media (prefers-reduced-motion: reduce) {
  .drawer-animate .drawer, .drawer-animate.drawer-open .drawer { transition: none; }
}

/* Wide screens: the contents are a side column, always shown. */
@media (min-width: 80em) {
  .drawer, .js .drawer {
    position: fixed;
    top: 0;
    bottom: 0;
    left: 0;
    width: 16rem;
    margin: 0;
    padding: 1.25rem 1rem 2rem 1.5rem;
    overflow-y: auto;
    border: 0;
    border-inline-end: 1px solid var(--rule);
    box-shadow: none;
    font-size: 0.9375rem;
    transform: none;
    visibility: visible;
  }

  .drawer-button, .drawer-close, .drawer-backdrop { display: none !important; }
  :root.drawer-open { overflow: visible; }
  .chapter-page { margin-left: max(18rem, calc((100% - 38em - 4rem) / 2)); }
}

/* Title page of an edition and the site index. */
.title-page { margin: 3em 0 2em; }
.site-index .title-page { margin-top: 2em; }
.site-index .site-header { border-bottom-color: transparent; }
.title-page h1 { margin: 0 0 0.5em; font-size: 1.75em; }

@media (min-width: 48em) {
  .title-page h1 { font-size: 2.1em; }
}

.subtitle { margin: 0 0 1.5em; color: var(--muted); font-size: 1.15em; line-height: 1.6; }

.colophon { margin: 0; }
.colophon div { display: flex; gap: 1em; }
.colophon dt { flex: none; color: var(--muted); }
.colophon dd { margin: 0; }

.toc h2 { margin-top: 0; }
.toc ol { padding-inline-start: 2.2em; }
.toc li { margin: 0.5em 0; }

/* The editions on the site index: one card each, with a way in. */
.edition-nav h2 { margin-top: 0; }
.edition-list { display: grid; gap: 0.9rem; margin: 0 0 2em; padding: 0; list-style: none; }

.edition {
  display: grid;
  grid-template-columns: 1fr auto;
  gap: 0.15rem 1rem;
  align-items: center;
  margin: 0;
  padding: 1rem 1.25rem;
  border: 1px solid var(--rule);
  border-radius: 0.6rem;
}

.edition-name { grid-column: 1; font-family: var(--serif); font-size: 1.3em; font-weight: 700; }
.edition-name a { text-decoration: none; }
.edition-name a:hover { text-decoration: underline; }
.edition-languages { grid-column: 1; color: var(--muted); font-size: 0.85em; }

.edition-start {
  grid-column: 2;
  grid-row: 1 / span 2;
  padding: 0.5em 1em;
  border: 1px solid var(--link);
  border-radius: 999px;
  font-size: 0.9em;
  text-decoration: none;
  white-space: nowrap;
}

.edition-start:hover { background: var(--link); color: var(--bg); }

/* Previous / table of contents / next. */
.pager {
  margin-top: 3em;
  padding-top: 1em;
  border-top: 1px solid var(--rule);
  line-height: 1.6;
}

.pager ul {
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 1em;
  margin: 0;
  padding: 0;
  list-style: none;
}

.pager li { margin: 0; }
.pager a { display: block; padding: 0.25em 0; text-decoration: none; }
.pager a:hover .pager-title { text-decoration: underline; }
.pager-label { display: block; color: var(--muted); font-size: 0.85em; }
.pager-prev { grid-column: 1; grid-row: 1; }
.pager-next { grid-column: 2; grid-row: 1; text-align: end; }
.pager-toc { grid-column: 1 / -1; grid-row: 2; text-align: center; }

/* Footer: the site index, the dictionary's credit. */
.site-footer {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25em 1.5em;
  align-items: baseline;
  margin-top: 2em;
  padding-top: 1em;
  border-top: 1px solid var(--rule);
  color: var(--muted);
  font-size: 0.9em;
}

.site-footer p { margin: 0; }

/* Search. */
.search-form { margin: 0 0 1em; }
.search-form label { display: block; margin-bottom: 0.35em; color: var(--muted); font-size: 0.9em; }
.search-row { display: flex; gap: 0.5rem; }

.search-row input {
  flex: 1 1 auto;
  min-width: 0;
  min-height: 2.75rem;
  padding: 0.4em 0.75em;
  border: 1px solid var(--muted);
  border-radius: 0.4rem;
  background: var(--bg);
  color: var(--text);
  font: inherit;
}

.search-row button {
  min-height: 2.75rem;
  padding: 0.4em 1.1em;
  border: 1px solid var(--link);
  border-radius: 0.4rem;
  background: var(--link);
  color: var(--bg);
  font: inherit;
  cursor: pointer;
}

.search-status { color: var(--muted); }
.search-results { margin: 0; padding: 0; list-style: none; }
.search-results li { margin: 0; border-bottom: 1px solid var(--rule); }
.search-results a { display: block; padding: 0.75em 0; color: var(--text); text-decoration: none; }
.search-results a:hover .search-chapter { text-decoration: underline; }
.search-chapter { display: block; color: var(--link); font-size: 0.85em; }
.search-text { display: block; line-height: 1.7; }
mark { padding: 0 0.1em; border-radius: 0.15em; background: var(--mark); color: inherit; }

/* The pop-ups: a glossary note (notes.js), a dictionary entry
   (dictionary-popup.js). */
.note-popup, .dictionary-popup {
  position: absolute;
  z-index: 10;
  width: max-content;
  max-width: min(24em, calc(100vw - 16px));
  padding: 0.6em 0.9em;
  border: 1px solid var(--muted);
  border-radius: 0.4em;
  background: var(--code-bg);
  color: var(--text);
  box-shadow: 0 0.25em 1em rgba(0, 0, 0, 0.25);
  font-size: 0.9rem;
  line-height: 1.6;
}

.dictionary-popup { z-index: 11; pointer-events: none; }
.dictionary-popup p { margin: 0; text-align: start; }
.dictionary-word { font-size: 1.5em; font-weight: 700; line-height: 1.4; }
.dictionary-reading + .dictionary-reading { margin-top: 0.3em; }
.dictionary-pinyin { margin-inline-end: 0.3em; color: var(--strong); font-weight: 700; }
.dictionary-en { font-family: var(--latin); }

@media print {
  :root:root {
    color-scheme: light;
    --bg: #fff;
    --text: #000;
    --muted: #333;
    --link: #000;
    --strong: #000;
    --code-bg: #f2f2f2;
    --rule: #999;
    --mark: transparent;
    font-size: 100%;
  }

  .skip, .site-header, .pager, .drawer, .drawer-backdrop, .settings,
  .note-popup, .dictionary-popup, .search-form { display: none !important; }
  body, .chapter-page { max-width: none; margin: 0; padding: 0; font-size: 11pt; line-height: 1.7; }
  a { color: inherit; text-decoration: none; }
  main [id^="p-"]:target { animation: none; outline: 0; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
  p, li, blockquote, dl.glossary > div { orphans: 3; widows: 3; }
  p:has(+ p.translation) { break-after: avoid; }
  .edition { break-inside: avoid; }
}
`
