/** OPML 2.0 subscription list of the archive's feeds. */

export interface Outline {
  title: string;
  xmlUrl?: string;
  htmlUrl?: string;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function opml(title: string, outlines: readonly Outline[]): string {
  const lines = outlines
    .filter((outline) => outline.xmlUrl)
    .map((outline) => {
      const html = outline.htmlUrl ? ` htmlUrl="${escapeAttribute(outline.htmlUrl)}"` : '';
      const name = escapeAttribute(outline.title);
      return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeAttribute(outline.xmlUrl ?? '')}"${html}/>`;
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeAttribute(title)}</title></head>`,
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
