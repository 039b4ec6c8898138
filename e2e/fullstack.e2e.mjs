// End-to-end proof on the no-Docker full stack (Camunda 8.6): run by bin/e2e, which starts the stack.
// 1. Debts arrive through the application's API (as admin).
// 2. One of them is brought to the negotiation task in real time: a hardship hold and its release send the case
//    to "Negotiate with debtor" at once (hold-treatment.dmn); the reminder cadence alone would take 3+ days.
// 3. An operator logs into Tasklist, opens the task, sees the form, records a promise to pay and completes it
//    with Tasklist's own buttons.
// 4. The application sees the promise (stage MONITORING, COMMITMENT_RECORDED in the timeline).
// 5. A supervisor logs into Operate and sees the case's process instance past the negotiation task.
// Screenshots go to $E2E_OUT (default target/e2e). Exit code 0 only if every step passed.
import puppeteer from 'puppeteer-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const APP = process.env.APP_URL ?? 'http://localhost:8088';
const CAMUNDA = process.env.CAMUNDA_URL ?? 'http://localhost:8080';
const OUT = process.env.E2E_OUT ?? 'target/e2e';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = process.env.APP_ADMIN ?? 'admin:admin';
const APP_OPERATOR = process.env.APP_OPERATOR ?? 'operator:operator';
const TASKLIST_USER = process.env.TASKLIST_USER ?? 'operator:operator';
const OPERATE_USER = process.env.OPERATE_USER ?? 'supervisor:supervisor';
const PROMISE_AMOUNT = '5000';

