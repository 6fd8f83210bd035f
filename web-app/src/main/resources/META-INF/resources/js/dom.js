// A tiny element builder: text is always set as text, never parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** SVG elements for the charts. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) if (value != null) el.setAttribute(key, String(value));
  for (const child of children.flat()) {
    if (child == null) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let announceTimer;
/** Says something to screen readers through the polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  clearTimeout(announceTimer);
  region.textContent = '';
  announceTimer = setTimeout(() => { region.textContent = text; }, 30);
}

/** A radio group 0..10 with a legend: the pain controls ("Pain now", "Pain after", "Pain"). */
export function painScale(name, legend, value, onChange) {
  const group = h('div', { class: 'pain-scale' });
  for (let v = 0; v <= 10; v++) {
    const input = h('input', { type: 'radio', name, value: String(v), checked: value === v, 'aria-label': `${v}` });
    input.addEventListener('change', () => onChange(v));
    group.append(h('label', { class: v >= 7 ? 'high' : null }, input, h('span', { 'aria-hidden': 'true' }, String(v))));
  }
  return h('fieldset', { class: 'pain', role: 'radiogroup', 'aria-label': legend },
    h('legend', {}, legend),
    h('div', { class: 'pain-hint', 'aria-hidden': 'true' }, h('span', {}, '0 no pain'), h('span', {}, '10 worst')),
    group);
}

export function formatDateTime(iso, timeZone) {
  if (!iso) return '';
  const options = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
  }
}

export function formatDate(isoDate) {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function minutes(seconds) {
  if (seconds == null) return '0 min';
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const r = seconds % 60;
  return r ? `${m} min ${r} s` : `${m} min`;
}

export function plural(n, word) {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}
