/**
 * Small repairs of an item's HTML tree before it becomes Markdown, each for a
 * way feed markup otherwise turns into junk in the archive:
 * - whitespace at the inner edges of inline elements (`<strong>Bold </strong>`)
 *   moves outside them, where Markdown can hold it (it would otherwise be
 *   written as `&#x20;` and the next letter as a character reference);
 * - a `<br>` that ends a block is dropped (Markdown would write a backslash
 *   the page then shows);
 * - a paragraph that is only a `<code>` with line breaks (WordPress, Blogger)
 *   is a code block: `<pre><code>`;
 * - a `<video>` is its poster image linked to its file (no player is
 *   archived; the poster is an image like any other, archived with the item).
 * Pure: the tree is changed in place.
 */
import type { Element, ElementContent, Root, Text } from 'hast';

/** Inline elements whose edges may carry whitespace that belongs outside them. */
const INLINE = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'span',
  'cite',
  'q',
  'abbr',
  'sub',
  'sup',
]);
const BLOCKS = new Set([
  'p',
  'li',
  'dd',
  'dt',
  'td',
  'th',
  'blockquote',
  'div',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

function isElement(node: ElementContent | undefined, name?: string): node is Element {
  return node?.type === 'element' && (name === undefined || node.tagName === name);
}

function text(value: string): Text {
  return { type: 'text', value };
}

/**
 * Take what sits at the inner start (or end) of an element, however deep in its inline children —
 * whitespace (Unicode's, no-break space included, as CommonMark counts it) and line breaks — and
 * return it, to be put outside; nothing when the edge is text.
 */
function takeEdge(node: Element, end: 'start' | 'end'): ElementContent[] {
  const children = node.children;
  const at = end === 'start' ? 0 : children.length - 1;
  const child: ElementContent | undefined = children[at];
  if (!child) return [];
  if (child.type === 'element' && child.tagName === 'br') {
    children.splice(at, 1);
    return [child, ...takeEdge(node, end)];
  }
  if (child.type === 'text') {
    const match = end === 'start' ? /^\s+/.exec(child.value) : /\s+$/.exec(child.value);
    if (!match) return [];
    child.value = end === 'start' ? child.value.slice(match[0].length) : child.value.slice(0, -match[0].length);
    if (child.value === '') children.splice(at, 1);
    // Plain spaces and line ends are one space outside; a no-break space stays what it is.
    return [text(/^[ \t\n\r\f]+$/.test(match[0]) ? ' ' : match[0].replace(/[ \t\n\r\f]+/g, ' '))];
  }
  return child.type === 'element' && INLINE.has(child.tagName) ? takeEdge(child, end) : [];
}

function moveEdgeSpace(parent: Root | Element): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index] as ElementContent;
    if (!isElement(child)) continue;
    moveEdgeSpace(child);
    if (!INLINE.has(child.tagName) || child.tagName === 'code') continue;
    const before = takeEdge(child, 'start');
    const after = takeEdge(child, 'end').reverse();
    if (after.length > 0) parent.children.splice(index + 1, 0, ...after);
    if (before.length > 0) {
      parent.children.splice(index, 0, ...before);
      index += before.length;
    }
    if (child.children.length === 0 && child.tagName !== 'a') {
      parent.children.splice(index, 1);
      index--;
    }
  }
}

/** Drop `<br>`s (and the whitespace after them) that end a block: they break nothing. */
function dropTrailingBreaks(parent: Root | Element): void {
  for (const child of parent.children) if (isElement(child as ElementContent)) dropTrailingBreaks(child as Element);
  if (parent.type !== 'element' || !BLOCKS.has(parent.tagName)) return;
  const children = parent.children;
  for (;;) {
    const last = children[children.length - 1] as ElementContent | undefined;
    if (last?.type === 'text' && !last.value.trim()) children.pop();
    else if (isElement(last, 'br')) children.pop();
    else break;
  }
}

/** `<p><code>a<br>b</code></p>` is a code block the publisher's editor wrote without `<pre>`. */
function codeParagraphs(parent: Root | Element): void {
  for (const node of parent.children) {
    const child = node as ElementContent;
    if (!isElement(child) || child.tagName === 'pre') continue;
    const meaningful = child.children.filter((node) => node.type !== 'text' || node.value.trim() !== '');
    const [code] = meaningful;
    if (
      child.tagName === 'p' &&
      meaningful.length === 1 &&
      isElement(code, 'code') &&
      code.children.some((node) => isElement(node, 'br'))
    ) {
      child.tagName = 'pre';
      child.properties = {};
      child.children = [code];
      continue;
    }
    codeParagraphs(child);
  }
}

/** All the repairs, in the order they must run (code blocks first: their breaks are lines). */
/** The first URL a video names: its own src, else its first <source>'s. */
function videoFile(video: Element): string | undefined {
  if (typeof video.properties.src === 'string') return video.properties.src;
  for (const child of video.children) {
    if (isElement(child, 'source') && typeof child.properties.src === 'string') return child.properties.src;
  }
  return undefined;
}

/** Each `<video>` becomes `<a href=file><img src=poster></a>` (or the one it has); one with neither keeps its fallback text. */
function videoPosters(parent: Root | Element): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index] as ElementContent;
    if (!isElement(child)) continue;
    if (child.tagName !== 'video') {
      videoPosters(child);
      continue;
    }
    const file = videoFile(child);
    const poster = typeof child.properties.poster === 'string' ? child.properties.poster : undefined;
    const title = typeof child.properties.title === 'string' ? child.properties.title.trim() : '';
    const label = title ? `Video: ${title}` : 'Video';
    const image: Element | undefined = poster
      ? { type: 'element', tagName: 'img', properties: { src: poster, alt: label }, children: [] }
      : undefined;
    const replacement: ElementContent[] = file
      ? [{ type: 'element', tagName: 'a', properties: { href: file }, children: [image ?? text(label)] }]
      : image
        ? [image]
        : child.children.filter((node) => !isElement(node, 'source'));
    parent.children.splice(index, 1, ...replacement);
    index += replacement.length - 1;
    // What stands in for a video with neither poster nor file may hold another.
    if (!file && !image) index -= replacement.length;
  }
}

export function tidyHast(root: Root): void {
  videoPosters(root);
  codeParagraphs(root);
  dropTrailingBreaks(root);
  moveEdgeSpace(root);
}
