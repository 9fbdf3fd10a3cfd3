/**
 * ejs templates handed to epub-gen-memory in place of its own, which write a random identifier, the
 * clock's `dcterms:modified`, a hard-coded `xml:lang="en"`, NCX `playOrder` from 0, and escape
 * quotes as numeric references. These read only zhbook data, already escaped (`<%- %>`), plus what
 * the library knows of its files, so the package always describes the files it wrote.
 */
import type {AccessibilityMetadata} from './accessibility.js'
import type {EpubToc} from './toc.js'

/** Book-wide values for the templates; every string is escaped for XML. */
export interface BookTemplateData {
  lang: string
  /** Every language of the text, `lang` first (one `dc:language` each). */
  languages: string[]
  /** `dc:identifier`, stable across builds. */
  identifier: string
  title: string
  /** Subtitle, or `''`. */
  subtitle: string
  /** The title in another language (optional). */
  translated?: TranslatedTemplateData | undefined
  author: string
  /** Publisher (the hosting programme), or `''`. */
  publisher: string
  /** Publication date, `YYYY-MM-DD`. */
  date: string
  /** Non-empty description. */
  description: string
  /** Source of the text, or `''`. */
  source: string
  /** Rights statement. */
  rights: string
  /** `dcterms:modified`, `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string
  tocTitle: string
  /** The table of contents, nested (`toc.ts`). */
  toc: EpubToc
  landmarksTitle: string
  /** Landmark label of the cover. */
  coverLabel: string
  /** Landmark label of the first chapter. */
  bodymatterLabel: string
  /** Files besides the library's documents (the font, the images), listed after them. */
  resources: ResourceTemplateData[]
  vertical: boolean
  accessibility: AccessibilityMetadata
}

/** A manifest item of a resource; every string is escaped for XML. */
export interface ResourceTemplateData {
  id: string
  href: string
  mediaType: string
}

/** The title in another language; every string is escaped for XML. */
export interface TranslatedTemplateData {
  lang: string
  title: string
  subtitle: string
  /** Title and subtitle in one line (`Title: Subtitle`), or the title. */
  expanded: string
}

/** Per-document values for the templates; strings are escaped for XML. */
export interface DocumentTemplateData {
  /** What the document is; the glossary is back matter, listed as the `glossary` landmark. */
  kind: 'chapter' | 'cover' | 'glossary'
  manifestId: string
  lang: string
  title: string
  /** `class` of `<body>`, or `''`. */
  bodyClass: string
  body: string
  /** Manifest properties of the document (`mathml`), or `''` (optional). */
  properties?: string | undefined
}

/**
 * Content document template (`chapterXHTML`): the library's takes `content`, which its sanitiser
 * writes with every non-ASCII character as `&#x…;`; this takes the body serialised by `toXhtml`.
 */
