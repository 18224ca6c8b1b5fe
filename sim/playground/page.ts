// The playground page: one self-contained HTML file (no network, no CDN) holding the engine's
// browser bundle, every bundled scenario and the editor; it opens from a file or any static host.
// The same bundle and scenarios give the same bytes.

/** In the head of every playground page: `playground --out` overwrites only files that carry it. */
export const PLAYGROUND_MARK = '<meta name="generator" content="leadsim playground">';

/** JSON that cannot close the script element it sits in. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
/** A script that cannot close its element: `<\/script` and `<\!--` mean the same in any JavaScript string or regex. */
const scriptText = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const STYLE = `
body { font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; color: #222; margin: 0; }
header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 10px 16px; border-bottom: 1px solid #ddd; background: #fafafa; position: sticky; top: 0; z-index: 1; }
header h1 { font-size: 18px; margin: 0 12px 0 0; }
#progress { width: 180px; }
#status { color: #555; }
.edit { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 16px; padding: 12px 16px; }
.editor { display: flex; border: 1px solid #ccc; border-radius: 4px; height: 440px; overflow: hidden; }
.editor textarea, #gutter { font: 13px/18px ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; margin: 0; padding: 6px 8px; border: 0; }
.editor textarea { flex: 1; resize: none; outline: none; white-space: pre; overflow: auto; tab-size: 2; }
#gutter { color: #999; background: #f4f4f4; text-align: right; min-width: 2.5em; overflow: hidden; user-select: none; }
#gutter .bad { color: #fff; background: #c81e1e; }
#error { color: #7a0f0f; background: #fde8e8; border: 1px solid #c81e1e; border-radius: 4px; padding: 6px 10px; margin: 8px 0 0; cursor: pointer; font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; }
#knobs label { display: block; margin: 0 0 8px; color: #555; }
#knobs input, #knobs select { display: block; width: 100%; box-sizing: border-box; font: inherit; padding: 3px 6px; margin-top: 2px; }
.note { color: #666; font-size: 13px; }
.results { padding: 0 16px 24px; }
#verdict:empty { display: none; }
#verdict { font-size: 15px; background: #eef6ff; border-left: 4px solid #0072B2; padding: 8px 12px; }
iframe { width: 100%; border: 1px solid #ddd; border-radius: 4px; }
#report { height: 0; }
#report[srcdoc] { height: 600px; }
#replay { height: 760px; }
#replay-tabs button.on { font-weight: 600; }
`;

export function playgroundPage(engine: string, scenarios: Readonly<Record<string, string>>, version: string): string {
  return `<!doctype html>
<html lang="en"><head>${PLAYGROUND_MARK}<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>leadsim playground</title>
<style>${STYLE}</style></head>
<body>
<header><h1>leadsim playground</h1>
<label>scenario <select id="scenario" aria-label="bundled scenario"></select></label>
<button id="run">▶ Run</button><button id="stop" disabled>■ Stop</button>
<progress id="progress" max="1" value="0"></progress><span id="status" role="status"></span>
<span style="flex: 1"></span>
<button id="download-yaml">Download YAML</button><button id="download-csv" disabled>Download CSV</button>
</header>
<section class="edit">
<div><div class="editor"><div id="gutter" aria-hidden="true"></div><textarea id="yaml" spellcheck="false" aria-label="scenario YAML"></textarea></div>
<p id="error" role="alert" hidden></p></div>
<aside><div id="knobs"></div>
<p class="note">The knobs edit the YAML; what runs is always the file on the left. Runs use the same engine, seeds and
limits as <code>leadsim run</code> ${version}: the same file gives the same summary.csv. Large sweeps belong to the CLI.</p></aside>
</section>
<section class="results">
<p id="verdict"></p>
<iframe id="report" title="report"></iframe>
<div id="replay-tabs"></div>
<iframe id="replay" title="replay of trial 0" hidden></iframe>
</section>
<script type="application/json" id="leadsim-scenarios">${scriptJson(scenarios)}</script>
<script id="leadsim-engine">${scriptText(engine)}</script>
</body></html>
`;
}
