/** What changed between versions: word by word, long unchanged stretches cut to their context. */
import { describe, expect, it } from 'vitest';
import { diffCounts, textDiff } from '#src/site/diff.ts';
import { groupRevisions, revisionKey, versionViews } from '#src/site/revisions.ts';

const words = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `w${from + i}`).join(' ');

describe('textDiff', () => {
  it('marks added and removed words and keeps short unchanged runs whole', () => {
    expect(textDiff('the cat sat', 'the dog sat')).toEqual([
      { kind: 'same', text: 'the ' },
      { kind: 'removed', text: 'cat' },
      { kind: 'added', text: 'dog' },
      { kind: 'same', text: ' sat' },
    ]);
  });

  it('cuts a long unchanged stretch to the context on each side of the changes', () => {
    const before = `${words(1, 50)} old ${words(51, 100)} gone`;
    const after = `${words(1, 50)} new ${words(51, 100)} gone`;
    const parts = textDiff(before, after, 3);
    expect(parts).toEqual([
      { kind: 'gap', words: 47 },
      { kind: 'same', text: ' w48 w49 w50 ' },
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: 'new' },
      { kind: 'same', text: ' w51 w52 w53 ' },
      { kind: 'gap', words: 48 },
    ]);
    expect(diffCounts(parts)).toEqual({ added: 1, removed: 1 });
  });

  it('keeps between two changes only the context of each', () => {
    const parts = textDiff(`a ${words(1, 20)} b`, `x ${words(1, 20)} y`, 2);
    expect(parts.map((part) => (part.kind === 'gap' ? `[${part.words}]` : `${part.kind}:${part.text}`))).toEqual([
      'removed:a',
      'added:x',
      'same: w1 w2 ',
      '[16]',
      'same: w19 w20 ',
      'removed:b',
      'added:y',
    ]);
  });

  it('says nothing changed as one gap when the texts are equal', () => {
    expect(textDiff('same words here', 'same words here')).toEqual([{ kind: 'gap', words: 3 }]);
  });
});

describe('revisions of an item', () => {
  const day = (d: number) => new Date(Date.UTC(2026, 4, d));
  it('reads version ids and groups them by item in version order', () => {
    expect(revisionKey('feed/2026-01-01-post/3')).toEqual({ itemId: 'feed/2026-01-01-post', number: 3 });
    expect(revisionKey('feed/2026-01-01-post')).toBeUndefined();
    expect(revisionKey('feed/post/0')).toBeUndefined();
    expect(revisionKey('a/b/c/1')).toBeUndefined();
    const entries = ['f/p/10', 'f/p/2', 'f/q/1', 'f/p/1'].map((id) => ({ id, data: { firstSeen: day(1) } }));
    expect([...groupRevisions(entries)].map(([item, list]) => [item, list.map((e) => e.id)])).toEqual([
      ['f/p', ['f/p/1', 'f/p/2', 'f/p/10']],
      ['f/q', ['f/q/1']],
    ]);
  });

  it("dates each version by the item's list, else the version's own dates, and the current one last", () => {
    const item = { id: 'f/p', data: { revisions: [day(1)], updated: day(9), firstSeen: day(1) } };
    const earlier = [
      { id: 'f/p/1', data: { firstSeen: day(1) } },
      { id: 'f/p/2', data: { firstSeen: day(1), updated: day(5) } },
    ];
    expect(versionViews(item, earlier)).toEqual([
      { number: 1, since: day(1), path: 'revisions/f/p/1/', changesPath: 'revisions/f/p/1/changes/' },
      { number: 2, since: day(5), path: 'revisions/f/p/2/', changesPath: 'revisions/f/p/2/changes/' },
      { number: 3, since: day(9), path: 'items/f/p/' },
    ]);
  });
});
