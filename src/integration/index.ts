/**
 * The feedshelf Astro integration, the whole product inside a user's
 * astro.config.mjs: at setup it reads feedshelf.config.yaml, sets Astro's
 * configuration (astro-config.ts) and injects the pages (routes.ts); it makes
 * `astro build` the whole build: when the build starts, the previous output is moved aside and deleted in the
 * background (previous-output-fs.ts); when Astro has written the pages, the
 * search index is built and the pages are audited (build-done-fs.ts), and the
 * build prints what it left out, any build-machine path in its output and one
 * summary line through the integration's logger. That last step is a second
 * integration added after the ones feedshelf adds (the sitemap), so it runs
 * when every file of the output is written and its weight is the whole site's;
 * it first copies in the files of feedshelf's own public/ that the site does
 * not override (public-fs.ts).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { formatLocalPathFindings } from '#src/audit/audit-fs.ts';
import { writePartitionManifest } from '#src/partition/finish-fs.ts';
import { formatPartition, type Partition, partitionFromEnvironment } from '#src/partition/partition.ts';
import { partitionPrerenderer, type SitePaths } from '#src/partition/prerenderer.ts';
import { partitionSitemap } from '#src/partition/sitemap.ts';
import { readSiteSettings } from '#src/site-settings-fs.ts';
import { feedshelfAstroConfig } from './astro-config.ts';
import { finishBuild } from './build-done-fs.ts';
import { prepareBuildReport } from './build-report-fs.ts';
import { type FeedshelfUserOptions, optionsFromEnvironment, parseOptions } from './options.ts';
import { overridesPlugin, resolveOverrides } from './overrides.ts';
import { clearPreviousOutput } from './previous-output-fs.ts';
import { copyPackagePublic } from './public-fs.ts';
import { injectedRoutes } from './routes.ts';

export type { FeedshelfOptions, FeedshelfUserOptions } from './options.ts';

/** Options given here win over FEEDSHELF_SEARCH, FEEDSHELF_AUDIT and FEEDSHELF_RENDER_WORKERS. */
/** The partition FEEDSHELF_PARTITION names, checked against the options: one thread renders a partition. */
function buildPartition(renderWorkers: number): Partition | undefined {
  let partition: Partition | undefined;
  try {
    partition = partitionFromEnvironment(process.env);
  } catch (error) {
    throw new AstroError((error as Error).message, 'Give the partition as I/N, e.g. FEEDSHELF_PARTITION=2/4.');
  }
  if (partition !== undefined && renderWorkers > 1) {
    throw new AstroError(
      `A partition of the build (${formatPartition(partition)}) renders its pages on one thread, not ${renderWorkers}.`,
      'Unset FEEDSHELF_RENDER_WORKERS (or renderWorkers) when building a partition: the partitions are the parallelism.',
    );
  }
  return partition;
}

export default function feedshelf(userOptions: FeedshelfUserOptions = {}): AstroIntegration {
  const options = parseOptions({ ...optionsFromEnvironment(), ...userOptions });
  const partition = buildPartition(options.renderWorkers);
  /** In a partition: the whole site's paths, and how many are the partition's, once Astro has listed them. */
  let site: { paths: SitePaths; mine: number } | undefined;
  let base = '/';
  let outDir: string | undefined;
  let publicDir: string | undefined;
  let root = process.cwd();
  let cleared: Promise<void> = Promise.resolve();
  // The lines the last step prints are feedshelf's, under its name.
  let log: AstroIntegrationLogger | undefined;
  // Astro's folder URLs end in "/"; the paths the steps print and rename must not.
  const pathOf = (url: URL) => resolve(fileURLToPath(url));
  const finish: AstroIntegration = {
    name: 'feedshelf:finish',
    hooks: {
      'astro:build:done': async ({ dir, assets, logger: fallback }) => {
        const logger = log ?? fallback;
        await cleared;
        if (publicDir !== undefined) await copyPackagePublic(pathOf(dir), publicDir);
        // A partition's pages are indexed and weighed once merged with the others' (feedshelf merge).
        const search = options.search && partition === undefined;
        const finished = await finishBuild(pathOf(dir), { ...options, search, base, root });
        if (finished.report.localPaths.length > 0) logger.warn(formatLocalPathFindings(finished.report.localPaths));
        if (partition === undefined) {
          logger.info(finished.summary);
          logger.info(finished.size);
          for (const line of finished.overLimits) logger.warn(line);
          return;
        }
        if (site === undefined) throw new AstroError('The partition was built without its list of the site’s pages.');
        const output = await writePartitionManifest(
          pathOf(dir),
          root,
          partition,
          site.paths,
          site.mine,
          assets,
          options.search,
        );
        logger.info(
          `Built partition ${formatPartition(partition)} in ${pathOf(dir)}: ${output.paths} of the site's ${output.site} paths (${output.files} files). Merge the ${partition.of} partitions with \`feedshelf merge\`, which indexes them for search.`,
        );
      },
    },
  };
  return {
    name: 'feedshelf',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, injectRoute }) => {
        const update = feedshelfAstroConfig(
          readSiteSettings(pathOf(config.root)),
          config.root,
          options.renderWorkers,
          (sitemap) => (partition === undefined ? sitemap : partitionSitemap(sitemap, partition, () => site?.paths)),
        );
        const overrides = overridesPlugin(resolveOverrides(options, pathOf(config.root)));
        updateConfig({
          ...update,
          integrations: [...(update.integrations ?? []), finish],
          vite: { ...update.vite, plugins: [overrides] },
        });
        for (const route of injectedRoutes(new URL('../routes/', import.meta.url))) injectRoute(route);
      },
      'astro:config:done': ({ config, logger }) => {
        log = logger;
        base = config.base;
        outDir = pathOf(config.outDir);
        publicDir = pathOf(config.publicDir);
        root = pathOf(config.root);
        // Before the content sync writes this build's list, so a build that stops early reports none.
        prepareBuildReport(root);
      },
      // Before Astro empties the output folder itself, one file at a time.
      'astro:build:start': ({ setPrerenderer }) => {
        if (outDir !== undefined) cleared = clearPreviousOutput(outDir);
        if (partition !== undefined) {
          setPrerenderer(
            partitionPrerenderer(partition, (paths, mine) => {
              site = { paths, mine };
            }),
          );
        }
      },
    },
  };
}
