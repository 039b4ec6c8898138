// The bottleneck view: draws the lifecycle model with bpmn-js, puts on each element what waits there (cases,
// median/p90 time in the stage, SLA breaches, tasks waiting and past due) and opens an element's cases on click.
(function () {
  'use strict';
  const root = document.getElementById('diagram');

  function badge(text, kind, title) {
    const span = document.createElement('span');
    span.className = 'count-badge ' + kind;
    span.textContent = text;
    if (title) { span.title = title; }
    return span;
  }

  // "P3DT4H" -> "3 d 4 h", "PT5H30M" -> "5 h", "PT12M" -> "12 min"
  function human(iso) {
    if (!iso) { return ''; }
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?)?$/.exec(iso);
    if (!m) { return iso; }
    const d = +(m[1] || 0), h = +(m[2] || 0), min = +(m[3] || 0);
    if (d > 0) { return h > 0 ? d + ' d ' + h + ' h' : d + ' d'; }
    if (h > 0) { return h + ' h'; }
    return min + ' min';
  }

  async function start() {
    const [model, counts] = await Promise.all([
      fetch(root.dataset.modelUrl).then(r => r.text()),
      fetch(root.dataset.countsUrl, { headers: { Accept: 'application/json' } }).then(r => r.json())
    ]);
    const viewer = new BpmnJS({ container: root });
    await viewer.importXML(model);
    viewer.get('canvas').zoom('fit-viewport');
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    const known = new Set();
    counts.forEach(e => {
      if (!registry.get(e.elementId)) { return; }
      known.add(e.elementId);
      const box = document.createElement('div');
      box.className = 'counts';
      box.dataset.element = e.elementId;
      if (e.cases > 0) {
        box.appendChild(badge(e.cases + (e.cases === 1 ? ' case' : ' cases'), 'cases',
          'In this stage: median ' + human(e.medianInStage) + ', p90 ' + human(e.p90InStage)));
        box.appendChild(badge('p50 ' + human(e.medianInStage) + ' · p90 ' + human(e.p90InStage), 'times'));
      }
      if (e.overStageSla > 0) { box.appendChild(badge(e.overStageSla + ' past SLA', 'late', 'Service level ' + human(e.stageSla))); }
      if (e.openTasks > 0) {
        box.appendChild(badge(e.openTasks + ' waiting', 'tasks',
          'Task waits: median ' + human(e.medianTaskWait) + ', p90 ' + human(e.p90TaskWait)));
      }
      if (e.overdueTasks > 0) { box.appendChild(badge(e.overdueTasks + ' past due', 'late')); }
      if (!box.children.length) { return; }
      box.addEventListener('click', () => { window.location.href = root.dataset.elementUrl + encodeURIComponent(e.elementId); });
      overlays.add(e.elementId, { position: { top: -14, left: -6 }, html: box });
    });
    viewer.on('element.click', ev => {
      if (known.has(ev.element.id)) {
        window.location.href = root.dataset.elementUrl + encodeURIComponent(ev.element.id);
      }
    });
    root.dataset.ready = 'true';
  }

  start().catch(e => { root.textContent = 'The model could not be drawn: ' + e.message; });
})();
