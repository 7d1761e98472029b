/**
 * Page furniture from `templates/`: HTML files with `data-field` elements (filled with text
 * or nodes, removed when the value is missing, together with their `data-field-label`) and
 * `data-slot` elements (replaced by generated content), and `data-words` elements (their
 * text replaced by a generated word in the edition's language, src/locale/words.ts; with
 * `data-words-aria-label` the `aria-label` likewise). A project may override any
 * template with a file of the same name in its own `templates/` folder. A project's
 * template is code Folio trusts, but what it can make a reader's device do is still held
 * to the one URL policy (trust/url-policy.ts): a link or resource with another scheme than
 * http, https, mailto or a path is dropped, and so is `<meta http-equiv="refresh">`,
 * which would navigate the print page away while it prints.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, ElementContent, Parent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { SKIP, visit } from 'unist-util-visit';
import type { GeneratedWords } from '../locale/words.ts';
import { linkKind } from '../trust/url-policy.ts';

export const folioRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type FieldValue = string | ElementContent[] | undefined;

export function templatePath(name: string, projectRoot?: string): string {
  const own = projectRoot ? path.join(projectRoot, 'templates', name) : undefined;
  return own && existsSync(own) ? own : path.join(folioRoot, 'templates', name);
}

/** Parsed templates by file (and whether parsed as a fragment), with the file's mtime then. */
const parsed = new Map<string, { mtimeMs: number; tree: Root }>();

/**
 * A template file parsed, from the cache while the file is unchanged: the print loop
 * assembles an edition several times, each with a header per document, and watch and
 * preview keep running while the author edits templates (a new mtime parses again). Each
 * caller gets its own copy, since filling a template changes it.
 */
function parseTemplate(file: string, fragment: boolean): Root {
  const key = `${fragment ? 'fragment' : 'page'}:${file}`;
  const { mtimeMs } = statSync(file);
  let cached = parsed.get(key);
  if (cached?.mtimeMs !== mtimeMs) {
    cached = { mtimeMs, tree: holdToUrlPolicy(fromHtml(readFileSync(file, 'utf8'), { fragment })) };
    parsed.set(key, cached);
  }
  return structuredClone(cached.tree);
}

/** Properties (as hast names them) whose value is a URL the page would follow or load. */
const urlProperties = [
  'href',
  'src',
  'action',
  'formAction',
  'poster',
  'data',
  'cite',
  'xLinkHref',
];

/** What `holdToUrlPolicy` took out of a template, at the element it stood on. */
export interface TemplateDrop {
  element: Element;
  what: string;
}

// An image embedded in a template as a data URL is not a link and cannot run anything.
const embeddedImage = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/**
 * Removes from a parsed template what the URL policy forbids (links and resources with
 * another scheme) and meta refreshes; tells `onDrop` of each (the load step reports them).
 */
export function holdToUrlPolicy(tree: Root, onDrop?: (drop: TemplateDrop) => void): Root {
  visit(tree, 'element', (element, index, parent) => {
    const equiv = element.properties.httpEquiv;
    const refresh = (Array.isArray(equiv) ? equiv.join(' ') : String(equiv ?? '')).toLowerCase();
    if (
      element.tagName === 'meta' &&
      refresh.trim() === 'refresh' &&
      parent &&
      index !== undefined
    ) {
      onDrop?.({ element, what: '`<meta http-equiv="refresh">`' });
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    for (const name of urlProperties) {
      const value = element.properties[name];
      if (typeof value !== 'string' || linkKind(value) !== 'forbidden') continue;
      if (name === 'src' && embeddedImage.test(value)) continue;
      onDrop?.({ element, what: `\`${value.slice(0, 60)}\`` });
      delete element.properties[name];
    }
    return undefined;
  });
  return tree;
}

/** A whole page (html, head, body). */
export function loadPageTemplate(name: string, projectRoot?: string): Root {
  return parseTemplate(templatePath(name, projectRoot), false);
}

/** A fragment whose single top element is returned. */
export function loadFragmentTemplate(name: string, projectRoot?: string): Element {
  const tree = parseTemplate(templatePath(name, projectRoot), true);
  const element = tree.children.find((n): n is Element => n.type === 'element');
  if (!element) throw new Error(`Template ${name} has no element`);
  return element;
}

/** Fills `data-field` elements; missing values remove the element and its label. */
export function fillFields(tree: Parent, fields: Record<string, FieldValue>): void {
  const filled = (name: unknown) => {
    const value = typeof name === 'string' ? fields[name] : undefined;
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  };
  tree.children = tree.children.filter((child) => {
    if (child.type !== 'element') return true;
    const { dataField, dataFieldLabel } = child.properties;
    if (dataFieldLabel !== undefined) {
      delete child.properties.dataFieldLabel;
      if (!filled(dataFieldLabel)) return false;
    }
    if (dataField !== undefined) {
      delete child.properties.dataField;
      if (!filled(dataField)) return false;
      const value = fields[String(dataField)];
      child.children = typeof value === 'string' ? [{ type: 'text', value }] : (value ?? []);
      return true;
    }
    fillFields(child, fields);
    return true;
  });
}

/** Replaces each `data-slot` element: `title` and `style` get text, others are swapped for nodes. */
export function fillSlots(tree: Parent, slots: Record<string, string | ElementContent[]>): void {
  tree.children = tree.children.flatMap((child): Parent['children'] => {
    if (child.type !== 'element') return [child];
    const slot = child.properties.dataSlot;
    if (slot === undefined) {
      fillSlots(child, slots);
      return [child];
    }
    delete child.properties.dataSlot;
    const value = slots[String(slot)];
    if (value === undefined) return [];
    if (typeof value === 'string') {
      child.children = [{ type: 'text', value }];
      return [child];
    }
    return value;
  });
}

function wordOf(words: GeneratedWords, name: unknown): string | undefined {
  if (typeof name !== 'string' || !Object.hasOwn(words, name)) return undefined;
  const word = words[name as keyof GeneratedWords];
  return typeof word === 'string' ? word : undefined;
}

/**
 * Puts the edition's words into `data-words="preparedFor"` elements (their text) and
 * `data-words-aria-label="cover"` ones (their `aria-label`); a name that is no plain word
 * (or a template without these attributes) keeps the template's own text.
 */
export function fillWords(tree: Element, words: GeneratedWords): void {
  visit(tree, 'element', (element: Element) => {
    const { dataWords, dataWordsAriaLabel } = element.properties;
    const text = wordOf(words, dataWords);
    if (dataWords !== undefined) delete element.properties.dataWords;
    if (text !== undefined) element.children = [{ type: 'text', value: text }];
    const label = wordOf(words, dataWordsAriaLabel);
    if (dataWordsAriaLabel !== undefined) delete element.properties.dataWordsAriaLabel;
    if (label !== undefined) element.properties.ariaLabel = label;
  });
}
