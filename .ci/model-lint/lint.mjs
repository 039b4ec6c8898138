// CI: lints the models as Camunda Modeler opens them for Camunda 8 (run by .ci/lint-models, which installs
// the pinned packages of package.json beside this file first).
//
//   node .ci/model-lint/lint.mjs [--max-warnings N] [FILE...]
//
// FILEs: *.bpmn, *.dmn, *.form and element templates (*.json); without any, bpmn/*.bpmn, dmn/*.dmn,
// bpmn/*.form and element-templates/*.json of the repository. What it checks:
//  - BPMN: parsed with bpmn-moddle extended by zeebe-bpmn-moddle and modeler-moddle, as Modeler's Camunda 8
//    editor does; every import warning (unknown element or attribute, unresolved reference) is an error.
//    Then bpmnlint with the repository's .bpmnlintrc (bpmnlint:recommended and
//    plugin:camunda-compat/camunda-cloud-X-Y, the rules Modeler applies for Camunda X.Y). The definitions must
//    declare modeler:executionPlatform "Camunda Cloud" and an executionPlatformVersion X.Y.z, which is how
//    Modeler picks those rules. Linked forms (zeebe:formDefinition formId), decisions (zeebe:calledDecision,
//    or the evaluate-decision worker's decisionId header) and element templates (zeebe:modelerTemplate and
//    its version) must exist.
//  - DMN: parsed with dmn-moddle and modeler-moddle; import warnings are errors; the same platform
//    attributes; every decision named, every decision table with at least one rule and as many entries
//    in each rule as it has inputs and outputs, output names where a table has several outputs.
//  - Forms: JSON, type "default", an id, components, executionPlatform "Camunda Cloud" and a version X.Y.z;
//    each component has a type and an id unique in the form.
//  - Element templates: JSON with $schema, name, id and appliesTo, valid against Camunda's element template
//    schema (@bpmn-io/element-templates-validator, the validator Modeler uses).
//  - Across files: process, decision and form ids unique (one deployment takes them all).
// Prints every finding (file, element id, rule, message); exits 1 on any error or on more warnings than
// --max-warnings (default 0: a warning is either fixed or its rule is switched off in .bpmnlintrc).

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { validateZeebe } = require('@bpmn-io/element-templates-validator');
const zeebeModdle = require('zeebe-bpmn-moddle/resources/zeebe.json');
const modelerModdle = require('modeler-moddle/resources/modeler.json');
const dmnModelerModdle = require('modeler-moddle/resources/dmn-modeler.json');

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLATFORM = 'Camunda Cloud';

// ---------------------------------------------------------------------------------------------- arguments

let maxWarnings = 0;
const args = [];
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--max-warnings') {
    maxWarnings = Number(process.argv[++i]);
  } else if (arg.startsWith('--max-warnings=')) {
    maxWarnings = Number(arg.slice('--max-warnings='.length));
  } else if (arg === '-h' || arg === '--help') {
    console.log('usage: .ci/lint-models [--max-warnings N] [FILE.bpmn|FILE.dmn|FILE.form|TEMPLATE.json ...]');
    process.exit(0);
  } else if (arg.startsWith('-')) {
    fail(`unknown option ${arg}`);
  } else {
    args.push(path.resolve(arg));
  }
}
if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
  fail('--max-warnings takes a whole number >= 0');
}

function fail(message) {
  console.error(`lint-models: ${message}`);
  process.exit(2);
}

function listDir(dir, ext) {
  const abs = path.join(REPO, dir);
  if (!existsSync(abs)) {
    return [];
  }
  return readdirSync(abs).filter(f => f.endsWith(ext)).sort().map(f => path.join(abs, f));
}

const defaults = {
  bpmn: listDir('bpmn', '.bpmn'),
  dmn: listDir('dmn', '.dmn'),
  form: listDir('bpmn', '.form'),
  template: listDir('element-templates', '.json')
};

