/**
 * Where the archive lives. Overridable from the environment so tests, the
 * benchmark and the corpus run can build a separate archive into a separate
 * output folder without touching the project's own content/ and dist/.
 */
export const archivePaths = {
  /** Markdown items: <items>/<feed id>/<YYYY-MM-DD>-<slug>.md */
  items: process.env.FEEDSHELF_ITEMS_DIR ?? 'content/items',
  /** Per-feed fetch state: <state>/<feed id>.json */
  state: process.env.FEEDSHELF_STATE_DIR ?? 'content/state',
};
