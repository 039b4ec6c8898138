// The bottleneck view: draws the lifecycle model with bpmn-js and puts the counts on each element.
(function () {
  'use strict';
  const root = document.getElementById('diagram');

  function badge(text, kind) {
    const span = document.createElement('span');
    span.className = 'count-badge ' + kind;
    span.textContent = text;
    return span;
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
    counts.forEach(e => {
      if (!registry.get(e.elementId)) { return; }
      const box = document.createElement('div');
      box.className = 'counts';
      box.dataset.element = e.elementId;
      if (e.cases > 0) { box.appendChild(badge(e.cases + (e.cases === 1 ? ' case' : ' cases'), 'cases')); }
      if (e.openTasks > 0) { box.appendChild(badge(e.openTasks + ' waiting', 'tasks')); }
      if (e.overdueTasks > 0) { box.appendChild(badge(e.overdueTasks + ' past due', 'late')); }
      if (!box.children.length) { return; }
      overlays.add(e.elementId, { position: { top: -14, left: -6 }, html: box });
    });
    root.dataset.ready = 'true';
  }

  start().catch(e => { root.textContent = 'The model could not be drawn: ' + e.message; });
})();