const kindOf = file => {
  const ext = path.extname(file);
  return { '.bpmn': 'bpmn', '.dmn': 'dmn', '.form': 'form', '.json': 'template' }[ext];
};

const targets = { bpmn: [], dmn: [], form: [], template: [] };
for (const file of args.length ? args : Object.values(defaults).flat()) {
  const kind = kindOf(file);
  if (!kind) {
    fail(`${file}: not a .bpmn, .dmn, .form or element template (.json)`);
  }
  if (!existsSync(file)) {
    fail(`${file}: no such file`);
  }
  targets[kind].push(file);
}

// ----------------------------------------------------------------------------------------------- findings

const findings = [];
const rel = file => {
  const r = path.relative(REPO, file);
  return r.startsWith('..') ? file : r;
};

function report(file, severity, id, rule, message) {
  findings.push({ file: rel(file), severity, id: id || '', rule, message });
}

// ------------------------------------------------------------------------------------------ configuration

const rcPath = path.join(REPO, '.bpmnlintrc');
let rc;
try {
  rc = JSON.parse(readFileSync(rcPath, 'utf8'));
} catch (err) {
  fail(`cannot read ${rcPath}: ${err.message}`);
}
const parents = [].concat(rc.extends || []);
const compat = parents.map(p => /^plugin:camunda-compat\/camunda-cloud-(\d+)-(\d+)$/.exec(p)).find(Boolean);
if (!compat) {
  fail('.bpmnlintrc must extend plugin:camunda-compat/camunda-cloud-X-Y (the Camunda version the models target)');
}
const VERSION = `${compat[1]}.${compat[2]}`; // e.g. 8.6

const moddleExtensions = { zeebe: zeebeModdle, modeler: modelerModdle };
for (const [prefix, location] of Object.entries(rc.moddleExtensions || {})) {
  moddleExtensions[prefix] = require(location);
}
const lintConfig = { ...rc };
delete lintConfig.moddleExtensions;
delete lintConfig.$comment;

// -------------------------------------------------------------------------------------- shared checks

function checkPlatform(file, element, id, { get }) {
  const platform = get('executionPlatform');
  const version = get('executionPlatformVersion');
  if (platform !== PLATFORM) {
    report(file, 'error', id, 'execution-platform',
      `executionPlatform is ${JSON.stringify(platform)}; Modeler opens a Camunda 8 ${element} only with "${PLATFORM}"`);
  }
  if (typeof version !== 'string' || !new RegExp(`^${VERSION.replace('.', '\\.')}\\.\\d+$`).test(version)) {
    report(file, 'error', id, 'execution-platform',
      `executionPlatformVersion is ${JSON.stringify(version)}; expected ${VERSION}.x (the version .bpmnlintrc lints for)`);
  }
}

// moddle's import warnings: an unknown attribute names its element (the nearest one with an id is shown);
// unparsable content (an unknown element, a bad reference) names its line
function importWarnings(file, warnings) {
  for (const warning of warnings) {
    let element = warning.element;
    while (element && !element.id && element.$parent) {
      element = element.$parent;
    }
    const [ first, ...details ] = warning.message.split('\n').map(line => line.trim());
    const detail = key => (details.find(d => d.startsWith(`${key}:`)) || '').slice(key.length + 1).trim();
    const where = detail('line') ? ` at line ${detail('line')}, column ${detail('column')}` : '';
    const nested = detail('nested error') ? `: ${detail('nested error')}` : '';
    report(file, 'error', element && element.id || '', 'import', `${first}${where}${nested}`);
  }
}

function readText(file) {
  return readFileSync(file, 'utf8');
}

function uniqueIds(kind, entries) {
  const seen = new Map();
  for (const { id, file } of entries) {
    if (seen.has(id) && seen.get(id) !== file) {
      report(file, 'error', id, 'unique-ids', `${kind} id ${id} is also in ${rel(seen.get(id))}; one deployment takes both`);
    } else {
      seen.set(id, file);
    }
  }
}

