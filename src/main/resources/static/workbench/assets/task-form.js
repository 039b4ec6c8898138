// The task page: renders the task's .form file with form-js (the viewer Tasklist uses), completes the task
// through the workbench, and shows the server's refusal (a problem detail with one message per field) in the form.
(function () {
  'use strict';
  const root = document.getElementById('task-form');
  const button = document.getElementById('complete-task');
  const problems = document.getElementById('form-problems');
  const csrfToken = document.querySelector('meta[name="_csrf"]').content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;

  function show(message, details) {
    problems.replaceChildren();
    if (!message) {
      problems.hidden = true;
      return;
    }
    const p = document.createElement('p');
    p.textContent = message;
    problems.appendChild(p);
    if (details && details.length) {
      const ul = document.createElement('ul');
      details.forEach(d => { const li = document.createElement('li'); li.textContent = d; ul.appendChild(li); });
      problems.appendChild(ul);
    }
    problems.hidden = false;
  }

  function fields(components, into) {
    (components || []).forEach(c => {
      if (c.key) { into[c.key] = c; }
      fields(c.components, into);
    });
    return into;
  }

  async function start() {
    const answer = await fetch(root.dataset.formUrl, { headers: { Accept: 'application/json' } });
    if (!answer.ok) {
      show('The form could not be loaded (' + answer.status + '). Reload the page, or go back to the case.');
      button.disabled = true;
      return;
    }
    const schema = await answer.json();
    const byKey = fields(schema.components, {});
    const form = new FormViewer.Form({ container: root });
    await form.importSchema(schema, {});
    root.dataset.ready = 'true';

    button.addEventListener('click', async () => {
      const { data, errors } = form.submit();
      if (Object.keys(errors).length) {
        show('Some fields need attention: see the messages below them.');
        return;
      }
      button.disabled = true;
      show(null);
      let response;
      try {
        response = await fetch(root.dataset.completeUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', [csrfHeader]: csrfToken },
          body: JSON.stringify(data)
        });
      } catch (e) {
        show('The workbench could not be reached: nothing was recorded. Try again.');
        button.disabled = false;
        return;
      }
      if (response.ok) {
        const done = await response.json();
        window.location.assign(done.caseFile + '?completed=' + encodeURIComponent(root.dataset.taskName));
        return;
      }
      const problem = await response.json().catch(() => ({}));
      const fieldErrors = {};
      const other = [];
      Object.entries(problem.errors || {}).forEach(([key, message]) => {
        const field = byKey[key];
        if (field) {
          fieldErrors[field.id] = [message];
        } else {
          other.push(key + ': ' + message);
        }
      });
      // form-js keeps its errors by field id; the server's are shown where its own would be
      form._setState({ errors: fieldErrors });
      show(response.status === 400
        ? 'The task was not completed: ' + (Object.keys(fieldErrors).length ? 'see the messages in the form.' : (problem.detail || ''))
        : 'The task was not completed: ' + (problem.detail || problem.title || response.status), other);
      button.disabled = false;
    });
  }

  start().catch(e => show('The form could not be shown: ' + e.message));
})();