export const chapterXhtml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="<%- zhbook.lang %>" xml:lang="<%- zhbook.lang %>">
<head>
<meta charset="UTF-8"/>
<title><%- zhbook.title %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body<% if (zhbook.bodyClass) { %> class="<%- zhbook.bodyClass %>"<% } %>>
<%- zhbook.body %>
</body>
</html>
`

/**
 * Package document template (`contentOPF`). A translated title is written twice: as
 * `alternate-script` refinements (EPUB 3; Readium) and as one more `dc:title` refined as `expanded`,
 * for catalogues that read only `dc:title`; the main title stays first. A vertical edition says so
 * also by `primary-writing-mode`, which Kindle's converter reads. The EPUB 2 `<meta name="cover">` is
 * how EPUB 2 readers and Kindle's import find the cover.
 */
export const contentOpf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="<%- zhbook.lang %>">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id"><%- zhbook.identifier %></dc:identifier>
<dc:title id="title"><%- zhbook.title %></dc:title>
<meta refines="#title" property="title-type">main</meta>
<%_ if (zhbook.translated) { _%>
<meta refines="#title" property="alternate-script" xml:lang="<%- zhbook.translated.lang %>"><%- zhbook.translated.title %></meta>
<%_ } _%>
<%_ if (zhbook.subtitle) { _%>
<dc:title id="subtitle"><%- zhbook.subtitle %></dc:title>
<meta refines="#subtitle" property="title-type">subtitle</meta>
<%_ if (zhbook.translated && zhbook.translated.subtitle) { _%>
<meta refines="#subtitle" property="alternate-script" xml:lang="<%- zhbook.translated.lang %>"><%- zhbook.translated.subtitle %></meta>
<%_ } _%>
<%_ } _%>
<%_ if (zhbook.translated) { _%>
<dc:title id="title-translated" xml:lang="<%- zhbook.translated.lang %>"><%- zhbook.translated.expanded %></dc:title>
<meta refines="#title-translated" property="title-type">expanded</meta>
<%_ } _%>
<%_ if (zhbook.author) { _%>
<dc:creator id="creator"><%- zhbook.author %></dc:creator>
<meta refines="#creator" property="role" scheme="marc:relators">aut</meta>
<%_ } _%>
<%_ if (zhbook.publisher) { _%>
<dc:publisher><%- zhbook.publisher %></dc:publisher>
<%_ } _%>
<dc:date><%- zhbook.date %></dc:date>
<%_ zhbook.languages.forEach(function (language) { _%>
<dc:language><%- language %></dc:language>
<%_ }) _%>
<dc:description><%- zhbook.description %></dc:description>
<%_ if (zhbook.source) { _%>
<dc:source><%- zhbook.source %></dc:source>
<%_ } _%>
<dc:rights><%- zhbook.rights %></dc:rights>
<meta property="dcterms:modified"><%- zhbook.modified %></meta>
<%_ zhbook.accessibility.accessModes.forEach(function (value) { _%>
<meta property="schema:accessMode"><%- value %></meta>
<%_ }) _%>
<meta property="schema:accessModeSufficient"><%- zhbook.accessibility.accessModeSufficient.join(',') %></meta>
<%_ zhbook.accessibility.features.forEach(function (value) { _%>
<meta property="schema:accessibilityFeature"><%- value %></meta>
<%_ }) _%>
<%_ zhbook.accessibility.hazards.forEach(function (value) { _%>
<meta property="schema:accessibilityHazard"><%- value %></meta>
<%_ }) _%>
<meta property="schema:accessibilitySummary" xml:lang="<%- zhbook.accessibility.summaryLang %>"><%- zhbook.accessibility.summary %></meta>
<%_ if (zhbook.accessibility.conformsTo) { _%>
<meta property="dcterms:conformsTo"><%- zhbook.accessibility.conformsTo %></meta>
<%_ } _%>
<%_ if (cover) { _%>
<meta name="cover" content="cover-image"/>
<%_ } _%>
<%_ if (zhbook.vertical) { _%>
<meta name="primary-writing-mode" content="vertical-rl"/>
<%_ } _%>
</metadata>
<manifest>
<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="style" href="style.css" media-type="text/css"/>
<%_ if (cover) { _%>
<item id="cover-image" href="cover.<%- cover.extension %>" media-type="<%- cover.mediaType %>" properties="cover-image"/>
<%_ } _%>
<%_ content.forEach(function (item) { _%>
<item id="<%- item.zhbook.manifestId %>" href="<%- item.filename %>" media-type="application/xhtml+xml"<% if (item.zhbook.properties) { %> properties="<%- item.zhbook.properties %>"<% } %>/>
<%_ }) _%>
<%_ zhbook.resources.forEach(function (item) { _%>
<item id="<%- item.id %>" href="<%- item.href %>" media-type="<%- item.mediaType %>"/>
<%_ }) _%>
</manifest>
<spine toc="ncx"<% if (zhbook.vertical) { %> page-progression-direction="rtl"<% } %>>
<%_ content.forEach(function (item) { if (item.beforeToc) { _%>
<itemref idref="<%- item.zhbook.manifestId %>"/>
<%_ } }) _%>
<itemref idref="nav"/>
<%_ content.forEach(function (item) { if (!item.beforeToc) { _%>
<itemref idref="<%- item.zhbook.manifestId %>"/>
<%_ } }) _%>
</spine>
</package>
`

/**
 * NCX template (`tocNCX`): `dtb:uid` must equal the package's `dc:identifier` (the library writes
 * its random uuid), and `playOrder` counts from 1.
 */
export const tocNcx = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%- zhbook.lang %>">
<head>
<meta name="dtb:uid" content="<%- zhbook.identifier %>"/>
<meta name="dtb:depth" content="<%- zhbook.toc.depth %>"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text><%- zhbook.title %></text></docTitle>
<%_ if (zhbook.author) { _%>
<docAuthor><text><%- zhbook.author %></text></docAuthor>
<%_ } _%>
<navMap>
<%- zhbook.toc.ncx _%>
</navMap>
</ncx>
`

/**
 * Navigation document template (`tocXHTML`): the contents as the page's `main` (it is in the spine),
 * the landmarks `hidden`, for reading systems only.
 */
export const tocXhtml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="<%- zhbook.lang %>" xml:lang="<%- zhbook.lang %>">
<head>
<meta charset="UTF-8"/>
<title><%- zhbook.tocTitle %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<%_ var bodymatter = content.filter(function (item) { return item.zhbook.kind === 'chapter' }) _%>
<%_ var glossaries = content.filter(function (item) { return item.zhbook.kind === 'glossary' }) _%>
<%_ var covers = content.filter(function (item) { return item.zhbook.kind === 'cover' }) _%>
<main>
<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
<h1 id="toc-title"><%- zhbook.tocTitle %></h1>
<%- zhbook.toc.nav _%>
</nav>
</main>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title"><%- zhbook.landmarksTitle %></h2>
<ol>
<%_ covers.forEach(function (item) { _%>
<li><a epub:type="cover" href="<%- item.filename %>"><%- zhbook.coverLabel %></a></li>
<%_ }) _%>
<li><a epub:type="toc" href="toc.xhtml#toc"><%- zhbook.tocTitle %></a></li>
<%_ if (bodymatter.length > 0) { _%>
<li><a epub:type="bodymatter" href="<%- bodymatter[0].filename %>"><%- zhbook.bodymatterLabel %></a></li>
<%_ } _%>
<%_ glossaries.forEach(function (item) { _%>
<li><a epub:type="glossary" href="<%- item.filename %>"><%- item.zhbook.title %></a></li>
<%_ }) _%>
</ol>
</nav>
</body>
</html>
`
