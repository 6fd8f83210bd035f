// Progress: the summary of /progress/me, hold time per exercise over time, left/right balance, pain before and
// after, and the report, CSV and FHIR exports.
import { h, s, minutes, formatDate, plural } from '../dom.js';
import { flagText, TRENDS } from '../strings.js';
import { api, progress, sessions } from '../api.js';
import { signInCard } from '../app.js';

export async function progressPage({ app, main }) {
  main.replaceChildren(h('h1', {}, 'Progress'));
  if (!app.me) { main.append(signInCard()); return; }
  return progressView(main, '/progress/me', 'Your');
}

export async function progressView(main, base, whose) {
  const [summary, weeks] = await Promise.all([
    api(progress(base)),
    api(progress(`${base}/history?granularity=week`)),
  ]);
  main.append(h('div', { class: 'stats' },
    stat('Sessions', summary.totals.sessions),
    stat('Sets', summary.totals.sets),
    stat('Hold time', minutes(summary.totals.holdSeconds)),
    stat('Repetitions', summary.totals.reps),
    stat('Streak', plural(summary.streak.current, 'day'), `longest ${summary.streak.longest}`),
    stat('This week', `${summary.week.sessions} of ${summary.week.target}`)));
  main.append(h('section', { class: 'card', 'aria-labelledby': 'hold-chart' },
    h('h2', { id: 'hold-chart' }, 'Hold time per week'),
    barChart(weeks.buckets, (b) => b.holdSeconds, (v) => minutes(v), 'Hold time per week')));
  main.append(h('section', { class: 'card', 'aria-labelledby': 'pain-chart' },
    h('h2', { id: 'pain-chart' }, 'Pain before and after'),
    h('p', {}, `Trend: ${TRENDS[summary.pain.trend] || summary.pain.trend.toLowerCase()}`),
    painTable(summary.pain.recent || [])));
  const exercises = await exerciseSections(base, summary);
  main.append(...exercises);
  if (summary.flags?.length) {
    main.append(h('section', { class: 'card warn', 'aria-labelledby': 'flags' }, h('h2', { id: 'flags' }, 'Pain flags'),
      h('ul', {}, summary.flags.slice(0, 6).map((f) => h('li', {}, flagText(f, formatDate)))),
      summary.flags.length > 6 ? h('p', {}, `And ${summary.flags.length - 6} more in the printable report.`) : null));
  }
  if (summary.hints?.length) {
    main.append(h('section', { class: 'card', 'aria-labelledby': 'hints' }, h('h2', { id: 'hints' }, 'Next targets'),
      h('ul', {}, summary.hints.map((x) => h('li', {}, x.message)))));
  }
  main.append(h('section', { class: 'card soft', 'aria-labelledby': 'exports' },
    h('h2', { id: 'exports' }, `${whose} report and data`),
    h('ul', {},
      h('li', {}, h('a', { href: `/api/progress${base}/report`, target: '_blank', rel: 'noopener' }, 'Printable report (HTML)')),
      h('li', {}, h('a', { href: `/api/progress${base}/report.csv`, download: 'progress.csv' }, 'Spreadsheet (CSV)')),
      h('li', {}, h('a', { href: `/api/progress${base}/report.fhir.json`, download: 'progress.fhir.json' }, 'Health record (FHIR R4)')))));
}

function stat(label, value, note) {
  return h('div', { class: 'stat' }, h('span', {}, label), h('b', {}, String(value)), note ? h('span', { class: 'muted' }, note) : null);
}

/**
 * The exercises to chart: for the person's own page the ones done most in their latest sessions, then those with a
 * hint or a flag; a coach sees the hinted and flagged ones (the sessions are the person's own to list).
 */
async function exercisesToChart(base, summary) {
  const counts = new Map();
  if (base === '/progress/me') {
    const recent = await api(sessions('/sessions?size=20')).catch(() => ({ items: [] }));
    for (const session of recent.items) {
      for (const set of session.sets) counts.set(set.exerciseId, (counts.get(set.exerciseId) || 0) + 1);
    }
  }
  const often = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const named = [...(summary.hints || []), ...(summary.flags || [])].map((x) => x.exerciseId).filter(Boolean);
  return [...new Set([...often, ...named])].slice(0, 4);
}

async function exerciseSections(base, summary) {
  const ids = await exercisesToChart(base, summary);
  const sections = [];
  for (const id of ids) {
    const ex = await api(progress(`${base}/exercises/${id}`)).catch(() => null);
    if (!ex) continue;
    const series = ex.series.filter((p) => p.bestHoldSeconds != null || p.bestReps != null);
    sections.push(h('section', { class: 'card', 'aria-labelledby': `ex-${id}` },
      h('h2', { id: `ex-${id}` }, ex.exercise.name),
      series.length ? lineChart(series, ex.exercise.name) : h('p', {}, 'No days in the last weeks.'),
      ex.balance ? balanceChart(ex.balance, ex.exercise) : null,
      ex.balance ? h('p', {}, ex.balance.message) : null,
      ex.hint ? h('p', { class: 'muted' }, ex.hint.message) : null));
  }
  return sections;
}

