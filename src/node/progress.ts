/** A progress line on a TTY stream: counts, rate, elapsed. Silent (every call a no-op) when not enabled. */
export interface Progress {
  /** Sets the current stage label and count. Redraws at most every 100 ms. */
  tick(label: string, count: number): void;
  /** Clears the line. */
  done(): void;
}

export function progress(options: { enabled: boolean; stream: NodeJS.WriteStream }): Progress {
  if (!options.enabled) return { tick() {}, done() {} };
  const { stream } = options;
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    tick(label, count) {
      const now = performance.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? Math.round(count / seconds) : 0;
      stream.write(`\r\x1b[K${label}: ${count.toLocaleString('en')} rows, ${rate.toLocaleString('en')}/s, ${seconds.toFixed(1)} s`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
