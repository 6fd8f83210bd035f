// Progress: the summary of /progress/me, hold time per exercise over time, left/right balance, pain before and
// after, and the report, CSV and FHIR exports.
import { h, s, minutes, formatDate, plural } from '../dom.js';
import { flagText, TRENDS } from '../strings.js';
import { api, progress } from '../api.js';
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
      h('ul', {}, summary.flags.map((f) => h('li', {}, flagText(f, formatDate))))));
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

async function exerciseSections(base, summary) {
  const ids = [...new Set((summary.hints || []).map((x) => x.exerciseId))];
  const sections = [];
  for (const id of ids.slice(0, 4)) {
    const ex = await api(progress(`${base}/exercises/${id}`)).catch(() => null);
    if (!ex) continue;
    const series = ex.series.filter((p) => p.bestHoldSeconds != null || p.bestReps != null);
    sections.push(h('section', { class: 'card', 'aria-labelledby': `ex-${id}` },
      h('h2', { id: `ex-${id}` }, ex.exercise.name),
      series.length ? lineChart(series, ex.exercise.name) : h('p', {}, 'No days in the last weeks.'),
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

function shortDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function lineChart(series, name) {
  const w = 340; const hgt = 140;
  const values = series.map((p) => p.bestHoldSeconds ?? p.bestReps);
  const max = Math.max(1, ...values);
  const step = series.length > 1 ? w / (series.length - 1) : w;
  const point = (p, i) => `${i * step},${hgt - ((p.bestHoldSeconds ?? p.bestReps) / max) * (hgt - 20)}`;
  const bySide = (side) => series.map((p, i) => [p, i]).filter(([p]) => p.side === side);
  const paths = ['', 'LEFT', 'RIGHT'].map((side) => bySide(side)).filter((pts) => pts.length)
    .map((pts, k) => s('polyline', { class: k === 0 ? 'best' : 'avg', points: pts.map(([p, i]) => point(p, i)).join(' ') }));
  const desc = series.map((p) => `${formatDate(p.day)}${p.side ? ` ${p.side.toLowerCase()}` : ''}: best ${p.bestHoldSeconds != null ? `${p.bestHoldSeconds} s` : `${p.bestReps} reps`}`).join('; ');
  return s('svg', { class: 'chart', viewBox: `0 0 ${w} ${hgt + 20}`, role: 'img', 'aria-label': `${name}, best per day. ${desc}` },
    s('line', { class: 'axis', x1: 0, y1: hgt, x2: w, y2: hgt }), paths,
    s('text', { x: 0, y: hgt + 16 }, `best ${max}${series[0].bestHoldSeconds != null ? ' s' : ' reps'}`));
}

function painTable(recent) {
  if (!recent.length) return h('p', {}, 'No pain noted yet.');
  return h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
    h('tbody', {}, recent.slice(0, 8).map((r) => h('tr', {}, h('td', {}, formatDate(r.day)), h('td', {}, r.before ?? '–'), h('td', {}, r.after ?? '–')))));
}