/** Bars with their values written on them, and a table-like description for screen readers. */
function barChart(buckets, value, label, title) {
  const data = buckets.slice(-12);
  const max = Math.max(1, ...data.map(value));
  const w = 340; const hgt = 160; const bw = w / Math.max(1, data.length);
  const desc = data.map((b) => `${formatDate(b.start)}: ${label(value(b))}`).join('; ');
  return s('svg', { class: 'chart', viewBox: `0 0 ${w} ${hgt + 30}`, role: 'img', 'aria-label': `${title}. ${desc}` },
    s('line', { class: 'axis', x1: 0, y1: hgt, x2: w, y2: hgt }),
    data.map((b, i) => {
      const v = value(b); const bh = (v / max) * (hgt - 20);
      return s('g', {},
        s('rect', { class: 'bar-left', x: i * bw + 3, y: hgt - bh, width: bw - 6, height: bh }),
        v ? s('text', { x: i * bw + bw / 2, y: hgt - bh - 4, 'text-anchor': 'middle' }, Math.round(v / 60)) : null,
        i % 3 === data.length % 3 ? s('text', { x: i * bw + bw / 2, y: hgt + 16, 'text-anchor': 'middle' }, shortDate(b.start)) : null);
    }),
    s('text', { x: 0, y: hgt + 28 }, 'minutes per week'));
}

/** Left against right over the last weeks, as two bars with their values written on them. */
function balanceChart(balance, exercise) {
  const hold = exercise.measurement === 'HOLD';
  const value = (side) => (hold ? side.holdSeconds : side.reps) || 0;
  const left = value(balance.left);
  const right = value(balance.right);
  const max = Math.max(1, left, right);
  const unit = (v) => (hold ? minutes(v) : `${v} reps`);
  const w = 340;
  const bar = (label, v, y, cls) => s('g', {},
    s('text', { x: 0, y: y + 14 }, label),
    s('rect', { class: cls, x: 50, y, width: Math.max(2, ((w - 140) * v) / max), height: 18 }),
    s('text', { x: 56 + ((w - 140) * v) / max, y: y + 14 }, unit(v)));
  return s('svg', { class: 'chart', viewBox: `0 0 ${w} 52`, role: 'img', 'aria-label': `Left and right, last weeks: left ${unit(left)}, right ${unit(right)}` },
    bar('Left', left, 2, 'bar-left'), bar('Right', right, 28, 'bar-right'));
}

function shortDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Best hold (or repetitions) per day, a line per side, placed by day; the values are in the description. */
function lineChart(series, name) {
  const w = 340; const hgt = 140;
  const best = (p) => p.bestHoldSeconds ?? p.bestReps;
  const days = [...new Set(series.map((p) => p.day))].sort();
  const max = Math.max(1, ...series.map(best));
  const step = days.length > 1 ? (w - 10) / (days.length - 1) : 0;
  const x = (p) => 5 + days.indexOf(p.day) * step;
  const y = (p) => hgt - (best(p) / max) * (hgt - 20);
  const sides = ['', 'LEFT', 'RIGHT'].map((side) => series.filter((p) => p.side === side)).filter((pts) => pts.length);
  const marks = sides.map((pts, k) => s('g', {},
    pts.length > 1 ? s('polyline', { class: k === 0 ? 'best' : 'avg', points: pts.map((p) => `${x(p)},${y(p)}`).join(' ') }) : null,
    pts.map((p) => s('circle', { cx: x(p), cy: y(p), r: 3.5, class: k === 0 ? 'bar-left' : 'bar-right' }))));
  const unit = series[0].bestHoldSeconds != null ? ' s' : ' reps';
  const desc = series.map((p) => `${formatDate(p.day)}${p.side ? ` ${p.side.toLowerCase()}` : ''}: best ${best(p)}${unit}`).join('; ');
  return s('svg', { class: 'chart', viewBox: `0 0 ${w} ${hgt + 20}`, role: 'img', 'aria-label': `${name}, best per day. ${desc}` },
    s('line', { class: 'axis', x1: 0, y1: hgt, x2: w, y2: hgt }), marks,
    s('text', { x: 0, y: 12 }, `best ${max}${unit}`),
    s('text', { x: 0, y: hgt + 16 }, days.length ? shortDate(days[0]) : ''),
    days.length > 1 ? s('text', { x: w, y: hgt + 16, 'text-anchor': 'end' }, shortDate(days[days.length - 1])) : null,
    sides.length > 1 ? s('text', { x: w, y: 12, 'text-anchor': 'end' }, 'solid: left, dashed: right') : null);
}

function painTable(recent) {
  if (!recent.length) return h('p', {}, 'No pain noted yet.');
  return h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
    h('tbody', {}, recent.slice(0, 8).map((r) => h('tr', {}, h('td', {}, formatDate(r.day)), h('td', {}, r.before ?? '–'), h('td', {}, r.after ?? '–')))));
}
