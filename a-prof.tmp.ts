import { readFileSync } from 'node:fs';
import { parseFeed } from './src/ingest/parse.ts';
import { convertEntry } from './src/ingest/to-markdown.ts';
const f = await parseFeed(readFileSync('../shared/feeds/forem-2026-04-27.xml','utf8'), 'https://forem.com/feed');
const ctx = { source: 'forem', extraTags: [], firstSeen: '2026-04-28T00:00:00Z', now: '2026-04-28T00:00:00Z' };
for (let i=0;i<3;i++) for (const e of f.entries) convertEntry(e, ctx);
const c0 = process.cpuUsage(); const t0 = performance.now();
for (let i=0;i<15;i++) for (const e of f.entries) convertEntry(e, ctx);
const c = process.cpuUsage(c0); console.log('items per cpu-s', (180/((c.user+c.system)/1e6)).toFixed(0), 'wall', (180/((performance.now()-t0)/1000)).toFixed(0));
