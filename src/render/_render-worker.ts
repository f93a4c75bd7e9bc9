/**
 * Worker side of the article renderer (items-loader.ts): builds Astro's
 * Markdown processor from the project's Markdown configuration and the
 * settings Astro resolved, renders each item it is sent and writes the result
 * to the rendered-article cache. A body the renderer throws on is answered
 * with the reason, and the loader leaves the item out.
 */
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { serveJobs } from '#src/util/worker-pool.ts';
import type { RenderJob, RenderOutcome, RenderSettings } from './items-loader.ts';
import { markdownConfig } from './markdown.config.ts';
import { writeRendered } from './rendered-fs.ts';

const { shikiConfig, ...settings } = workerData as RenderSettings;
const { transformerNames: _names, ...shiki } = shikiConfig;
const renderer = markdownConfig.processor.createRenderer({
  ...settings,
  shikiConfig: { ...shiki, transformers: markdownConfig.shikiConfig.transformers },
});

serveJobs<RenderJob, RenderOutcome>(async (job) => {
  // A processor that cannot be built, or a rendering that cannot be written, is no item's fault: it throws.
  const processor = await renderer;
  let result: Awaited<ReturnType<typeof processor.render>>;
  try {
    result = await processor.render(job.body, {
      frontmatter: job.media ? { media: job.media } : {},
      fileURL: pathToFileURL(job.file),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problem: message.split('\n')[0]?.trim() || 'the renderer failed without a message' };
  }
  const minutes = result.metadata.frontmatter.readingMinutes;
  writeRendered(job.out, { html: result.code, minutes: typeof minutes === 'number' ? minutes : 1 });
  return null;
});
