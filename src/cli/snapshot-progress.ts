/**
 * The snapshot's progress on stderr while feeds run, so a long run is never
 * silent: on a terminal, one status line that redraws itself (feeds done of
 * all, and what the feed in hand is doing: fetching, reading, items written of
 * those to write), cleared before each feed's own line; elsewhere, or with
 * CI=true, a plain line at most every 10 s. Nothing goes to stdout, which holds
 * the JSON report.
 */
import type { SnapshotProgress } from '#src/ingest/snapshot.ts';
import type { CliIo } from './io.ts';

/** A plain progress line at most this often, when stderr is not a terminal. */
export const PLAIN_INTERVAL_MS = 10_000;
/** The status line is redrawn at most this often. */
const REDRAW_MS = 100;
const CLEAR = '\r\x1b[2K';

export interface Progress {
  update(event: SnapshotProgress): void;
  /** Feed `id` finished: its report line, printed in full. */
  feedDone(id: string, line: string): void;
  /** A line of its own (a note), printed in full. */
  line(text: string): void;
  /** The run is over: the status line is cleared. */
  end(): void;
}

const count = (n: number) => n.toLocaleString('en-US');

function activity(event: SnapshotProgress): string {
  if (event.phase === 'writing') return `${count(event.done)} of ${count(event.total)} items`;
  return event.phase === 'fetching' ? 'fetching' : 'reading the feed';
}

/** Whether stderr gets the redrawn line: a terminal, and not CI. */
export function isLive(io: CliIo): boolean {
  const ci = io.env.CI;
  return io.stderr.isTTY === true && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

export function startProgress(io: CliIo, feeds: number, now: () => number = () => performance.now()): Progress {
  const live = isLive(io);
  const running = new Map<string, SnapshotProgress>();
  let done = 0;
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastPlain = now();
  let latest: string | undefined;

  const status = (): string => {
    const event = latest === undefined ? undefined : running.get(latest);
    const head = `${count(done)} of ${count(feeds)} feed${feeds === 1 ? '' : 's'} done`;
    if (!event) return head;
    const others = running.size - 1;
    const more = others > 0 ? ` (and ${others} more running)` : '';
    return `${head}; ${event.feed}: ${activity(event)}${more}`;
  };
  const draw = () => {
    // A terminal that reports no width (0, as under `script`) is taken to be 80 columns.
    const width = Math.max(20, (io.stderr.columns || 80) - 1);
    const text = status();
    io.stderr.write(`${CLEAR}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = true;
    lastDraw = now();
  };
  const clear = () => {
    if (shown) io.stderr.write(CLEAR);
    shown = false;
  };
  return {
    update(event) {
      running.set(event.feed, event);
      latest = event.feed;
      const at = now();
      if (live) {
        if (at - lastDraw >= REDRAW_MS) draw();
      } else if (at - lastPlain >= PLAIN_INTERVAL_MS) {
        io.stderr.write(`progress: ${status()}\n`);
        lastPlain = at;
      }
    },
    feedDone(id, line) {
      done++;
      running.delete(id);
      if (latest !== undefined && !running.has(latest)) latest = running.keys().next().value;
      clear();
      io.stderr.write(`${line}\n`);
      if (live && done < feeds) draw();
    },
    line(text) {
      clear();
      io.stderr.write(`${text}\n`);
      if (live && running.size > 0) draw();
    },
    end() {
      clear();
    },
  };
}
