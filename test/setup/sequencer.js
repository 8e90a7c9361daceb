/**
 * The order test files start in. jest starts the longest files first so no worker is left alone at
 * the end, but it knows a file's length only from an earlier run on the same machine (its cache);
 * on a fresh clone (CI) it falls back to file size, which put a 3-minute browser file and the
 * 1-minute forge lint among the last to start. Files jest has no time for go by layer instead,
 * slowest layer first (a browser file drives Chromium and a host for 10 s to 3 min; a unit file takes
 * about a second), and by size within a layer. Failed files still come first and timed files go
 * by their time, as jest does.
 */
const TestSequencer = require('@jest/test-sequencer').default;

/** Slowest first: the per-file time each layer took in CI. */
const LAYER_ORDER = ['browser', 'deploy', 'integration', 'manifest', 'contract', 'unit'];

const layerRank = (test) => {
  const name = test.context.config.displayName?.name;
  const rank = LAYER_ORDER.indexOf(name);
  return rank === -1 ? LAYER_ORDER.length : rank;
};

class LayerSequencer extends TestSequencer {
  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    for (const test of tests) test.duration = this.time(test);
    return tests.sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      const timedA = a.duration != null;
      const timedB = b.duration != null;
      // As jest: a file without a time (new, or never run here) runs before the timed ones.
      if (timedA !== timedB) return timedA ? 1 : -1;
      if (timedA) return b.duration - a.duration;
      return layerRank(a) - layerRank(b) || size(b) - size(a);
    });
  }
}

module.exports = LayerSequencer;