// -------------------------------------------------------------------------------------------------- forms

const INPUT_TYPES = new Set([ 'textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select',
  'taglist', 'datetime', 'expression', 'filepicker' ]);

function lintForm(file) {
  let form;
  try {
    form = JSON.parse(readText(file));
  } catch (err) {
    report(file, 'error', '', 'json', `not JSON: ${err.message}`);
    return null;
  }
  if (form === null || typeof form !== 'object' || Array.isArray(form)) {
    report(file, 'error', '', 'form-schema', 'a form is a JSON object');
    return null;
  }
  const id = typeof form.id === 'string' ? form.id : '';
  if (form.type !== 'default') {
    report(file, 'error', id, 'form-schema', `type is ${JSON.stringify(form.type)}; a form's root has type "default"`);
  }
  if (!id) {
    report(file, 'error', '', 'form-schema', 'no id (the formId that user tasks link)');
  }
  if (!Array.isArray(form.components)) {
    report(file, 'error', id, 'form-schema', 'no components array');
  }
  if (typeof form.schemaVersion !== 'number') {
    report(file, 'error', id, 'form-schema', 'no schemaVersion');
  }
  checkPlatform(file, 'form', id, { get: name => form[name] });

  const seen = new Set([ id ]);
  const walk = components => {
    for (const [ index, component ] of (components || []).entries()) {
      const where = component && component.id || `components[${index}]`;
      if (!component || typeof component.type !== 'string') {
        report(file, 'error', where, 'form-schema', 'component without a type');
        continue;
      }
      if (typeof component.id !== 'string' || !component.id) {
        report(file, 'error', where, 'form-schema', `${component.type} component without an id`);
      } else if (seen.has(component.id)) {
        report(file, 'error', component.id, 'form-schema', 'component id used twice in the form');
      } else {
        seen.add(component.id);
      }
      if (INPUT_TYPES.has(component.type) && !component.key) {
        report(file, 'error', where, 'form-schema', `${component.type} field without a key (the variable it binds)`);
      }
      if (Array.isArray(component.components)) {
        walk(component.components);
      }
    }
  };
  if (Array.isArray(form.components)) {
    walk(form.components);
  }
  return id || null;
}

// ------------------------------------------------------------------------------------- element templates

function lintTemplate(file) {
  const text = readText(file);
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    report(file, 'error', '', 'json', `not JSON: ${err.message}`);
    return [];
  }
  const templates = Array.isArray(json) ? json : [ json ];
  for (const template of templates) {
    const id = template && template.id || '';
    for (const key of [ '$schema', 'name', 'id' ]) {
      if (typeof template[key] !== 'string' || !template[key]) {
        report(file, 'error', id, 'element-template', `no ${key}`);
      }
    }
    if (!Array.isArray(template.appliesTo) || !template.appliesTo.length) {
      report(file, 'error', id, 'element-template', 'no appliesTo');
    }
    if (typeof template.$schema === 'string' && !template.$schema.includes('zeebe-element-templates-json-schema')) {
      report(file, 'error', id, 'element-template',
        `$schema ${template.$schema} is not Camunda 8's (@camunda/zeebe-element-templates-json-schema)`);
    }
    if (template.engines && template.engines.camunda && !rangeAdmits(template.engines.camunda, VERSION)) {
      report(file, 'error', id, 'element-template',
        `engines.camunda ${template.engines.camunda} does not admit Camunda ${VERSION}`);
    }
  }
  const { errors, warnings } = validateZeebe(text);
  for (const error of errors || []) {
    report(file, 'error', templateProperty(templates, error.instancePath), 'element-template-schema', `${error.dataPointer ? error.dataPointer.line + 1 + ': ' : ''}${error.message}`);
  }
  // The schema's warnings are deprecation notes for later Camunda versions (e.g. "'optional' with
  // 'zeebe:input' binding is deprecated ... for Camunda 8.8+"); Modeler loads the template all the same, and
  // validator 2.26.0 notes "Value is deprecated" on every feel: required property with a value, even one that
  // starts with "=" as the schema asks. The template is generated by the build from the connector's
  // annotations, so these are shown as info, not counted.
  for (const warning of warnings || []) {
    report(file, 'info', templateProperty(templates, warning.instancePath), 'element-template-schema',
      `${warning.instancePath || ''} ${warning.message}`.trim());
  }
  return templates.filter(t => t && t.id).map(t => ({ id: t.id, version: t.version, appliesTo: t.appliesTo || [],
    elementType: t.elementType && t.elementType.value, file }));
}

