// SimCLR dashboard: polls the evaluator's read API and draws hand-written SVG charts.
// No framework, no build step. Data: /api/metrics (what each evaluation metric is), /api/runs,
// /api/runs/{run}/{progress,results,reference,embedding}, /api/samples. The run is ?run=<id> or, by default, the most recently active one.
'use strict';

(function () {
  const POLL_MS = 3000;
  const SAMPLES_EVERY = 3; // refreshes between view-pair samples
  const SAMPLE_PAIRS = 8;
  const STALE_SECONDS = 60;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const CLASS_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
    '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

  const state = {
    run: new URLSearchParams(window.location.search).get('run'),
    pinned: new URLSearchParams(window.location.search).has('run'),
    refreshes: 0,
    embeddingStep: null,
    lastOk: null,
    busy: false,
    again: false,
    timer: null,
    metrics: null, // MetricDescription[] from /api/metrics, fetched once
  };

  // ---------------------------------------------------------------- helpers

  const $ = (id) => document.getElementById(id);

  function svgEl(name, attrs, parent) {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, v);
    }
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function setState(cardId, s) {
    $(cardId).dataset.state = s;
  }

  async function getJson(path) {
    const r = await fetch(path, { cache: 'no-store' });
    if (r.status === 404) {
      return null;
    }
    if (!r.ok) {
      throw new Error(path + ': HTTP ' + r.status);
    }
    return r.json();
  }

  const pct = (v) => (100 * v).toFixed(1) + ' %';
  const fixed = (v, d) => (v === null || v === undefined || !isFinite(v) ? '?' : Number(v).toFixed(d));

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds) || seconds < 0) {
      return '?';
    }
    const s = Math.round(seconds);
    if (s >= 3600) {
      return Math.floor(s / 3600) + 'h' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
    }
    if (s >= 60) {
      return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    }
    return s + 's';
  }

  /** About `count` round tick values covering [min, max]. */
  function ticks(min, max, count) {
    const span = max - min;
    if (!(span > 0)) {
      return [min];
    }
    const raw = span / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
    const out = [];
    for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
      out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  function tickText(v, span) {
    if (Math.abs(v) >= 10000) {
      return (v / 1000).toFixed(Math.abs(v) >= 100000 ? 0 : 1) + 'k';
    }
    const digits = span >= 20 ? 0 : span >= 2 ? 1 : span >= 0.2 ? 2 : 3;
    return v.toFixed(digits);
  }

  function extent(values, pad) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!isFinite(lo)) {
      return [0, 1];
    }
    if (hi - lo < 1e-12) {
      const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.05 : 1;
      return [lo - d, hi + d];
    }
    const d = (hi - lo) * pad;
    return [lo - d, hi + d];
  }

  // ---------------------------------------------------------------- charts

  /**
   * Draws a line chart into `svg`.
   * opts: {series: [{name, xs, ys, marker: 'circle'|'square'|null, colour}], refs: [{name, kind, y, colour}],
   *        xLabel, yLabel, yMin, yMax, yFormat, valueFormat (marker titles; default percent)}
   */
  function lineChart(svg, opts) {
    const W = 600;
    const H = 260;
    const m = { left: 52, right: 14, top: 10, bottom: 36 };
    clear(svg);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    const xs = opts.series.flatMap((s) => s.xs);
    let [x0, x1] = extent(xs, 0);
    if (x1 - x0 < 1) {
      x0 -= 1;
      x1 += 1;
    }
    const yValues = opts.series.flatMap((s) => s.ys).concat((opts.refs || []).map((r) => r.y));
    let [y0, y1] = extent(yValues, 0.08);
    if (opts.yMin !== undefined) {
      y0 = Math.max(y0, opts.yMin);
    }
    if (opts.yMax !== undefined) {
      y1 = Math.min(y1, opts.yMax);
    }
    const px = (x) => m.left + ((x - x0) / (x1 - x0)) * (W - m.left - m.right);
    const py = (y) => H - m.bottom - ((y - y0) / (y1 - y0)) * (H - m.top - m.bottom);
    const fmt = opts.yFormat || ((v) => tickText(v, y1 - y0));

    const grid = svgEl('g', { class: 'grid' }, svg);
    for (const t of ticks(y0, y1, 5)) {
      svgEl('line', { class: 'gridline', x1: m.left, x2: W - m.right, y1: py(t), y2: py(t) }, grid);
      svgEl('text', { x: m.left - 6, y: py(t) + 4, 'text-anchor': 'end' }, grid).textContent = fmt(t);
    }
    for (const t of ticks(x0, x1, 6)) {
      if (Number.isInteger(t) || x1 - x0 < 10) {
        svgEl('text', { x: px(t), y: H - m.bottom + 16, 'text-anchor': 'middle' }, grid).textContent =
          tickText(t, x1 - x0);
      }
    }
    svgEl('line', { class: 'axis', x1: m.left, x2: W - m.right, y1: H - m.bottom, y2: H - m.bottom }, svg);
    svgEl('line', { class: 'axis', x1: m.left, x2: m.left, y1: m.top, y2: H - m.bottom }, svg);
    svgEl('text', { class: 'axis-label', x: (m.left + W - m.right) / 2, y: H - 4, 'text-anchor': 'middle' }, svg)
      .textContent = opts.xLabel;
    if (opts.yLabel) {
      svgEl('text', { class: 'axis-label', x: 12, y: (m.top + H - m.bottom) / 2, 'text-anchor': 'middle',
        transform: 'rotate(-90 12 ' + (m.top + H - m.bottom) / 2 + ')' }, svg).textContent = opts.yLabel;
    }

    for (const r of opts.refs || []) {
      const line = svgEl('line', { class: 'ref ref-' + r.kind + ' ref-' + r.series, x1: m.left, x2: W - m.right,
        y1: py(r.y), y2: py(r.y), 'data-ref': r.name, 'data-value': r.y }, svg);
      if (r.colour) {
        line.style.stroke = r.colour;
      }
      svgEl('title', {}, line).textContent = r.title;
    }

    for (const s of opts.series) {
      const d = s.xs.map((x, i) => (i === 0 ? 'M' : 'L') + px(x).toFixed(1) + ' ' + py(s.ys[i]).toFixed(1)).join(' ');
      const path = svgEl('path', { class: 'series series-' + s.name, d: d, 'data-points': s.xs.length }, svg);
      if (s.colour) {
        path.style.stroke = s.colour;
      }
      if (s.marker) {
        s.xs.forEach((x, i) => {
          const cx = px(x);
          const cy = py(s.ys[i]);
          const mk = s.marker === 'square'
            ? svgEl('rect', { class: 'marker marker-' + s.name, x: cx - 3.5, y: cy - 3.5, width: 7, height: 7 }, svg)
            : svgEl('circle', { class: 'marker marker-' + s.name, cx: cx, cy: cy, r: 4 }, svg);
          if (s.colour) {
            mk.style.fill = s.colour;
          }
          mk.setAttribute('data-step', x);
          mk.setAttribute('data-value', s.ys[i]);
          svgEl('title', {}, mk).textContent = s.title + ' at step ' + x + ': ' + (opts.valueFormat || pct)(s.ys[i]);
        });
      }
    }
  }

  function classColour(label) {
    if (label < CLASS_COLOURS.length) {
      return CLASS_COLOURS[label];
    }
    return 'hsl(' + ((label * 137.508) % 360).toFixed(0) + ', 55%, 50%)';
  }

  function scatter(svg, doc) {
    const S = 460;
    const pad = 12;
    clear(svg);
    svg.setAttribute('viewBox', '0 0 ' + S + ' ' + S);
    const [x0, x1] = extent(doc.x, 0.03);
    const [y0, y1] = extent(doc.y, 0.03);
    const px = (x) => pad + ((x - x0) / (x1 - x0)) * (S - 2 * pad);
    const py = (y) => S - pad - ((y - y0) / (y1 - y0)) * (S - 2 * pad);
    svgEl('rect', { class: 'frame', x: 0.5, y: 0.5, width: S - 1, height: S - 1, fill: 'none', stroke: '#e4e7eb' }, svg);
    const g = svgEl('g', { class: 'dots' }, svg);
    for (let i = 0; i < doc.x.length; i++) {
      svgEl('circle', { class: 'dot', cx: px(doc.x[i]).toFixed(1), cy: py(doc.y[i]).toFixed(1), r: 2.2,
        fill: classColour(doc.label[i]), 'data-label': doc.label[i] }, g);
    }
  }

  // ---------------------------------------------------------------- panels

  function renderStatus(progress, results) {
    const status = $('status');
    clear(status);
    if (!state.run) {
      status.textContent = 'no runs yet: waiting for training progress or a checkpoint…';
      return;
    }
    const parts = [];
    if (progress) {
      const p = progress.latest;
      const done = p.etaSeconds === 0;
      parts.push('step ' + p.step + ' / ' + p.totalSteps + ' (' + Math.min(100, (100 * p.step) / p.totalSteps).toFixed(1)
        + ' %)', 'epoch ' + p.epoch, p.samplesSeen.toLocaleString('en') + ' pairs seen', 'loss ' + fixed(p.loss, 4),
        'lr ' + fixed(p.lr, 5), fixed(p.viewsPerSecond, 0) + ' views/s', 'queue ' + p.queueDepth,
        done ? 'done' : 'ETA ' + duration(p.etaSeconds));
      status.append(parts.join(' · '));
      const age = (Date.now() - Date.parse(p.createdAt)) / 1000;
      if (p.paused) {
        badge(status, 'input paused', '');
      }
      if (done) {
        badge(status, 'finished', 'idle');
      } else if (age > STALE_SECONDS) {
        badge(status, 'no progress for ' + duration(age), 'stale');
      }
    } else {
      status.append('no training progress for this run yet');
    }
    if (results && results.length) {
      const r = results[results.length - 1];
      status.append(' · checkpoint ' + r.step + ': ' + summary(r.metrics, true));
    }
  }

  function badge(parent, text, cls) {
    const b = document.createElement('span');
    b.className = 'badge ' + cls;
    b.textContent = text;
    parent.appendChild(b);
  }

  function renderProgress(progress) {
    if (!progress || progress.step.length === 0) {
      setState('loss-card', 'empty');
      setState('rate-card', 'empty');
      $('loss-sub').textContent = '';
      return;
    }
    $('loss-sub').textContent = progress.held > progress.returned
      ? progress.returned + ' points (averaged from ' + progress.held + ' records)'
      : progress.returned + ' points';
    lineChart($('loss-chart'), { xLabel: 'step', yLabel: 'NT-Xent loss',
      series: [{ name: 'loss', title: 'loss', xs: progress.step, ys: progress.loss }] });
    lineChart($('rate-chart'), { xLabel: 'step', yLabel: 'views / s', yMin: 0,
      series: [{ name: 'rate', title: 'views/s', xs: progress.step, ys: progress.viewsPerSecond }] });
    setState('loss-card', 'data');
    setState('rate-card', 'data');
  }

  function referenceEntry(reference, evalSet) {
    const entries = (reference && reference.entries) || [];
    return entries.find((e) => e.evalSet === evalSet) || entries[0] || null;
  }

  // ------------------------------------------------------------ metrics
  // Nothing below knows a metric: names, labels, units, groups and directions come from
  // /api/metrics (MetricDescription), values from EvalResult.metrics. One card per group.

  const METRIC_COLOURS = ['#4e79a7', '#e8772e', '#8e44ad', '#16a085', '#59a14f', '#e15759', '#b07aa1', '#9c755f'];

  /** The description of `name`, or a plain one for a metric the evaluator does not describe. */
  function describe(name) {
    return (state.metrics || []).find((d) => d.name === name)
      || { name: name, label: name, description: name, group: name, unit: 'number', decimals: 3,
        direction: 'higher', needsLabels: true };
  }

  /** A value as the description says: a fraction as a percentage, a number with its decimals. */
  function formatMetric(d, v) {
    return d.unit === 'fraction' ? (100 * v).toFixed(d.decimals) + ' %' : Number(v).toFixed(d.decimals);
  }

  /** `linear 84.1 %, kNN 80.0 %`: the metrics of `values` that have a summary label and need labels (or not). */
  function summary(values, needsLabels) {
    return Object.keys(values || {}).map(describe).filter((d) => d.summaryLabel && d.needsLabels === needsLabels)
      .map((d) => d.summaryLabel + ' ' + formatMetric(d, values[d.name])).join(', ');
  }

  /** Metric descriptions in the evaluator's order, then names only results know, grouped. */
  function metricGroups(results) {
    const names = (state.metrics || []).map((d) => d.name);
    results.forEach((r) => Object.keys(r.metrics || {}).forEach((n) => {
      if (!names.includes(n)) {
        names.push(n);
      }
    }));
    const groups = new Map();
    names.map(describe).forEach((d) => {
      if (!groups.has(d.group)) {
        groups.set(d.group, []);
      }
      groups.get(d.group).push(d);
    });
    return groups;
  }

  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  /** The card of a group, created before the embedding card on first use. */
  function metricCard(group) {
    const id = 'metric-' + slug(group);
    let card = $(id);
    if (!card) {
      card = document.createElement('section');
      card.className = 'card metric-card';
      card.id = id;
      const h2 = document.createElement('h2');
      h2.append(group.charAt(0).toUpperCase() + group.slice(1) + ' per checkpoint');
      const sub = document.createElement('span');
      sub.className = 'sub';
      h2.appendChild(sub);
      card.appendChild(h2);
      const svg = svgEl('svg', { class: 'chart', role: 'img', 'aria-label': group + ' per checkpoint' }, card);
      const legend = document.createElement('ul');
      legend.className = 'legend';
      card.appendChild(legend);
      const mismatch = document.createElement('ul');
      mismatch.className = 'mismatch';
      mismatch.hidden = true;
      card.appendChild(mismatch);
      $('metrics-anchor').before(card);
    }
    return card;
  }

  /** One chart per metric group with the checkpoints' values, the reference lines and a legend. */
  function renderMetrics(results, reference) {
    results = results || [];
    $('metrics-empty').style.display = results.length > 0 ? 'none' : '';
    const keep = new Set();
    if (results.length > 0) {
      const last = results[results.length - 1];
      const entry = referenceEntry(reference, last.evalSet);
      let first = true;
      metricGroups(results).forEach((metrics, group) => {
        const measured = metrics.map((d, i) => ({ d: d, colour: METRIC_COLOURS[i % METRIC_COLOURS.length],
          points: results.filter((r) => r.metrics && r.metrics[d.name] !== undefined) }))
          .filter((m) => m.points.length > 0);
        if (measured.length === 0) {
          return;
        }
        const card = metricCard(group);
        keep.add(card.id);
        renderMetricCard(card, group, measured, entry, last, first);
        first = false;
      });
    }
    document.querySelectorAll('.metric-card').forEach((c) => {
      if (!keep.has(c.id)) {
        c.remove();
      }
    });
  }

  function renderMetricCard(card, group, measured, entry, last, showMismatch) {
    const labelled = measured.every((m) => m.d.needsLabels);
    const fractions = measured.every((m) => m.d.unit === 'fraction');
    const legend = card.querySelector('.legend');
    clear(legend);
    const refs = [];
    const refLegend = { raw: [], random: [] };
    if (entry && labelled) {
      [['raw', 'rawPixels', 'raw pixels'], ['random', 'randomInit', 'random-init encoder']].forEach(([kind, key, title]) => {
        const values = (entry[key] && entry[key].metrics) || {};
        measured.forEach((m) => {
          const v = values[m.d.name];
          if (v !== undefined) {
            refs.push({ name: kind + '-' + m.d.name, kind: kind, series: m.d.name, colour: m.colour, y: v,
              title: title + ', ' + m.d.label + ': ' + formatMetric(m.d, v) });
            refLegend[kind].push(m.d.label + ' ' + formatMetric(m.d, v));
          }
        });
      });
    }
    const opts = { xLabel: 'step', yLabel: measured.length === 1 ? measured[0].d.label : group,
      refs: refs, series: measured.map((m, i) => ({ name: m.d.name, title: m.d.label, colour: m.colour,
        xs: m.points.map((r) => r.step), ys: m.points.map((r) => r.metrics[m.d.name]),
        marker: i % 2 === 0 ? 'circle' : 'square' })) };
    if (fractions) {
      Object.assign(opts, { yMin: 0, yMax: 1, yFormat: (v) => (100 * v).toFixed(0) + '%' });
    } else {
      const decimals = Math.max(...measured.map((m) => m.d.decimals));
      Object.assign(opts, { yFormat: (v) => v.toFixed(1), valueFormat: (v) => Number(v).toFixed(decimals) });
    }
    if (fractions && measured.length === 1) {
      opts.valueFormat = (v) => formatMetric(measured[0].d, v);
    }
    lineChart(card.querySelector('svg'), opts);
    const newest = last.metrics || {};
    measured.forEach((m) => {
      const v = newest[m.d.name];
      legendItem(legend, m.d.name, '', m.d.label + (v === undefined ? '' : ' ' + formatMetric(m.d, v))
        + ' (' + m.d.direction + ' is better)', m.colour, m.d.description);
    });
    if (refLegend.raw.length) {
      legendItem(legend, measured[0].d.name, 'raw', 'raw pixels: ' + refLegend.raw.join(', '), measured[0].colour);
    }
    if (refLegend.random.length) {
      legendItem(legend, measured[0].d.name, 'random', 'random init: ' + refLegend.random.join(', '), measured[0].colour);
    }
    if (labelled && !entry) {
      const li = document.createElement('li');
      li.textContent = 'reference lines: computed after the run\'s first evaluation…';
      legend.appendChild(li);
    }
    card.querySelector('.sub').textContent = labelled ? last.evalSet
      : (last.labelFreeCount ? last.labelFreeCount + ' held-out images of ' + last.labelFreeSet : '');
    renderMismatch(card.querySelector('.mismatch'), showMismatch ? last.evalSetMismatch || [] : []);
  }

  /** How the run's images differ from the evaluation set (EvalResult.evalSetMismatch), under the first chart. */
  function renderMismatch(list, lines) {
    clear(list);
    lines.forEach((line) => {
      const li = document.createElement('li');
      li.textContent = line;
      list.appendChild(li);
    });
    list.hidden = lines.length === 0;
  }

  function legendItem(list, series, kind, text, colour, title) {
    const li = document.createElement('li');
    const s = svgEl('svg', { width: 26, height: 10, class: 'chart' }, li);
    const line = svgEl('line', { x1: 0, x2: 26, y1: 5, y2: 5, class: kind ? 'ref ref-' + kind + ' ref-' + series
      : 'series series-' + series }, s);
    if (colour) {
      line.style.stroke = colour;
    }
    li.append(text);
    if (title) {
      li.title = title;
    }
    list.appendChild(li);
  }

  function renderEmbedding(doc) {
    const legend = $('embedding-legend');
    if (!doc || !doc.x || doc.x.length === 0) {
      setState('embedding-card', 'empty');
      $('embedding-sub').textContent = '';
      clear(legend);
      return;
    }
    scatter($('embedding-chart'), doc);
    const ev = doc.explainedVarianceRatio || [];
    $('embedding-sub').textContent = 'step ' + doc.step + ' · ' + String(doc.method).toUpperCase() + ' of '
      + doc.count + ' test images' + (ev.length === 2 ? ' · variance ' + pct(ev[0]) + ' + ' + pct(ev[1]) : '');
    clear(legend);
    const present = new Set(doc.label);
    (doc.classNames || []).forEach((name, i) => {
      if (present.has(i)) {
        const li = document.createElement('li');
        const sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = classColour(i);
        li.append(sw, name);
        legend.appendChild(li);
      }
    });
    setState('embedding-card', 'data');
  }

  function renderSamples(samples) {
    const grid = $('view-grid');
    if (!samples || samples.pairs.length === 0) {
      clear(grid);
      $('views-sub').textContent = samples && !samples.topicExists ? '(' + samples.topic + ' does not exist yet)' : '';
      setState('views-card', 'empty');
      return;
    }
    clear(grid);
    for (const p of samples.pairs) {
      const fig = document.createElement('figure');
      fig.className = 'pair';
      const views = document.createElement('div');
      views.className = 'views';
      for (const src of [p.view1, p.view2]) {
        const img = document.createElement('img');
        img.className = 'view';
        img.src = src;
        img.alt = 'view of ' + p.imageId;
        views.appendChild(img);
      }
      const cap = document.createElement('figcaption');
      cap.textContent = p.imageId + ' · epoch ' + p.epoch;
      cap.title = p.imageId + ', epoch ' + p.epoch + ', seed ' + p.seed + ', ' + p.height + '×' + p.width + '×'
        + p.channels + ', partition ' + p.partition + ' offset ' + p.offset;
      fig.append(views, cap);
      grid.appendChild(fig);
    }
    $('views-sub').textContent = 'the newest ' + samples.pairs.length + ' on ' + samples.topic
      + ' (' + samples.pairs[0].height + '×' + samples.pairs[0].width + '×' + samples.pairs[0].channels + ')';
    setState('views-card', 'data');
  }

  // ---------------------------------------------------------------- polling

  function pickRun(runs) {
    const select = $('run-select');
    const ids = runs.map((r) => r.runId);
    if (!state.pinned || !state.run) {
      const time = (r) => (r.lastActivity ? Date.parse(r.lastActivity) : 0);
      const newest = runs.slice().sort((a, b) => time(b) - time(a))[0];
      if (!state.run || !ids.includes(state.run)) {
        state.run = newest ? newest.runId : null;
      }
    }
    if (state.run && !ids.includes(state.run)) {
      ids.push(state.run);
    }
    const current = Array.from(select.options).map((o) => o.value);
    if (current.join('\n') !== ids.join('\n')) {
      clear(select);
      for (const id of ids) {
        const o = document.createElement('option');
        o.value = id;
        o.textContent = id;
        select.appendChild(o);
      }
    }
    if (state.run) {
      select.value = state.run;
    }
  }

  async function refresh() {
    state.busy = true;
    try {
      if (!state.metrics) {
        const described = await getJson('api/metrics');
        state.metrics = described ? described.metrics : null;
      }
      const runs = await getJson('api/runs');
      pickRun((runs && runs.runs) || []);
      const run = state.run ? encodeURIComponent(state.run) : null;
      const [progress, results, reference] = run ? await Promise.all([
        getJson('api/runs/' + run + '/progress?max=800'),
        getJson('api/runs/' + run + '/results'),
        getJson('api/runs/' + run + '/reference'),
      ]) : [null, null, null];
      renderStatus(progress, results);
      renderProgress(progress);
      renderMetrics(results, reference);
      const latestStep = results && results.length ? results[results.length - 1].step : null;
      if (!run || latestStep === null) {
        renderEmbedding(null);
        state.embeddingStep = null;
      } else if (latestStep !== state.embeddingStep) {
        const doc = await getJson('api/runs/' + run + '/embedding');
        renderEmbedding(doc);
        state.embeddingStep = doc ? doc.step : null;
      }
      if (state.refreshes % SAMPLES_EVERY === 0) {
        renderSamples(await getJson('api/samples?n=' + SAMPLE_PAIRS));
      }
      state.lastOk = Date.now();
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
    } catch (e) {
      $('updated').textContent = 'cannot reach the evaluator (' + e.message + '); retrying every '
        + POLL_MS / 1000 + ' s';
    } finally {
      state.busy = false;
      state.refreshes++;
      state.timer = window.setTimeout(refresh, state.again ? 0 : POLL_MS);
      state.again = false;
    }
  }

  /** Refreshes at once (after the one in flight, if any), keeping a single polling loop. */
  function refreshSoon() {
    if (state.busy) {
      state.again = true;
    } else {
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(refresh, 0);
    }
  }

  $('run-select').addEventListener('change', (e) => {
    state.run = e.target.value;
    state.pinned = true;
    state.embeddingStep = null;
    const url = new URL(window.location.href);
    url.searchParams.set('run', state.run);
    window.history.replaceState(null, '', url);
    refreshSoon();
  });

  refresh();
}());
