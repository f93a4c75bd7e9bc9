/**
 * The language of a highlighted code block, whichever highlighter produced
 * it: Rouge/Forem (`<pre class="highlight python">`), `language-x`/`lang-x`,
 * highlight.js (`hljs language-x`), Prism, GitHub's `highlight-source-x` and
 * `data-lang`. Names are mapped to the ones Shiki knows; a name it does not
 * know is no language (plain text), so the site's build never warns about it.
 * Pure.
 */
import { bundledLanguagesInfo } from 'shiki/langs';

/** Every name Shiki highlights: its bundled languages' ids and aliases, and plain text. */
const SHIKI_NAMES: ReadonlySet<string> = new Set([
  'plaintext',
  'text',
  'txt',
  'plain',
  'ansi',
  ...bundledLanguagesInfo.flatMap((language) => [language.id, ...(language.aliases ?? [])]),
]);

/** Names Shiki does not know, mapped to ones it does. Names Shiki knows stay as given. */
const ALIASES: Readonly<Record<string, string>> = {
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
  none: 'plaintext',
  nohighlight: 'plaintext',
  'no-highlight': 'plaintext',
  'shell-session': 'shellsession',
  shellscript: 'shell',
  terminal: 'console',
  golang: 'go',
  'c++': 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
  'f#': 'fsharp',
  'objective-c': 'objc',
  objectivec: 'objc',
  'objective-c++': 'objective-cpp',
  apacheconf: 'apache',
  'apache-conf': 'apache',
  htaccess: 'apache',
  nginxconf: 'nginx',
  'nginx-conf': 'nginx',
  'sh-session': 'shellsession',
  'bash-session': 'shellsession',
  'console-session': 'console',
  'shell-script': 'shell',
  cmd: 'bat',
  dos: 'bat',
  batch: 'bat',
  posh: 'powershell',
  ps1: 'powershell',
  pwsh: 'powershell',
  vim: 'viml',
  vimscript: 'viml',
  plist: 'xml',
  svg: 'xml',
  xsl: 'xml',
  rss: 'xml',
  atom: 'xml',
  conf: 'ini',
  cfg: 'ini',
  'c-sharp': 'csharp',
  'c-cpp': 'cpp',
  cplusplus: 'cpp',
  javascript1: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  'node-repl': 'javascript',
  ecmascript: 'javascript',
  'text-plain': 'plaintext',
  'plain-text': 'plaintext',
  output: 'plaintext',
  postgres: 'sql',
  postgresql: 'sql',
  psql: 'sql',
  plpgsql: 'sql',
  mysql: 'sql',
  'html+erb': 'erb',
  rhtml: 'erb',
  dockerfile: 'docker',
  yml: 'yaml',
  'jsx-ts': 'tsx',
  vue2: 'vue',
  patch: 'diff',
  htm: 'html',
  xhtml: 'html',
  rb: 'ruby',
  py: 'python',
  python3: 'python',
  py3: 'python',
  rs: 'rust',
  kt: 'kotlin',
  ex: 'elixir',
  exs: 'elixir',
};

/** Classes that mark a highlighter, never a language. */
const MARKERS = new Set([
  'highlight',
  'hljs',
  'code',
  'codehilite',
  'sourcecode',
  'syntax',
  'js-code-highlight',
  'prettyprint',
  'notranslate',
  'chroma',
  'rouge',
  'line-numbers',
]);

/**
 * A language name safe to put after a fence, in Shiki's naming; undefined for one Shiki does not
 * highlight. `objective_c` and `Objective C` are spelled `objective-c` first.
 */
export function normaliseLanguage(name: string | undefined): string | undefined {
  const clean = name
    ?.trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (!clean || !/^[a-z0-9][\w+#.-]{0,31}$/.test(clean)) return undefined;
  const named = ALIASES[clean] ?? clean;
  return SHIKI_NAMES.has(named) ? named : undefined;
}

/** Language named by a class list: `language-x`, `lang-x`, `highlight-source-x`, or a Rouge `highlight x` pair. */
export function languageFromClasses(classes: readonly string[]): string | undefined {
  for (const name of classes) {
    const match = /^(?:language|lang|highlight-source|source)-(.+)$/.exec(name);
    if (match?.[1]) return normaliseLanguage(match[1]);
  }
  const isHighlighter = classes.some((name) => name === 'highlight' || name === 'hljs');
  if (!isHighlighter) return undefined;
  const rest = classes.filter((name) => !MARKERS.has(name) && !name.startsWith('js-'));
  return rest.length === 1 ? normaliseLanguage(rest[0]) : undefined;
}