// the template property a schema finding points at (/properties/3/value, or /0/properties/3 in a list)
function templateProperty(templates, pointer) {
  const m = /^(?:\/(\d+))?\/properties\/(\d+)/.exec(pointer || '');
  const template = m && templates[Number(m[1] || 0)];
  const property = template && Array.isArray(template.properties) && template.properties[Number(m[2])];
  return property ? property.id || property.binding && property.binding.name || '' : '';
}

// a caret or >= range of the form the templates use ("^8.6", ">=8.6", "8.6"): enough to catch a template for
// a later minor
function rangeAdmits(range, version) {
  const [ major, minor ] = version.split('.').map(Number);
  return range.split('||').some(part => {
    const m = /^\s*(\^|~|>=)?\s*(\d+)(?:\.(\d+))?(?:\.\d+)?\s*$/.exec(part);
    if (!m) {
      return true; // not ours to judge
    }
    const [ , op, maj, min = '0' ] = m;
    if (op === '>=') {
      return major > Number(maj) || (major === Number(maj) && minor >= Number(min));
    }
    if (op === '^') {
      return major === Number(maj) && minor >= Number(min);
    }
    return major === Number(maj) && minor === Number(min);
  });
}

// ---------------------------------------------------------------------------------------------------- DMN

/**
 * Reads a model as Modeler does: every import warning is reported, and the execution platform checked.
 * Returns its definitions, or null when it cannot be read at all.
 */
async function readModel(file, moddle, rootType, kind) {
  let definitions;
  try {
    const result = await moddle.fromXML(readText(file), rootType);
    definitions = result.rootElement;
    importWarnings(file, result.warnings);
  } catch (err) {
    report(file, 'error', '', 'import', `cannot be read: ${err.message.split('\n')[0]}`);
    importWarnings(file, err.warnings || []);
    return null;
  }
  checkPlatform(file, kind, definitions.id, { get: name => definitions.get(`modeler:${name}`) });
  return definitions;
}

async function lintDmn(file) {
  const definitions = await readModel(file, new DmnModdle({ modeler: dmnModelerModdle }), 'dmn:Definitions', 'DMN diagram');
  if (!definitions) {
    return [];
  }

  const decisions = [];
  for (const element of definitions.drgElement || []) {
    if (!element.$instanceOf('dmn:Decision')) {
      continue;
    }
    decisions.push({ id: element.id, file });
    if (!(element.name || '').trim()) {
      report(file, 'error', element.id, 'decision-name', 'decision without a name');
    }
    const logic = element.decisionLogic;
    if (!logic) {
      report(file, 'error', element.id, 'decision-logic', 'decision without a decision table or literal expression');
      continue;
    }
    if (!logic.$instanceOf('dmn:DecisionTable')) {
      continue;
    }
    const inputs = logic.input || [];
    const outputs = logic.output || [];
    const rules = logic.rule || [];
    if (!outputs.length) {
      report(file, 'error', logic.id, 'decision-table', 'decision table without an output');
    }
    if (outputs.length > 1) {
      for (const output of outputs) {
        if (!(output.name || '').trim()) {
          report(file, 'error', output.id, 'decision-table', 'a table with several outputs needs a name for each');
        }
      }
    }
    for (const input of inputs) {
      if (!input.inputExpression || !((input.inputExpression.text || '').trim())) {
        report(file, 'error', input.id, 'decision-table', 'input without an expression');
      }
    }
    if (!rules.length) {
      report(file, 'error', logic.id, 'decision-table', 'decision table without a rule');
    }
    for (const rule of rules) {
      if ((rule.inputEntry || []).length !== inputs.length || (rule.outputEntry || []).length !== outputs.length) {
        report(file, 'error', rule.id, 'decision-table',
          `rule has ${(rule.inputEntry || []).length}/${(rule.outputEntry || []).length} input/output entries; ` +
          `the table has ${inputs.length}/${outputs.length}`);
      }
    }
  }
  if (!decisions.length) {
    report(file, 'error', definitions.id, 'decision-name', 'no decision in the file');
  }
  return decisions;
}