mkdirSync(OUT, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const steps = [];
function step(message) {
  const line = `[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`;
  steps.push(line);
  console.log(line);
}

async function api(method, path, body, credentials = ADMIN) {
  const response = await fetch(APP + path, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(credentials).toString('base64'),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

async function until(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(1000);
  }
  throw new Error(`timed out after ${seconds}s waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
}

const isoDate = (d) => d.toISOString().slice(0, 10);
const run = Date.now().toString(36).toUpperCase();

function newDebt(ref, principal, daysPastDue, name) {
  return api('POST', '/api/debts', {
    externalRef: ref,
    debtor: {
      name,
      email: `${ref.toLowerCase()}@example.org`,
      phone: '+1 212 555 0100',
      timeZone: 'America/New_York',
      jurisdiction: 'US-NY',
    },
    principal,
    currency: 'USD',
    dueDate: isoDate(new Date(Date.now() - daysPastDue * 86400000)),
    product: 'PERSONAL_LOAN',
  });
}

async function screenshot(page, name) {
  const path = join(OUT, name);
  await page.screenshot({ path, fullPage: true });
  step(`screenshot ${path}`);
}

async function login(page, url, credentials) {
  const [user, password] = credentials.split(':');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('input[name=username]', { timeout: 30000 });
  await page.type('input[name=username]', user);
  await page.type('input[name=password]', password);
  return user;
}

let browser;
try {
  // 1. debts through the API
  const debt = await newDebt(`E2E-${run}-1`, '12000.00', 20, 'Dana Debtor');
  const other = await newDebt(`E2E-${run}-2`, '2500.00', 35, 'Eli Example');
  step(`created debts ${debt.id} (12,000 USD) and ${other.id} (2,500 USD) through POST /api/debts`);
  const segmented = await until('segmentation of the first debt', 60, async () => {
    const d = await api('GET', `/api/debts/${debt.id}`);
    return d.segment && d.stage === 'SOFT_REMINDER' ? d : null;
  });
  step(`debt segmented: ${segmented.segment}, stage ${segmented.stage}`);

  // 2. to negotiation in real time: hardship hold, then its release
  const hold = await api('POST', `/api/debts/${debt.id}/holds`, { kind: 'HARDSHIP', reason: 'e2e: temporary hardship' });
  await until('the case to be on hold', 60, async () => (await api('GET', `/api/debts/${debt.id}`)).stage === 'ON_HOLD');
  await api('POST', `/api/debts/${debt.id}/holds/${hold.id}/release`);
  step('hardship hold started and released: hold-treatment.dmn resumes the case at negotiation');
  const task = await until('the negotiation task in GET /api/tasks', 90, async () =>
    (await api('GET', '/api/tasks', null, APP_OPERATOR)).find(
      (t) => t.debtId === debt.id && t.elementId === 'Task_NegotiateWithDebtor'));
  const { processInstanceKey } = await api('GET', `/api/debts/${debt.id}`);
  step(`negotiation task ${task.id} open (form ${task.formId}, candidate group ${task.candidateGroup}); process instance ${processInstanceKey}`);

  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    defaultViewport: { width: 1440, height: 1000 },
  });

  // 3. operator in Tasklist
  const tasklistContext = await browser.createBrowserContext();
  const tasklist = await tasklistContext.newPage();
  const failedCalls = [];
  tasklist.on('response', (r) => {
    const url = r.url();
    if (r.status() >= 500 || (r.status() >= 400 && /\/v1\/tasks\/\d+\/(assign|complete)/.test(url))) {
      failedCalls.push(`${r.status()} ${r.request().method()} ${url}`);
    }
  });
  const operator = await login(tasklist, `${CAMUNDA}/tasklist`, TASKLIST_USER);
  await screenshot(tasklist, '01-tasklist-login.png');
  await Promise.all([tasklist.waitForNavigation({ waitUntil: 'domcontentloaded' }), tasklist.click('button[type=submit]')]);
  await tasklist.waitForSelector('::-p-text(Negotiate with debtor)', { timeout: 60000 });
  step(`operator "${operator}" logged into Tasklist; the task list shows "Negotiate with debtor"`);
  await screenshot(tasklist, '02-tasklist-open-tasks.png');

  await tasklist.goto(`${CAMUNDA}/tasklist/${task.id}`, { waitUntil: 'domcontentloaded' });
  await tasklist.waitForSelector('input[id$="Field_outcome-0"]', { timeout: 60000 });
  const formText = await tasklist.evaluate(() => document.body.innerText);
  for (const expected of ['Negotiation outcome', 'Promise to pay', 'Payment plan', 'Settlement offer', 'Complete Task']) {
    if (!formText.includes(expected)) throw new Error(`the task's form does not show "${expected}"`);
  }
  step('task opened: the negotiation-outcome form is rendered (outcomes, Complete Task)');
  await screenshot(tasklist, '03-tasklist-negotiation-form.png');

  const assignOrUnassign = await tasklist.waitForSelector('button::-p-text(Assign to me), button::-p-text(Unassign)', { timeout: 30000 });
  if ((await assignOrUnassign.evaluate((e) => e.innerText)).includes('Assign to me')) {
    await assignOrUnassign.click();
    await tasklist.waitForSelector('button::-p-text(Unassign)', { timeout: 30000 });
  }
  await tasklist.waitForFunction(
    () => { const r = document.querySelector('input[id$="Field_outcome-0"]'); return r && !r.readOnly; },
    { timeout: 30000 });
  step('task assigned to the operator through Tasklist');

  // form-js keeps its radio inputs visually hidden: click the one for "Promise to pay" directly
  await tasklist.$eval('input[type=radio][id$="Field_outcome-0"]', (e) => e.click());
  await tasklist.waitForSelector('input[id$="Field_promiseAmount"]', { visible: true, timeout: 10000 });
  await tasklist.type('input[id$="Field_promiseAmount"]', PROMISE_AMOUNT);
  const promised = new Date(Date.now() + 5 * 86400000);
  const typed = `${String(promised.getMonth() + 1).padStart(2, '0')}/${String(promised.getDate()).padStart(2, '0')}/${promised.getFullYear()}`;
  await tasklist.type('input[id*="Field_promiseDate"]', typed);
  await tasklist.keyboard.press('Enter');
  await sleep(300);
  await tasklist.click('textarea[id$="Field_notes"]');
  await tasklist.type('textarea[id$="Field_notes"]', 'Debtor promised by phone (e2e)');
  await sleep(500);
  const entered = await tasklist.evaluate(() => [
    document.querySelector('input[id$="Field_promiseAmount"]').value,
    document.querySelector('input[id*="Field_promiseDate"]').value,
    document.querySelector('textarea[id$="Field_notes"]').value,
  ]);
  if (!entered[0] || !entered[1]) throw new Error(`the form did not take the promise: ${JSON.stringify(entered)}`);
  step(`promise entered in the form: amount ${entered[0]}, date ${entered[1]}, notes "${entered[2]}"`);
  await screenshot(tasklist, '04-tasklist-promise-entered.png');

  await (await tasklist.waitForSelector('button::-p-text(Complete Task)')).click();
  await tasklist.waitForSelector('::-p-text(Task completed)', { timeout: 60000 });
  step('"Complete Task" in Tasklist: Task completed');
  await screenshot(tasklist, '05-tasklist-task-completed.png');
  if (failedCalls.length) throw new Error(`Tasklist calls failed: ${failedCalls.join('; ')}`);

  // 4. the application recorded the promise
  const commitment = await until('the promise in the case timeline', 90, async () => {
    const d = await api('GET', `/api/debts/${debt.id}`);
    const timeline = await api('GET', `/api/debts/${debt.id}/timeline`);
    const recorded = timeline.find((e) => e.type === 'COMMITMENT_RECORDED');
    return d.stage === 'MONITORING' && recorded ? recorded : null;
  });
  step(`application: stage MONITORING, timeline "${commitment.summary}"`);

  // 5. supervisor in Operate
  const operateContext = await browser.createBrowserContext();
  const operate = await operateContext.newPage();
  await operate.setViewport({ width: 1440, height: 1800 }); // room for the instance history below the diagram
  const supervisor = await login(operate, `${CAMUNDA}/operate`, OPERATE_USER);
  await screenshot(operate, '06-operate-login.png');
  await Promise.all([operate.waitForNavigation({ waitUntil: 'domcontentloaded' }), operate.click('button[type=submit]')]);
  await operate.waitForSelector('::-p-text(Dashboard)', { timeout: 60000 });
  step(`supervisor "${supervisor}" logged into Operate`);

  // Operate imports from OpenSearch with a delay: wait until it knows the negotiation task as completed
  const states = await until('Operate to show the negotiation task completed', 120, async () => {
    const s = await operate.evaluate(async (key) => {
      const r = await fetch(`/api/process-instances/${key}/flow-node-states`, { credentials: 'include' });
      return r.ok ? r.json() : null;
    }, String(processInstanceKey));
    return s && s.Task_NegotiateWithDebtor === 'COMPLETED' && s.Task_RecordPromiseToPay === 'COMPLETED' ? s : null;
  });
  step(`Operate flow node states: Task_NegotiateWithDebtor ${states.Task_NegotiateWithDebtor}, Task_RecordPromiseToPay ${states.Task_RecordPromiseToPay}, SubProcess_MonitorCommitment ${states.SubProcess_MonitorCommitment ?? '-'}`);

  await operate.goto(`${CAMUNDA}/operate/processes/${processInstanceKey}`, { waitUntil: 'domcontentloaded' });
  await operate.waitForSelector('::-p-text(Instance History)', { timeout: 60000 });
  await operate.waitForSelector('[data-element-id="Task_NegotiateWithDebtor"]', { timeout: 60000 });
  await sleep(1500); // let the diagram finish drawing
  // expand the running "Collect debt" (the first one was interrupted by the hold) in the instance history
  const expanded = await operate.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[role="treeitem"]')].filter((e) =>
      (e.querySelector('[class*="label"]')?.innerText ?? '').trim().startsWith('Collect debt'));
    // two: the first was interrupted by the hold, the second runs
    const toggle = rows.length >= 2 ? rows[rows.length - 1].querySelector('[class*="toggle"]') : null;
    if (toggle) toggle.click();
    return Boolean(toggle);
  }, { timeout: 30000, polling: 1000 }).catch(() => null);
  if (!expanded) throw new Error('Operate shows no running "Collect debt" to expand in the instance history');
  const expectedInOperate = ['Debt collection', String(processInstanceKey), 'Negotiate with debtor', 'Record promise to pay', 'Monitor commitment'];
  const shown = await operate.waitForFunction(
    (expected) => expected.every((t) => document.body.innerText.includes(t)),
    { timeout: 30000, polling: 500 }, expectedInOperate).catch(() => null);
  if (!shown) {
    const operateText = await operate.evaluate(() => document.body.innerText);
    throw new Error(`Operate's instance page does not show ${JSON.stringify(expectedInOperate.filter((t) => !operateText.includes(t)))}`);
  }
  step('Operate\'s instance history: "Negotiate with debtor" → "Record promise to pay" → "Monitor commitment" (running)');
  await screenshot(operate, '07-operate-instance-past-negotiation.png');

  await operate.click('[data-element-id="Task_NegotiateWithDebtor"]');
  await operate.waitForSelector('::-p-text(Flow Node Instance Key)', { timeout: 30000 });
  step('the negotiation task selected in Operate\'s diagram: its details open');
  await screenshot(operate, '08-operate-negotiation-task-details.png');

  await operate.goto(`${CAMUNDA}/operate/processes?active=true&incidents=true&process=debt-collection&version=all&ids=${processInstanceKey}`, { waitUntil: 'domcontentloaded' });
  await operate.waitForSelector(`::-p-text(${processInstanceKey})`, { timeout: 60000 });
  await sleep(1000);
  await screenshot(operate, '09-operate-running-cases.png');

  step('PASSED');
  writeFileSync(join(OUT, 'e2e.log'), steps.join('\n') + '\n');
  await browser.close();
  process.exit(0);
} catch (e) {
  step(`FAILED: ${e.stack ?? e}`);
  if (browser) {
    for (const [i, page] of (await browser.pages()).entries()) {
      await page.screenshot({ path: join(OUT, `failure-${i}.png`), fullPage: true }).catch(() => {});
    }
    await browser.close().catch(() => {});
  }
  writeFileSync(join(OUT, 'e2e.log'), steps.join('\n') + '\n');
  process.exit(1);
}
