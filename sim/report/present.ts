// `index.html?present`: the report as screens a projector can show — the question (title and
// description), the comparison, every chart panel on its own screen drawn for the screen, the
// replay playing in place, and the verdict last. Arrow keys, PageUp/PageDown and space step; Home
// and End go to the first and last screen; #<chart file> in the address opens at that chart.
// The normal page is untouched: everything here applies only under html.present, and the
// charts' SVG text is enlarged in the browser (CSS beats an SVG presentation attribute), so the
// chart files and the page's bytes stay what the chart code drew.

/** Smallest chart text on a screen, in CSS pixels as rendered. */
const SCREEN_TEXT_PX = 16;

export const PRESENT_CSS = `
html.present, html.present body { overflow-x: hidden; }
html.present body { max-width: none; padding: 0 3vw; font-size: 26px; }
html.present .screen { min-height: 100vh; box-sizing: border-box; padding: 3vh 0; display: flex; flex-direction: column; justify-content: center; }
html.present h1 { font-size: 54px; } html.present h2 { font-size: 36px; border: 0; margin: 0 0 12px; }
html.present .meta, html.present figcaption { font-size: 20px; }
html.present table { font-size: 22px; } html.present .scroll { overflow: visible; }
html.present table.comparison th { max-width: none; }
html.present figure { margin: 0; } html.present.ready figure > svg { display: none; }
html.present figure svg.for-screen { display: block; width: 100%; height: auto; max-height: calc(100vh - 6vh - 80px); border: 0; margin: 0 auto; }
html.present .summary, html.present header .verdict, html.present header .meta, html.present .replays-list, html.present body > h2 { display: none; }
html.present .present-only { display: flex; }
.present-only { display: none; }
html.present .replay-screen iframe { width: 100%; height: calc(100vh - 6vh - 120px); border: 1px solid #ccc; border-radius: 6px; }
html.present .replay-screen .buttons button { font: inherit; font-size: 20px; margin: 0 8px 8px 0; padding: 4px 14px; }
html.present .replay-screen .buttons button.on { background: #0072B2; color: #fff; }
html.present .verdict-screen p { font-size: 34px; line-height: 1.4; }
@media print { html.present .screen { break-after: page; } }
`;

