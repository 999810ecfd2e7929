// The client of `stancemap report`: plain browser JavaScript, no build step,
// inlined into the page by src/report/page.ts. Article text only ever reaches
// the DOM as text nodes (textContent, createTextNode), never as markup.
(function () {
  'use strict';

  var LABELS = ['support', 'threat', 'claim'];
  var PAGE_SIZE = 20;
  /** Chunks kept parsed at once: paging through 10,000 articles must not keep them all. */
  var CHUNK_CACHE = 12;
  var model = JSON.parse(document.getElementById('report-data').textContent);
  var actorsById = new Map(model.actors.map(function (a) { return [a.id, a]; }));

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'className') node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  // ---- article chunks: inlined JSON elements, or scripts beside the page loaded on demand ----

  var chunks = new Map();
  var waiting = new Map();

  function remember(index, data) {
    chunks.set(index, data);
    if (chunks.size > CHUNK_CACHE) chunks.delete(chunks.keys().next().value);
    return data;
  }

  window.__stancemapChunk = function (index, data) {
    remember(index, data);
    var wait = waiting.get(index);
    if (wait) {
      waiting.delete(index);
      wait.resolve(data);
    }
  };

  function loadChunk(index) {
    if (chunks.has(index)) return Promise.resolve(chunks.get(index));
    var inline = document.querySelector('script.article-chunk[data-chunk="' + index + '"]');
    if (inline) return Promise.resolve(remember(index, JSON.parse(inline.textContent)));
    if (waiting.has(index)) return waiting.get(index).promise;
    var wait = {};
    wait.promise = new Promise(function (resolve, reject) {
      wait.resolve = resolve;
      var script = el('script', { src: encodeURI(model.chunkDir) + '/articles-' + String(index).padStart(4, '0') + '.js' });
      script.onerror = function () {
        waiting.delete(index);
        reject(new Error('cannot load ' + script.src));
      };
      document.head.appendChild(script);
    });
    waiting.set(index, wait);
    return wait.promise;
  }

  function loadArticle(doc) {
    var entry = model.articles[doc];
    return loadChunk(entry.chunk).then(function (data) {
      return data.find(function (view) { return view.docId === entry.docId; });
    });
  }

  // ---- highlighted article text ----

  /** Spans sorted by start, asked in order of position: which one covers [a, b)? A sweep, so long articles stay linear. */
  function coverer(spans) {
    var sorted = spans.slice().sort(function (x, y) { return x.start - y.start || y.end - x.end; });
    var next = 0;
    var active = [];
    return function (a, b) {
      while (next < sorted.length && sorted[next].start <= a) active.push(sorted[next++]);
      active = active.filter(function (x) { return x.end > a; });
      return active.find(function (x) { return x.end >= b; }) || null;
    };
  }

  /** The pieces between every mention and statement boundary; each is covered by at most one of each (the earliest). */
  function segments(view) {
    var mentions = [];
    view.entities.forEach(function (entity) {
      entity.mentions.forEach(function (m) { mentions.push({ start: m[0], end: m[1], entity: entity }); });
    });
    var cuts = new Set([0, view.text.length]);
    mentions.forEach(function (m) { cuts.add(m.start); cuts.add(m.end); });
    view.statements.forEach(function (s) { cuts.add(s.start); cuts.add(s.end); });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    var mentionAt = coverer(mentions);
    var statementAt = coverer(view.statements);
    var out = [];
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1];
      out.push({ start: a, end: b, mention: mentionAt(a, b), statement: statementAt(a, b) });
    }
    return out;
  }

  function mentionNode(view, piece) {
    var entity = piece.mention.entity;
    var title = entity.name + ' (' + entity.type + (entity.kbId ? ', ' + entity.kbId : '') + ')';
    return el('mark', { className: 'mention m-' + entity.type, 'data-entity': entity.id, 'data-actor': entity.actor || '', 'data-name': entity.name.toLowerCase(), title: title }, [
      view.text.slice(piece.start, piece.end),
    ]);
  }

  function renderText(view, statementInfo) {
    var box = el('div', { className: 'text' });
    var holder = null;
    var lastStatement = null;
    var lastMention = null;
    segments(view).forEach(function (piece) {
      if (piece.statement !== lastStatement) {
        holder = piece.statement ? el('span', { className: 'stmt st-' + piece.statement.label, 'data-statement': piece.statement.id }) : null;
        if (holder) {
          statementInfo.set(holder, { view: view, statement: piece.statement });
          box.appendChild(holder);
        }
        lastStatement = piece.statement;
        lastMention = null;
      }
      var parent = holder || box;
      if (piece.mention && piece.mention === lastMention) parent.lastChild.appendChild(document.createTextNode(view.text.slice(piece.start, piece.end)));
      else parent.appendChild(piece.mention ? mentionNode(view, piece) : document.createTextNode(view.text.slice(piece.start, piece.end)));
      lastMention = piece.mention;
    });
    return box;
  }

  function chips(view) {
    var box = el('p', { className: 'chips' });
    view.entities.forEach(function (entity) {
      var inGraph = entity.actor && actorsById.has(entity.actor);
      var chip = el('span', { className: 'chip m-' + entity.type, 'data-entity': entity.id, title: entity.type + (entity.kbId ? ', ' + entity.kbId : '') + (inGraph ? ', in the graph' : '') }, [
        entity.name + (inGraph ? ' \u25c9' : ''),
      ]);
      box.appendChild(chip);
    });
    return box;
  }

  function renderArticle(doc, view, statementInfo) {
    var heading = view.title || view.docId;
    var meta = [view.docId, view.date || 'no date'];
    var card = el('article', { className: 'doc', id: 'doc-' + doc, 'data-doc': view.docId }, [
      el('h3', { text: heading }),
      el('p', { className: 'meta', text: meta.join(' \u00b7 ') + (view.url ? ' \u00b7 ' + view.url : '') }),
      chips(view),
      renderText(view, statementInfo),
    ]);
    return card;
  }

  // ---- the statement tooltip ----

  var tip = document.getElementById('tip');
  var statementInfo = new WeakMap();

  function entityName(view, id) {
    var entity = view.entities.find(function (e) { return e.id === id; });
    return entity ? entity.name : id;
  }

  function showTip(target, event) {
    var info = statementInfo.get(target);
    if (!info) return;
    var s = info.statement;
    var rows = [
      ['label', s.label],
      ['speaker', s.speaker ? entityName(info.view, s.speaker) : s.speakerText || '(none)'],
      ['targets', s.targets.length ? s.targets.map(function (t) { return entityName(info.view, t); }).join(', ') : '(none)'],
      ['cue', s.cue || '(none)'],
      ['rule', s.rule || '(none)'],
      ['confidence', s.confidence.toFixed(2)],
    ];
    var list = el('dl');
    rows.forEach(function (row) {
      list.appendChild(el('dt', { text: row[0] }));
      list.appendChild(el('dd', { text: row[1] }));
    });
    tip.replaceChildren(list);
    tip.hidden = false;
    tip.style.left = Math.min(event.clientX + 12, window.innerWidth - 400) + 'px';
    tip.style.top = event.clientY + 16 + 'px';
  }

  var articlesBox = document.getElementById('articles');
  articlesBox.addEventListener('mouseover', function (event) {
    var target = event.target.closest('.stmt');
    if (target) showTip(target, event);
    else tip.hidden = true;
  });
  articlesBox.addEventListener('mouseleave', function () { tip.hidden = true; });
  articlesBox.addEventListener('click', function (event) {
    var hit = event.target.closest('[data-entity]');
    if (!hit) return;
    var card = hit.closest('article.doc');
    var id = hit.getAttribute('data-entity');
    var on = !hit.classList.contains('sel');
    card.querySelectorAll('[data-entity]').forEach(function (node) {
      node.classList.toggle('sel', on && node.getAttribute('data-entity') === id);
    });
  });

  // ---- the article list: filter and pages ----

  var state = { label: '', speaker: '', entity: '', page: 0, matches: [] };
  var lowerNames = model.names.map(function (name) { return name.toLowerCase(); });

  function namesMatching(text) {
    var needle = text.trim().toLowerCase();
    if (!needle) return null;
    var set = new Set();
    lowerNames.forEach(function (name, i) { if (name.indexOf(needle) >= 0) set.add(i); });
    return set;
  }

  function applyFilter() {
    var bit = state.label ? 1 << LABELS.indexOf(state.label) : 0;
    var speakers = namesMatching(state.speaker);
    var entities = namesMatching(state.entity);
    var some = function (list, set) { return list.some(function (i) { return set.has(i); }); };
    state.matches = [];
    model.articles.forEach(function (entry, doc) {
      if (bit && !(entry.labels & bit)) return;
      if (speakers && !some(entry.speakers, speakers)) return;
      if (entities && !some(entry.entities, entities)) return;
      state.matches.push(doc);
    });
    document.getElementById('match-count').textContent = state.matches.length + ' of ' + model.articles.length + ' articles';
  }

  function pagerInto(box) {
    var pages = Math.max(1, Math.ceil(state.matches.length / PAGE_SIZE));
    var button = function (text, page, disabled) {
      var b = el('button', { type: 'button', text: text });
      b.disabled = disabled;
      b.addEventListener('click', function () { showPage(page); });
      return b;
    };
    box.replaceChildren(
      button('\u00ab first', 0, state.page === 0),
      button('\u2039 previous', state.page - 1, state.page === 0),
      el('span', { text: ' page ' + (state.page + 1) + ' of ' + pages + ' ' }),
      button('next \u203a', state.page + 1, state.page >= pages - 1),
      button('last \u00bb', pages - 1, state.page >= pages - 1),
    );
  }

  /** Dims statements of other labels and marks mentions of the filtered entity, so the reason an article matched shows. */
  function markMatches(card) {
    var needle = state.entity.trim().toLowerCase();
    card.querySelectorAll('.stmt').forEach(function (node) {
      node.classList.toggle('dim', Boolean(state.label) && !node.classList.contains('st-' + state.label));
    });
    if (!needle) return;
    card.querySelectorAll('mark.mention').forEach(function (node) {
      node.classList.toggle('hit', node.getAttribute('data-name').indexOf(needle) >= 0);
    });
  }

  var rendering = 0;

  function showPage(page) {
    state.page = page;
    pagerInto(document.getElementById('pager'));
    pagerInto(document.getElementById('pager-bottom'));
    var docs = state.matches.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    var ticket = ++rendering;
    return Promise.all(docs.map(loadArticle)).then(function (views) {
      if (ticket !== rendering) return;
      var cards = views.map(function (view, i) {
        var card = renderArticle(docs[i], view, statementInfo);
        markMatches(card);
        return card;
      });
      articlesBox.replaceChildren.apply(articlesBox, cards.length ? cards : [el('p', { className: 'empty', text: 'No article matches the filter.' })]);
    });
  }

  function refilter() {
    state.label = document.getElementById('filter-label').value;
    state.speaker = document.getElementById('filter-speaker').value;
    state.entity = document.getElementById('filter-entity').value;
    applyFilter();
    return showPage(0);
  }

  function fillDatalists() {
    var fill = function (id, key) {
      var used = new Set();
      model.articles.forEach(function (entry) { entry[key].forEach(function (i) { used.add(i); }); });
      var list = document.getElementById(id);
      Array.from(used).sort(function (a, b) { return lowerNames[a] < lowerNames[b] ? -1 : 1; }).slice(0, 5000).forEach(function (i) {
        list.appendChild(el('option', { value: model.names[i] }));
      });
    };
    fill('speaker-names', 'speakers');
    fill('entity-names', 'entities');
  }

  var filters = document.getElementById('filters');
  filters.addEventListener('input', refilter);
  filters.addEventListener('change', refilter);
  filters.addEventListener('reset', function () { setTimeout(refilter, 0); });
  filters.addEventListener('submit', function (event) { event.preventDefault(); });

  /** Opens an article at one statement: clears the filter, goes to its page, scrolls to the statement and flashes it. */
  function showStatement(doc, statementId) {
    ['filter-label', 'filter-speaker', 'filter-entity'].forEach(function (id) { document.getElementById(id).value = ''; });
    state.label = state.speaker = state.entity = '';
    applyFilter();
    return showPage(Math.floor(doc / PAGE_SIZE)).then(function () {
      var card = document.getElementById('doc-' + doc);
      if (!card) return;
      var target = card.querySelector('[data-statement="' + statementId + '"]') || card;
      target.classList.add('flash');
      target.scrollIntoView({ block: 'center' });
    });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-doc]');
    if (!link) return;
    event.preventDefault();
    showStatement(Number(link.getAttribute('data-doc')), link.getAttribute('data-statement'));
  });

  // ---- the actor stance graph ----

  var edgePanel = document.getElementById('edge-panel');

  function statementLink(ref) {
    var entry = model.articles[ref[0]];
    var item = el('li', {}, [
      el('a', { href: '#doc-' + ref[0], 'data-doc': String(ref[0]), 'data-statement': ref[1], text: (entry.title || entry.docId) + ' (' + (entry.date || 'no date') + ')' }),
    ]);
    var quote = el('span', { className: 'quote', text: '\u2026' });
    item.appendChild(quote);
    loadArticle(ref[0]).then(function (view) {
      var s = view && view.statements.find(function (x) { return x.id === ref[1]; });
      quote.textContent = s ? '\u201c' + view.text.slice(s.start, s.end) + '\u201d' : '';
    }, function () { quote.textContent = ''; });
    return item;
  }

  function showEdge(edge) {
    var data = edge.data();
    var list = el('ol', { className: 'edge-statements' });
    var shown = 0;
    var more = el('button', { type: 'button' });
    var step = function () {
      data.refs.slice(shown, shown + 25).forEach(function (ref) { list.appendChild(statementLink(ref)); });
      shown = Math.min(data.refs.length, shown + 25);
      more.textContent = 'show more (' + (data.refs.length - shown) + ' left)';
      more.hidden = shown >= data.refs.length;
    };
    more.addEventListener('click', step);
    edgePanel.replaceChildren(
      el('h3', { text: actorsById.get(data.source).name + ' \u2192 ' + actorsById.get(data.target).name }),
      el('p', {}, [el('span', { className: 'key ' + data.label, text: data.label }), ' ' + data.refs.length + ' statement' + (data.refs.length === 1 ? '' : 's')]),
      list,
      more,
    );
    step();
  }

  function showActor(actor) {
    var select = document.getElementById('timeline-actor');
    select.value = actor.id;
    drawTimeline();
    edgePanel.replaceChildren(
      el('h3', { text: actor.name }),
      el('p', { text: actor.type + (actor.kbId ? ', ' + actor.kbId : ', not in the knowledge base') + '; in ' + actor.docs + ' articles, ' + actor.statements + ' support or threat statements' }),
      el('p', { className: 'hint', text: 'The timeline now shows this actor. Click an arrow to list its statements.' }),
    );
  }

  var TYPE_COLOURS = { PERSON: '#60a5fa', ORGANIZATION: '#f59e0b', LOCATION: '#a78bfa' };

  function graphElements() {
    var nodes = model.actors.map(function (a) {
      return { data: { id: a.id, name: a.name, weight: a.statements, colour: TYPE_COLOURS[a.type] } };
    });
    var edges = model.edges.map(function (e, i) {
      return { data: { id: 'edge' + i, source: e.source, target: e.target, label: e.label, weight: e.refs.length, refs: e.refs } };
    });
    return nodes.concat(edges);
  }

  function graphStyle() {
    var maxNode = Math.max(1, Math.max.apply(null, model.actors.map(function (a) { return a.statements; }).concat([1])));
    var maxEdge = Math.max(1, Math.max.apply(null, model.edges.map(function (e) { return e.refs.length; }).concat([1])));
    return [
      { selector: 'node', style: { label: 'data(name)', 'background-color': 'data(colour)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3,
        width: 'mapData(weight, 1, ' + maxNode + ', 16, 56)', height: 'mapData(weight, 1, ' + maxNode + ', 16, 56)' } },
      { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 1.1, opacity: 0.8,
        width: maxEdge > 1 ? 'mapData(weight, 1, ' + maxEdge + ', 1.5, 10)' : 2 } },
      { selector: 'edge[label = "support"]', style: { 'line-color': '#15803d', 'target-arrow-color': '#15803d' } },
      { selector: 'edge[label = "threat"]', style: { 'line-color': '#c62828', 'target-arrow-color': '#c62828' } },
      { selector: ':selected', style: { 'overlay-color': '#1d4ed8', 'overlay-opacity': 0.25, 'overlay-padding': 4 } },
    ];
  }

  function drawGraph() {
    var box = document.getElementById('graph');
    if (model.edges.length === 0) {
      box.appendChild(el('p', { className: 'empty', text: 'No support or threat statement from one actor to another in these articles.' }));
      return null;
    }
    var cy = cytoscape({ container: box, elements: graphElements(), style: graphStyle(), layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 12000; }, idealEdgeLength: function () { return 60; } } });
    cy.on('tap', 'edge', function (event) { showEdge(event.target); });
    cy.on('tap', 'node', function (event) { showActor(actorsById.get(event.target.id())); });
    return cy;
  }

  // ---- the timeline ----

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Every Monday from the first week to the last, so that empty weeks show as gaps. */
  function weeksBetween(first, last) {
    var out = [];
    for (var day = new Date(first + 'T00:00:00Z'); day.toISOString().slice(0, 10) <= last; day.setUTCDate(day.getUTCDate() + 7)) out.push(day.toISOString().slice(0, 10));
    return out;
  }

  function drawTimeline() {
    var box = document.getElementById('timeline');
    var id = document.getElementById('timeline-actor').value;
    var counts = id ? model.timeline.byActor[id] || {} : model.timeline.all;
    var known = Object.keys(model.timeline.all).sort();
    if (known.length === 0) {
      box.replaceChildren(el('p', { className: 'empty', text: 'No dated article: the timeline needs article dates.' }));
      return;
    }
    var weeks = weeksBetween(known[0], known[known.length - 1]);
    var max = Math.max.apply(null, weeks.map(function (w) { var c = counts[w] || [0, 0, 0]; return c[0] + c[1] + c[2]; }).concat([1]));
    var width = 1000, height = 220, left = 36, bottom = 24, plot = height - bottom - 8;
    var step = (width - left) / weeks.length;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none', role: 'img', 'aria-label': 'statements per week' });
    weeks.forEach(function (week, i) {
      var c = counts[week] || [0, 0, 0];
      var y = height - bottom;
      var group = svg('g', {});
      group.appendChild(svg('title', {}, 'week of ' + week + ': ' + c[0] + ' support, ' + c[1] + ' threat, ' + c[2] + ' claim'));
      c.forEach(function (n, k) {
        if (!n) return;
        var h = (n / max) * plot;
        y -= h;
        group.appendChild(svg('rect', { class: 'bar-' + LABELS[k], x: left + i * step + step * 0.1, y: y, width: Math.max(1, step * 0.8), height: h }));
      });
      chart.appendChild(group);
      if (i % Math.ceil(weeks.length / 8) === 0) chart.appendChild(svg('text', { class: 'axis', x: left + i * step, y: height - 6 }, week));
    });
    chart.appendChild(svg('text', { class: 'axis', x: 0, y: 14 }, String(max)));
    chart.appendChild(svg('text', { class: 'axis', x: 0, y: height - bottom }, '0'));
    box.replaceChildren(chart);
    if (model.timeline.undated) box.appendChild(el('p', { className: 'hint', text: model.timeline.undated + ' statements are in articles without a date and not shown.' }));
  }

  function fillTimelineActors() {
    var select = document.getElementById('timeline-actor');
    model.actors.forEach(function (a) { select.appendChild(el('option', { value: a.id, text: a.name + ' (' + a.statements + ')' })); });
    select.addEventListener('change', drawTimeline);
  }

  // ---- the run summary ----

  function table(headers, rows) {
    return el('table', {}, [
      el('thead', {}, [el('tr', {}, headers.map(function (h) { return el('th', { text: h }); }))]),
      el('tbody', {}, rows.map(function (row) { return el('tr', {}, row.map(function (cell) { return el('td', { text: String(cell) }); })); })),
    ]);
  }

  function drawSummary() {
    var s = model.summary;
    var box = document.getElementById('summary');
    var parts = [
      el('h3', { text: 'This report' }),
      table(['articles', 'entities', 'support', 'threat', 'claim', 'actors in the graph', 'edges'], [[s.articles, s.entities, s.statements[0], s.statements[1], s.statements[2], model.actors.length, model.edges.length]]),
    ];
    if (s.invalid.length) parts.push(el('h3', { text: 'Files that are not articles' }), table(['code', 'path', 'reason'], s.invalid.map(function (f) { return [f.code, f.path, f.reason]; })));
    var m = s.manifest;
    if (!m) parts.push(el('p', { className: 'empty', text: 'The folder has no manifest.json: no run counts, failures or models to show.' }));
    else {
      parts.push(el('h3', { text: 'The extract run (' + m.tool + ', ' + m.startedAt + ', ' + (m.durationMs / 1000).toFixed(1) + ' s)' }));
      parts.push(table(Object.keys(m.counts), [Object.keys(m.counts).map(function (k) { return m.counts[k]; })]));
      parts.push(el('h3', { text: 'Failures (' + (m.failures.length + m.moreFailures) + ')' }));
      if (m.failures.length) parts.push(table(['code', 'docId', 'path', 'reason'], m.failures.map(function (f) { return [f.code, f.docId || '', f.path, f.reason]; })));
      else parts.push(el('p', { className: 'empty', text: 'none' }));
      if (m.moreFailures) parts.push(el('p', { className: 'hint', text: 'and ' + m.moreFailures + ' more in manifest.json' }));
      parts.push(el('h3', { text: 'Models' }), table(['name', 'version', 'kind'], m.models.map(function (x) { return [x.name, x.version, x.kind]; })));
    }
    box.replaceChildren.apply(box, parts);
  }

  // ---- start ----

  document.getElementById('source').textContent = model.source + ' \u00b7 ' + model.articles.length + ' articles \u00b7 generated ' + model.generated;
  drawSummary();
  fillTimelineActors();
  drawTimeline();
  fillDatalists();
  var cy = drawGraph();
  applyFilter();
  var ready = showPage(0);
  // For tests and for anyone scripting the page from the console.
  window.__stancemapReport = { model: model, cy: cy, ready: ready, showStatement: showStatement, loadChunk: loadChunk };
})();
