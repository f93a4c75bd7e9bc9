/**
 * What changed between two versions of a text, word by word (jsdiff), with the
 * unchanged stretches between changes cut down to a few words of context, as
 * a reader of a change wants it. Pure.
 */
import { diffWordsWithSpace } from 'diff';

export type DiffPart =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** Unchanged words left out between two changes, or at either end. */
  | { kind: 'gap'; words: number };

/** Words kept on each side of a change. */
export const CONTEXT_WORDS = 30;

const WORD = /\S+/g;
const countWords = (text: string) => text.match(WORD)?.length ?? 0;

/** The first or last `words` words of `text`, with the whitespace between them. */
function edge(text: string, words: number, from: 'start' | 'end'): string {
  const tokens = text.split(/(\s+)/);
  if (from === 'end') tokens.reverse();
  const kept: string[] = [];
  let count = 0;
  for (const token of tokens) {
    if (/\S/.test(token) && count === words) break;
    kept.push(token);
    if (/\S/.test(token)) count++;
  }
  if (from === 'end') kept.reverse();
  return kept.join('');
}

/** The change from `before` to `after`, unchanged runs longer than twice the context cut to it. */
export function textDiff(before: string, after: string, context = CONTEXT_WORDS): DiffPart[] {
  const changes = diffWordsWithSpace(before, after);
  const parts: DiffPart[] = [];
  changes.forEach((change, index) => {
    if (change.added || change.removed) {
      parts.push({ kind: change.added ? 'added' : 'removed', text: change.value });
      return;
    }
    const words = countWords(change.value);
    const first = index === 0;
    const last = index === changes.length - 1;
    const keepStart = first ? 0 : context;
    const keepEnd = last ? 0 : context;
    if (words <= keepStart + keepEnd + 1 && !(first && last)) {
      parts.push({ kind: 'same', text: change.value });
      return;
    }
    if (first && last) {
      parts.push({ kind: 'gap', words });
      return;
    }
    if (keepStart > 0) parts.push({ kind: 'same', text: edge(change.value, keepStart, 'start') });
    parts.push({ kind: 'gap', words: words - keepStart - keepEnd });
    if (keepEnd > 0) parts.push({ kind: 'same', text: edge(change.value, keepEnd, 'end') });
  });
  return parts;
}

/** Words added and removed. */
export function diffCounts(parts: readonly DiffPart[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    if (part.kind === 'added') added += countWords(part.text);
    if (part.kind === 'removed') removed += countWords(part.text);
  }
  return { added, removed };
}
