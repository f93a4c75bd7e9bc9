/**
 * The benchmark's anchor: the same snapshotted archive as a Hugo site with a
 * minimal but comparable theme — an article page per item with its code
 * highlighted (Hugo's Chroma, as classes), a paginated home, a paginated page
 * per tag — so Hugo plus Pagefind's CLI over its output can be timed beside
 * feedshelf's build. The items' Markdown is read where the snapshot wrote it;
 * their `published` date is Hugo's date. Pure: the files of the site, by path.
 */

/** Items a list page shows, as feedshelf's default page size. */
export const HUGO_PAGE_SIZE = 20;

export function hugoConfig(contentDir: string, publishDir: string): string {
  return [
    "baseURL = 'https://example.org/'",
    "languageCode = 'en'",
    "title = 'Archive'",
    `contentDir = ${JSON.stringify(contentDir)}`,
    `publishDir = ${JSON.stringify(publishDir)}`,
    'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]',
    `paginate = ${HUGO_PAGE_SIZE}`,
    '[taxonomies]',
    "  tag = 'tags'",
    '[frontmatter]',
    "  date = ['published', ':default']",
    '[markup.goldmark.renderer]',
    // The archive keeps tables and formulas GFM cannot hold as HTML, as feedshelf renders them.
    '  unsafe = true',
    '[markup.highlight]',
    '  noClasses = false',
    '',
  ].join('\n');
}

const BASE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ site.Title }}{{ end }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "/tags/" | relURL }}">Tags</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`;

const LIST_ITEMS = `<ol>{{ range .Paginator.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Jan 2, 2006" }}</time> · {{ .Params.source }}</p>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ol>
{{ with .Paginator }}<nav>{{ if .HasPrev }}<a href="{{ .Prev.URL }}">Newer</a>{{ end }} Page {{ .PageNumber }} of {{ .TotalPages }} {{ if .HasNext }}<a href="{{ .Next.URL }}">Older</a>{{ end }}</nav>{{ end }}
`;

/** The theme's layouts, by path under the site folder. */
export function hugoLayouts(): Record<string, string> {
  return {
    'layouts/_default/baseof.html': BASE,
    'layouts/_default/single.html': `{{ define "main" }}<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Jan 2, 2006" }}</time>{{ with .Params.authors }} · {{ delimit . ", " }}{{ end }}</p>
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ with .Params.link }}<p><a href="{{ . }}">Original</a></p>{{ end }}{{ end }}
`,
    'layouts/index.html': `{{ define "main" }}<h1>Latest</h1>{{ $p := .Paginate (where site.RegularPages "Type" "!=" "") }}${LIST_ITEMS}{{ end }}
`,
    'layouts/_default/list.html': `{{ define "main" }}<h1>{{ .Title }}</h1>${LIST_ITEMS}{{ end }}
`,
    'layouts/_default/terms.html': `{{ define "main" }}<h1>Tags</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
`,
  };
}
