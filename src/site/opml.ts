/** The archive's sources as OPML: every source with a feed URL, in the archive's order. Pure. */
import { type OpmlOutput, renderOpml } from '#src/util/opml.ts';
import type { SourceInfo } from './archive.ts';

export function sourcesOpml(title: string, sources: readonly Pick<SourceInfo, 'name' | 'state'>[]): string {
  const feeds = sources.flatMap((source): OpmlOutput[] =>
    source.state?.url
      ? [
          {
            url: source.state.url,
            title: source.name,
            ...(source.state.siteUrl ? { siteUrl: source.state.siteUrl } : {}),
          },
        ]
      : [],
  );
  return renderOpml(title, feeds);
}