export const PRESENT_SCRIPT = `(function () {
  if (!/[?&]present(=|&|$)/.test(location.search)) return;
  document.documentElement.classList.add('present');
  var MIN = ${SCREEN_TEXT_PX};
  var NS = 'http://www.w3.org/2000/svg';
  function screens() { return Array.prototype.slice.call(document.querySelectorAll('.screen')); }
  // one screen per chart panel: a copy of the chart cropped to the panel (with its title above it)
  function panelScreens(figure) {
    var svg = figure.querySelector('svg');
    if (!svg) return;
    var panels = Array.prototype.slice.call(svg.querySelectorAll('[data-panel]'));
    var caption = figure.querySelector('figcaption');
    var boxes = panels.length > 1 ? panels.map(function (p) {
      var b = p.getBBox(), m = p.transform.baseVal.consolidate(), tx = m ? m.matrix.e : 0, ty = m ? m.matrix.f : 0;
      return [b.x + tx - 8, b.y + ty - 26, b.width + 16, b.height + 36];
    }) : [null];
    var first = true;
    boxes.forEach(function (box, i) {
      var copy = svg.cloneNode(true);
      copy.classList.add('for-screen');
      copy.removeAttribute('width'); copy.removeAttribute('height');
      if (box) copy.setAttribute('viewBox', box.map(function (v) { return v.toFixed(1); }).join(' '));
      var holder = first ? figure : figure.cloneNode(false);
      if (!first) { holder.removeAttribute('id'); figure.parentNode.insertBefore(holder, (figure.__last || figure).nextSibling); figure.__last = holder; }
      holder.insertBefore(copy, first ? caption : null);
      if (!first && caption) holder.appendChild(caption.cloneNode(true));
      if (box) (first ? caption : holder.lastChild).insertAdjacentText('afterbegin', panels[i].getAttribute('data-panel') + ' — ');
      first = false;
    });
  }
  // chart text below MIN rendered pixels is enlarged to MIN
  function enlarge() {
    Array.prototype.forEach.call(document.querySelectorAll('svg.for-screen'), function (svg) {
      var ctm = svg.getScreenCTM();
      var scale = ctm ? Math.hypot(ctm.a, ctm.b) : 0;
      if (!(scale > 0)) return;
      Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) {
        if (t.dataset.size === undefined) t.dataset.size = String(parseFloat(getComputedStyle(t).fontSize));
        var size = Number(t.dataset.size);
        t.style.fontSize = size * scale < MIN ? (MIN / scale).toFixed(2) + 'px' : '';
      });
    });
  }
  // the comparison table at the largest type that fits the screen's width
  function fitTables() {
    Array.prototype.forEach.call(document.querySelectorAll('.screen table'), function (table) {
      table.style.fontSize = '';
      var room = table.parentNode.clientWidth, need = table.scrollWidth;
      if (need > room) table.style.fontSize = Math.max(12, Math.floor(22 * room / need) - 1) + 'px';
    });
  }
  function replayScreen() {
    var links = Array.prototype.slice.call(document.querySelectorAll('.replays-list a'));
    if (links.length === 0) return;
    var section = document.createElement('section');
    section.className = 'screen replay-screen present-only';
    section.id = 'replay-screen';
    var h = document.createElement('h2'); h.textContent = 'Replay: the failover, message by message';
    var buttons = document.createElement('div'); buttons.className = 'buttons';
    var frame = document.createElement('iframe'); frame.title = 'replay';
    links.forEach(function (a, i) {
      var b = document.createElement('button'); b.textContent = a.textContent; b.setAttribute('data-replay', a.getAttribute('href'));
      b.addEventListener('click', function () { show(i); });
      buttons.appendChild(b);
    });
    function show(i) {
      Array.prototype.forEach.call(buttons.children, function (b, k) { b.classList.toggle('on', k === i); });
      frame.src = links[i].getAttribute('href') + '#play';
    }
    section.appendChild(h); section.appendChild(buttons); section.appendChild(frame);
    var pick = Math.max(0, links.findIndex(function (a) { return a.hasAttribute('data-election'); }));
    section.__show = function () { if (!frame.getAttribute('src')) show(pick); };
    document.body.insertBefore(section, document.querySelector('.summary'));
  }
  function verdictScreen() {
    var verdict = document.querySelector('header .verdict');
    if (!verdict) return;
    var section = document.createElement('section');
    section.className = 'screen verdict-screen present-only';
    section.id = 'verdict-screen';
    var h = document.createElement('h2'); h.textContent = 'Verdict';
    section.appendChild(h); section.appendChild(verdict.cloneNode(true));
    document.body.insertBefore(section, document.querySelector('.summary'));
  }
  var current = 0;
  function go(i) {
    var all = screens();
    current = Math.max(0, Math.min(all.length - 1, i));
    all[current].scrollIntoView();
    if (all[current].__show) all[current].__show();
    document.documentElement.setAttribute('data-screen', String(current));
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('figure.screen'), panelScreens);
    document.documentElement.classList.add('ready'); // the charts as drawn give way to their screen copies
    replayScreen();
    verdictScreen();
    fitTables();
    enlarge();
    // index.html?present#scaling.svg opens at that chart's first screen (a lecture plan's bookmark)
    var named = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    go(Math.max(0, screens().indexOf(named)));
  });
  window.addEventListener('resize', function () { fitTables(); enlarge(); });
  var STEPS = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1, Home: -Infinity, End: Infinity };
  document.addEventListener('keydown', function (e) {
    var step = STEPS[e.key];
    if (!step) return;
    e.preventDefault();
    go(current + step);
  });
  // the replay page in the replay screen passes these keys on when it has the focus
  window.addEventListener('message', function (e) {
    var step = e.data && STEPS[e.data.leadsimKey];
    if (step) go(current + step);
  });
})();`;
