/**
 * The check that keeps ARCHITECTURE.md a true map of the tree: every source
 * folder (two levels deep under src/, scripts/ and tests/) is named on it, and
 * every folder it names still exists. Pure: the caller lists the files.
 */

/** The roots whose folders the map must name. */
export const MAPPED_ROOTS = ['src', 'scripts', 'tests'] as const;

export interface MapFindings {
  /** Folders with files that the map does not name. */
  unmapped: string[];
  /** Folders the map names that hold no file any more. */
  stale: string[];
}

/** The folders, at most two segments deep, that hold the given files (repository-relative paths). */
export function mappedFolders(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const segments = file.split('/');
    if (!(MAPPED_ROOTS as readonly string[]).includes(segments[0] ?? '') || segments.length < 3) continue;
    folders.add(`${segments[0]}/${segments[1]}`);
  }
  return [...folders].sort();
}

/** Folders named in the map as `` `root/folder/` `` (with the trailing slash). */
export function namedFolders(map: string): string[] {
  const named = new Set<string>();
  for (const match of map.matchAll(/`((?:src|scripts|tests)\/[^`/\s]+)\/`/g)) {
    if (match[1] !== undefined) named.add(match[1]);
  }
  return [...named].sort();
}

export function checkMap(map: string, files: readonly string[]): MapFindings {
  const folders = mappedFolders(files);
  const named = namedFolders(map);
  return {
    unmapped: folders.filter((folder) => !named.includes(folder)),
    stale: named.filter((folder) => !folders.includes(folder)),
  };
}
