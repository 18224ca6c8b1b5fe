// Bundles the CLI for start-up speed: `tsc -p .` type-checks and writes dist/ module by module
// (the tests and the bench use that), then this overwrites dist/bin/leadsim.js with an esbuild
// bundle of it. Loading ~250 small files (zod alone resolves ~230, 64 of them locales we never
// use; yaml 74) cost more than the code in them; one file per command loads in a fraction.
// Splitting keeps every command's dynamic import lazy: `--version` loads the entry and commander,
// `validate` adds the scenario loader, only `run` the simulator and the report writers.
// The pool's worker is its own entry, dist/bin/worker.js, beside the chunks that look it up
// with new URL('./worker.js', import.meta.url); the chunks sit in dist/bin/ too, so bin/paths.ts
// still finds the package root two levels up. tinypool (it starts its own worker file by path)
// stays external, loaded from node_modules. d3-node and its jsdom are bundled into the charts'
// chunk: jsdom's ~600 CommonJS files cost more to find and load than to run (see jsdomWorker).
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist/bin';
// the previous bundle's chunks (named <name>-<hash>.js; tsc's files there have no hash)
for (const file of readdirSync(outdir, { withFileTypes: true })) {
  if (file.isFile() && /-[A-Z0-9]{8}\.js$/.test(file.name)) rmSync(join(outdir, file.name));
}

// The replay page embeds the player's functions as their source text (Function.prototype.toString):
// esbuild would reprint them (other quotes, indents, numbers), changing every page. The bundle
// imports tsc's dist/sim/report/replay/player-*.js instead, so the pages stay byte for byte the same.
const playerFromTsc = {
  name: 'player-from-tsc',
  setup(build) {
    build.onResolve({ filter: /^\.\/player-(model|view|main)\.js$/ }, (args) =>
      args.importer.includes(join('sim', 'report', 'replay'))
        ? { path: `../sim/report/replay/${args.path.slice(2)}`, external: true }
        : undefined,
    );
  },
};

// jsdom starts its synchronous XMLHttpRequest in a worker it finds with
// require.resolve('./xhr-sync-worker.js'), relative to its own file. Bundled, that file is gone;
// the package name still resolves from dist/bin/ to node_modules, where the worker file is.
const jsdomWorker = {
  name: 'jsdom-xhr-worker',
  setup(build) {
    build.onLoad({ filter: /jsdom[\\/]lib[\\/]jsdom[\\/]living[\\/]xhr[\\/]XMLHttpRequest-impl\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const local = 'require.resolve("./xhr-sync-worker.js")';
      if (!source.includes(local)) throw new Error(`${args.path}: jsdom no longer resolves ${local}`);
      return { contents: source.replace(local, 'require.resolve("jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js")'), loader: 'js' };
    });
  },
};

await build({
  entryPoints: { leadsim: 'bin/leadsim.ts', worker: 'sim/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['tinypool', 'canvas'],
  plugins: [playerFromTsc, jsdomWorker],
  // the CommonJS packages inside (commander, yaml, seedrandom) call require() for Node's own modules
  banner: { js: "import { createRequire as __leadsimRequire } from 'node:module'; const require = __leadsimRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The playground's engine for the browser (see sim/playground/): one classic script that the page
// runs and, from its own text, starts as its Web Worker. No node: module may be on its path (the
// build fails on one); the charts' d3-node becomes d3 on the page's own DOM. Identifiers keep their
// names: the replay page embeds the player's functions as source text, and they call each other by name.
await build({
  entryPoints: ['sim/playground/main.ts'],
  outfile: 'dist/playground/engine.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome110',
  alias: { 'd3-node': './sim/playground/page-d3-node.ts' },
  inject: ['sim/playground/no-buffer.ts'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
