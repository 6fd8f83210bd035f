// Catalog (for admins): every exercise with its instructions, prescription, safety cues, status and version, and the
// routines built from them. Read-only here: the catalog is edited through the catalog-service's API.
import { h } from '../dom.js';
import { api, catalog } from '../api.js';
import { REGIONS, prescriptionText } from '../strings.js';
import { signInCard } from '../app.js';

export async function catalogPage({ app, main }) {
  main.replaceChildren(h('h1', {}, 'Catalog'));
  if (!app.me) { main.append(signInCard()); return; }
  if (!app.me.roles.includes('admin')) {
    main.append(h('p', {}, 'The catalog pages are for administrators.'));
    return;
  }
  const [exercises, routines, guidelines] = await Promise.all([
    api(catalog('/exercises?size=100')),
    api(catalog('/routines?size=50')),
    api(catalog('/guidelines')).catch(() => ({ items: [] })),
  ]);
  main.append(
    h('p', { class: 'muted' }, `${exercises.total} exercises, ${routines.total} routines. Editing goes through the catalog API (Swagger UI of the catalog-service).`),
    h('section', { 'aria-labelledby': 'exercises-heading' },
      h('h2', { id: 'exercises-heading' }, 'Exercises'),
      h('ul', { class: 'plain' }, exercises.items.map((e) => h('li', {},
        h('details', {},
          h('summary', {}, h('strong', {}, e.name), ` · ${prescriptionText(e, e.prescription)} · ${e.status.toLowerCase()} · v${e.version}`),
          h('p', {}, e.summary),
          h('p', {}, e.regions.map((r) => h('span', { class: 'tag' }, REGIONS[r] || r))),
          h('ol', {}, e.instructions.map((s) => h('li', {}, s))),
          h('ul', { class: 'muted' }, e.safetyCues.map((c) => h('li', {}, c)))))))),
    h('section', { 'aria-labelledby': 'routines-heading' },
      h('h2', { id: 'routines-heading' }, 'Routines'),
      h('ul', { class: 'plain' }, routines.items.map((r) => h('li', {},
        h('strong', {}, r.name), ` · ${r.weeklyTarget} a week · ${r.status.toLowerCase()} · v${r.version}`,
        h('p', { class: 'muted' }, r.entries.map((e) => e.name).join(' · ')))))),
    guidelines.items?.length ? h('section', { 'aria-labelledby': 'guidelines-heading' },
      h('h2', { id: 'guidelines-heading' }, 'Guidelines'),
      h('ul', {}, guidelines.items.map((g) => h('li', {}, h('strong', {}, g.title), ` ${g.text}`)))) : null);
}
