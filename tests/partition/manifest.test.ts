/**
 * The merge's first check: the manifests must be one site's N partitions,
 * each once, of the same pages and commit, rendering every path between them.
 */
import { describe, expect, it } from 'vitest';
import { manifestProblems, partitionManifest } from '#src/partition/manifest.ts';

const SITE = { paths: 10, digest: 'a'.repeat(64) };
const part = (index: number, of: number, paths: number, extra: { commit?: string; digest?: string } = {}) => ({
  dir: `parts/p${index}`,
  manifest: partitionManifest(
    { index, of },
    { ...SITE, digest: extra.digest ?? SITE.digest },
    paths,
    [`items/${index}/index.html`],
    extra.commit ?? 'c0ffee',
  ),
});

describe('manifestProblems', () => {
  it('finds none in a whole set', () => {
    expect(manifestProblems([part(1, 3, 3), part(2, 3, 4), part(3, 3, 3)])).toEqual([]);
  });

  it('names the missing and the doubled partitions', () => {
    expect(manifestProblems([part(1, 4, 3), part(1, 4, 3), part(4, 4, 4)])).toEqual([
      'parts/p1 (partition 1/4) and parts/p1 are the same partition.',
      'partition(s) 2/4, 3/4 missing.',
    ]);
  });

  it('names partitions of another count, site or commit', () => {
    expect(manifestProblems([part(1, 2, 5), part(2, 3, 5, { digest: 'b'.repeat(64), commit: 'beef' })])).toEqual([
      'parts/p2 (partition 2/3) is one of 3 partitions, parts/p1 one of 2.',
      'parts/p2 (partition 2/3) has other pages than parts/p1: they were built from different archives.',
      'parts/p2 (partition 2/3) was built from commit beef, parts/p1 from c0ffee.',
    ]);
  });

  it('counts the paths the partitions rendered against the site', () => {
    expect(manifestProblems([part(1, 2, 5), part(2, 2, 4)])).toEqual([
      'the partitions rendered 9 paths between them, the site has 10.',
    ]);
    expect(manifestProblems([])).toEqual(['no partition was given.']);
  });

  it('sorts the files a partition rendered', () => {
    expect(partitionManifest({ index: 1, of: 1 }, SITE, 10, ['b', 'a'], undefined)).toEqual({
      version: 1,
      partition: { index: 1, of: 1 },
      site: SITE,
      paths: 10,
      files: ['a', 'b'],
    });
  });
});
