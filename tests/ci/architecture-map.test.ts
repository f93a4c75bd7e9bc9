import { describe, expect, it } from 'vitest';
import { checkMap, mappedFolders, namedFolders } from '#scripts/ci/architecture-map.ts';

describe('the architecture map check', () => {
  const files = [
    'src/archive/schema.ts',
    'src/content.config.ts',
    'src/pages/tags/[tag]/[...page].astro',
    'scripts/snapshot.ts',
    'scripts/bench/random.ts',
    'tests/fixtures/feeds/a.xml',
    'README.md',
  ];

  it('lists the folders two levels deep under src/, scripts/ and tests/ that hold files', () => {
    expect(mappedFolders(files)).toEqual(['scripts/bench', 'src/archive', 'src/pages', 'tests/fixtures']);
  });

  it('reads folder names written as code with a trailing slash', () => {
    expect(
      namedFolders('- `src/archive/`: the format\n- `src/pages/` and `scripts/bench/`; `src/x.ts` is a file'),
    ).toEqual(['scripts/bench', 'src/archive', 'src/pages']);
  });

  it('reports folders missing from the map and folders the map names that are gone', () => {
    const map = '`src/archive/` `src/pages/` `scripts/bench/` `src/lib/`';
    expect(checkMap(map, files)).toEqual({ unmapped: ['tests/fixtures'], stale: ['src/lib'] });
  });

  it('finds nothing when the map and the tree agree', () => {
    expect(checkMap('`src/archive/` `src/pages/` `scripts/bench/` `tests/fixtures/`', files)).toEqual({
      unmapped: [],
      stale: [],
    });
  });
});