// --------------------------------------------------------------------------------------------------- BPMN

const linter = new Linter({ config: lintConfig, resolver: new NodeResolver({ require }) });

async function lintBpmn(file, context) {
  const definitions = await readModel(file, new BpmnModdle(moddleExtensions), 'bpmn:Definitions', 'BPMN diagram');
  if (!definitions) {
    return [];
  }

  const results = await linter.lint(definitions);
  for (const [ rule, reports ] of Object.entries(results)) {
    for (const r of reports) {
      const severity = r.category === 'warn' ? 'warning' : r.category === 'info' ? 'info' : 'error';
      report(file, severity, r.id, rule, r.message);
    }
  }

  const processes = [];
  const visit = (element, fn) => {
    fn(element);
    for (const child of element.flowElements || []) {
      visit(child, fn);
    }
  };
  for (const root of definitions.rootElements || []) {
    if (!root.$instanceOf('bpmn:Process')) {
      continue;
    }
    processes.push({ id: root.id, file });
    visit(root, element => checkLinks(file, element, context));
  }
  return processes;
}

function extensions(element, type) {
  const values = element.extensionElements && element.extensionElements.values || [];
  return values.filter(v => v.$instanceOf(type));
}

function checkLinks(file, element, context) {
  // forms linked by id (Camunda 8.4+); an embedded form (formKey) needs no file
  for (const form of extensions(element, 'zeebe:FormDefinition')) {
    if (form.formId && !context.forms.has(form.formId)) {
      report(file, 'error', element.id, 'form-link', `linked form ${form.formId} is not the id of any .form beside the model`);
    }
  }
  if (element.$instanceOf('bpmn:UserTask') && !extensions(element, 'zeebe:FormDefinition').length) {
    report(file, 'warning', element.id, 'form-link', 'user task without a form');
  }

  // decisions: zeebe:calledDecision, or the header the evaluate-decision worker reads
  if (context.decisions.size) {
    for (const called of extensions(element, 'zeebe:CalledDecision')) {
      if (called.decisionId && !called.decisionId.startsWith('=') && !context.decisions.has(called.decisionId)) {
        report(file, 'error', element.id, 'decision-link', `called decision ${called.decisionId} is in no .dmn`);
      }
    }
    for (const headers of extensions(element, 'zeebe:TaskHeaders')) {
      for (const header of headers.values || []) {
        if (header.key === 'decisionId' && !context.decisions.has(header.value)) {
          report(file, 'error', element.id, 'decision-link', `decisionId header ${header.value} is in no .dmn`);
        }
      }
    }
  }

  // element templates
  const templateId = element.get('zeebe:modelerTemplate');
  if (templateId) {
    const version = element.get('zeebe:modelerTemplateVersion');
    const candidates = context.templates.filter(t => t.id === templateId);
    const template = candidates.find(t => String(t.version) === String(version));
    if (!candidates.length) {
      report(file, 'error', element.id, 'element-template', `template ${templateId} is in no element template file`);
    } else if (!template) {
      report(file, 'error', element.id, 'element-template',
        `template ${templateId} version ${version} not found (there: ${candidates.map(t => t.version).join(', ')})`);
    } else {
      if (template.appliesTo.length && !template.appliesTo.some(type => element.$instanceOf(type))) {
        report(file, 'error', element.id, 'element-template', `template ${templateId} applies to ${template.appliesTo.join(', ')}, not ${element.$type}`);
      }
      if (template.elementType && element.$type !== template.elementType) {
        report(file, 'error', element.id, 'element-template', `template ${templateId} makes a ${template.elementType}, not a ${element.$type}`);
      }
    }
  }
}

