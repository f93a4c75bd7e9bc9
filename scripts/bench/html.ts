/**
 * Realistic item HTML for the benchmark: paragraphs with inline markup,
 * headings, lists, code blocks in several languages, images, blockquotes and
 * an occasional table, grown block by block until a target size is reached.
 */
import type { Random } from './random.ts';
import { LANGUAGES, type Language, WORDS } from './vocabulary.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function words(random: Random, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(random.pick(WORDS));
  return out.join(' ');
}

function sentence(random: Random): string {
  const text = words(random, random.int(6, 18));
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: Random): string {
  const parts: string[] = [];
  const count = random.int(2, 6);
  for (let i = 0; i < count; i++) {
    const text = sentence(random);
    const roll = random.next();
    if (roll < 0.1) parts.push(`<strong>${text}</strong>`);
    else if (roll < 0.18)
      parts.push(`<a href="https://example.com/${random.pick(WORDS)}/${random.int(1, 9999)}">${text}</a>`);
    else if (roll < 0.24)
      parts.push(`${text.slice(0, -1)} <code>${random.pick(WORDS)}_${random.pick(WORDS)}()</code>.`);
    else if (roll < 0.3) parts.push(`<em>${text}</em>`);
    else parts.push(text);
  }
  return `<p>${parts.join(' ')}</p>`;
}

function list(random: Random): string {
  const tag = random.chance(0.6) ? 'ul' : 'ol';
  const items: string[] = [];
  const count = random.int(3, 7);
  for (let i = 0; i < count; i++) items.push(`<li>${escapeHtml(sentence(random))}</li>`);
  return `<${tag}>${items.join('')}</${tag}>`;
}

const identifier = (random: Random) => `${random.pick(WORDS)}_${random.pick(WORDS)}`;

const CODE_LINES: Record<Language, (random: Random) => string> = {
  python: (r) => `    ${identifier(r)} = ${identifier(r)}(${r.int(0, 99)}, "${r.pick(WORDS)}")  # ${words(r, 3)}`,
  javascript: (r) =>
    `  const ${identifier(r)} = await ${identifier(r)}(${r.int(0, 99)}, '${r.pick(WORDS)}'); // ${words(r, 3)}`,
  typescript: (r) =>
    `  const ${identifier(r)}: Map<string, number> = new Map([['${r.pick(WORDS)}', ${r.int(0, 99)}]]);`,
  sql: (r) =>
    `SELECT ${r.pick(WORDS)}, count(*) FROM ${r.pick(WORDS)}s WHERE id > ${r.int(0, 999)} AND name <> '${r.pick(WORDS)}';`,
  bash: (r) =>
    `${r.pick(['grep', 'curl', 'npm run', 'git', 'docker'])} ${r.pick(WORDS)} --${r.pick(WORDS)} "${r.pick(WORDS)}" && echo ok`,
  go: (r) =>
    `\tif err := ${identifier(r)}(ctx, ${r.int(0, 99)}); err != nil { return fmt.Errorf("${words(r, 2)}: %w", err) }`,
  rust: (r) => `    let ${identifier(r)}: Vec<u32> = ${identifier(r)}.iter().map(|x| x * ${r.int(2, 9)}).collect();`,
  json: (r) => `  "${r.pick(WORDS)}": { "${r.pick(WORDS)}": ${r.int(0, 999)}, "enabled": ${r.chance(0.5)} },`,
};

function codeBlock(random: Random): string {
  const language = random.pick(LANGUAGES);
  const lines: string[] = [];
  const count = random.int(4, 24);
  for (let i = 0; i < count; i++) lines.push(CODE_LINES[language](random));
  return `<pre><code class="language-${language}">${escapeHtml(lines.join('\n'))}</code></pre>`;
}

function image(random: Random): string {
  const width = random.pick([640, 800, 1200]);
  const alt = escapeHtml(words(random, random.int(3, 8)));
  return `<figure><img src="https://images.example.com/${random.int(1, 99999)}.png" alt="${alt}" width="${width}" height="${Math.round(width * 0.5625)}"><figcaption>${alt}</figcaption></figure>`;
}

function table(random: Random): string {
  const columns = random.int(2, 5);
  const header = Array.from({ length: columns }, () => `<th>${random.pick(WORDS)}</th>`).join('');
  const rows: string[] = [];
  const count = random.int(3, 10);
  for (let i = 0; i < count; i++) {
    rows.push(`<tr>${Array.from({ length: columns }, () => `<td>${random.int(0, 9999)}</td>`).join('')}</tr>`);
  }
  return `<table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function block(random: Random): string {
  const roll = random.next();
  if (roll < 0.55) return paragraph(random);
  if (roll < 0.65) return `<h2>${escapeHtml(sentence(random).slice(0, -1))}</h2>`;
  if (roll < 0.75) return list(random);
  if (roll < 0.87) return codeBlock(random);
  if (roll < 0.93) return image(random);
  if (roll < 0.97) return `<blockquote><p>${escapeHtml(sentence(random))}</p></blockquote>`;
  return table(random);
}

/**
 * Item HTML of about `targetBytes` UTF-8 bytes (the blocks are ASCII, so length
 * is bytes): blocks are added while the result gets closer to the target.
 */
export function itemHtml(random: Random, targetBytes: number): string {
  const first = paragraph(random);
  const blocks: string[] = [first];
  let size = first.length;
  while (size < targetBytes) {
    const next = block(random);
    const after = size + 1 + next.length;
    if (after - targetBytes > targetBytes - size) break;
    blocks.push(next);
    size = after;
  }
  return blocks.join('\n');
}
