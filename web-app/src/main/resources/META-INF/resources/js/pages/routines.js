// Routines: the shipped ones, or a one-off session built from the catalog (filter by region).
import { h } from '../dom.js';
import { api, catalog } from '../api.js';
import { REGIONS, prescriptionText } from '../strings.js';
import { kv } from '../store.js';

export async function routinesPage({ main, navigate }) {
  main.replaceChildren(h('h1', {}, 'Routines'));
  const routines = await api(catalog('/routines?size=50'));
  const list = h('ul', { class: 'plain' });
  for (const routine of routines.items.filter((r) => r.status === 'PUBLISHED')) {
    list.append(h('li', { class: 'stack' },
      h('h2', {}, routine.name),
      h('p', { class: 'muted' }, routine.description),
      h('p', {}, routine.entries.map((e) => e.name).join(' · ')),
      h('a', { class: 'button primary', role: 'button', href: `#/session?routine=${routine.id}` }, 'Start', h('span', { class: 'visually-hidden' }, ` ${routine.name}`))));
  }
  main.append(list);

  // a one-off session from the catalog
  const chosen = new Set();
  const region = h('select', { id: 'region' }, h('option', { value: '' }, 'All regions'),
    Object.entries(REGIONS).map(([value, label]) => h('option', { value }, label)));
  const exercises = h('div', { id: 'exercise-list' });
  const start = h('button', { type: 'button', class: 'primary big', disabled: true, onclick: async () => {
    await kv.set('one-off', [...chosen]);
    navigate('/session?oneoff=1');
  } }, 'Start with the chosen exercises');
  const draw = async () => {
    const query = region.value ? `&region=${region.value}` : '';
    const page = await api(catalog(`/exercises?size=100${query}`));
    exercises.replaceChildren(h('ul', { class: 'plain' }, page.items.filter((e) => e.status === 'PUBLISHED').map((e) => {
      const box = h('input', { type: 'checkbox', id: `pick-${e.id}`, checked: chosen.has(e.id), onchange: () => {
        if (box.checked) chosen.add(e.id); else chosen.delete(e.id);
        start.disabled = chosen.size === 0;
        start.textContent = chosen.size ? `Start with ${chosen.size} chosen ${chosen.size === 1 ? 'exercise' : 'exercises'}` : 'Start with the chosen exercises';
      } });
      return h('li', {},
        h('div', { class: 'row' }, box, h('label', { for: `pick-${e.id}` }, h('strong', {}, e.name), ` · ${prescriptionText(e, e.prescription)}`)),
        h('p', { class: 'muted' }, e.summary),
        h('p', {}, e.regions.map((r) => h('span', { class: 'tag' }, REGIONS[r] || r))));
    })));
  };
  region.addEventListener('change', draw);
  main.append(h('section', { class: 'card', 'aria-labelledby': 'build' },
    h('h2', { id: 'build' }, 'Build a one-off session'),
    h('label', { class: 'field', for: 'region' }, 'Region'), region, exercises, start));
  await draw();
}
