/**
 * The site's icon (`web/favicon.svg`): an open book, in the colours of the stylesheet. Pages link
 * it, so browsers do not ask the server for a `/favicon.ico` it does not have.
 */
export const iconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#7a2e0e"/>
<path d="M5 9.5c4-1.6 7.5-1.2 11 1.2 3.5-2.4 7-2.8 11-1.2v14c-4-1.6-7.5-1.2-11 1.2-3.5-2.4-7-2.8-11-1.2z" fill="#fbfaf7"/>
<path d="M16 10.7v14" stroke="#7a2e0e" stroke-width="1.5"/>
</svg>
`
