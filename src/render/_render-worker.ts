/**
 * Worker side of the article renderer (items-loader.ts): builds Astro's
 * Markdown processor from the project's Markdown configuration and the
 * settings Astro resolved, renders each item it is sent and writes the result
 * to the rendered-article cache.
 */
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { serveJobs } from '#src/util/worker-pool.ts';
import type { RenderJob, RenderSettings } from './items-loader.ts';
import { markdownConfig } from './markdown.config.ts';
import { writeRendered } from './rendered-fs.ts';

const { shikiConfig, ...settings } = workerData as RenderSettings;
const { transformerNames: _names, ...shiki } = shikiConfig;
const renderer = markdownConfig.processor.createRenderer({
  ...settings,
  shikiConfig: { ...shiki, transformers: markdownConfig.shikiConfig.transformers },
});

serveJobs<RenderJob, null>(async (job) => {
  const { code, metadata } = await (await renderer).render(job.body, {
    frontmatter: {},
    fileURL: pathToFileURL(job.file),
  });
  const minutes = metadata.frontmatter.readingMinutes;
  writeRendered(job.out, { html: code, minutes: typeof minutes === 'number' ? minutes : 1 });
  return null;
});