// --------------------------------------------------------------------------------------------------- main

// what the models may link to: the repository's forms, decisions and templates, the files given, and the
// forms beside each BPMN file given
const formFiles = new Set([ ...defaults.form, ...targets.form ]);
for (const bpmn of targets.bpmn) {
  for (const f of readdirSync(path.dirname(bpmn)).filter(n => n.endsWith('.form'))) {
    formFiles.add(path.join(path.dirname(bpmn), f));
  }
}

const quiet = fn => {
  const saved = findings.length;
  const value = fn();
  const settle = v => {
    findings.length = saved;
    return v;
  };
  return value instanceof Promise ? value.then(settle) : settle(value);
};

const context = { forms: new Set(), decisions: new Set(), templates: [] };

const lintedForms = [];
for (const file of formFiles) {
  const linted = targets.form.includes(file);
  const id = linted ? lintForm(file) : quiet(() => lintForm(file));
  if (id) {
    context.forms.add(id);
    if (linted) {
      lintedForms.push({ id, file });
    }
  }
}

for (const file of new Set([ ...defaults.template, ...targets.template ])) {
  const linted = targets.template.includes(file);
  const templates = linted ? lintTemplate(file) : quiet(() => lintTemplate(file));
  context.templates.push(...templates);
}

const lintedDecisions = [];
for (const file of new Set([ ...defaults.dmn, ...targets.dmn ])) {
  const linted = targets.dmn.includes(file);
  const decisions = linted ? await lintDmn(file) : await quiet(() => lintDmn(file));
  for (const d of decisions) {
    context.decisions.add(d.id);
  }
  if (linted) {
    lintedDecisions.push(...decisions);
  }
}

const lintedProcesses = [];
for (const file of targets.bpmn) {
  lintedProcesses.push(...await lintBpmn(file, context));
}

uniqueIds('process', lintedProcesses);
uniqueIds('decision', lintedDecisions);
uniqueIds('form', lintedForms);

// ----------------------------------------------------------------------------------------------- output

const files = Object.values(targets).flat();
const byFile = new Map(files.map(f => [ rel(f), [] ]));
for (const f of findings) {
  byFile.get(f.file).push(f);
}
const width = Math.max(0, ...findings.map(f => f.id.length));
for (const [ file, list ] of byFile) {
  if (!list.length) {
    console.log(`lint-models: ${file} OK`);
    continue;
  }
  console.log(`lint-models: ${file}`);
  for (const f of list) {
    console.log(`  ${f.severity.padEnd(7)} ${f.id.padEnd(width)}  ${f.message}  (${f.rule})`);
  }
}
const errors = findings.filter(f => f.severity === 'error').length;
const warnings = findings.filter(f => f.severity === 'warning').length;
const infos = findings.filter(f => f.severity === 'info').length;
console.log(`lint-models: ${files.length} files, ${errors} errors, ${warnings} warnings, ${infos} info ` +
  `(bpmnlint ${require('bpmnlint/package.json').version}, camunda-compat ${require('bpmnlint-plugin-camunda-compat/package.json').version} for Camunda ${VERSION})`);
if (errors) {
  process.exit(1);
}
if (warnings > maxWarnings) {
  console.log(`lint-models: more than ${maxWarnings} warnings (--max-warnings); fix them or switch their rule off in .bpmnlintrc`);
  process.exit(1);
}
