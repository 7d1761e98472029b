/**
 * Parses a YAML file held in a vfile and validates it against a zod schema, reporting
 * every syntax error and schema issue as a fatal message at the offending key's line and
 * column. Shared by the config, the glossary and annotation files.
 *
 * Aliases are bounded: an alias that names no anchor before it, sits inside its own anchor
 * (a value that contains itself), or takes the expansion past the `yaml` package's
 * `maxAliasCount` (a "billion laughs" bomb) is a syntax error at the alias, never a crash.
 */

import type { VFile } from 'vfile';
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import type { z } from 'zod';
import { didYouMean } from '../diagnostics/did-you-mean.ts';

/**
 * How far aliases may expand, in the `yaml` package's measure (uses of an anchor times the
 * aliases inside it): its own default, stated here because it is part of what Folio accepts.
 * No Folio file needs aliases; a config may use a few to repeat edition settings.
 */
export const maxAliasCount = 100;

export interface Place {
  line: number;
  column: number;
}

export interface YamlSource {
  doc: Document;
  /** Line and column of the value at a key path, or of its nearest existing parent. */
  placeOf(keys: readonly (string | number)[]): Place;
}

export interface ValidatedYaml<T> extends YamlSource {
  data: T;
}

/** Returns the validated data, or undefined when the file got fatal messages. */
export function validateYaml<S extends z.ZodType>(
  file: VFile,
  schema: S,
  source: string,
  /** YAML embedded in the file (front matter): its text and the line it starts on. */
  embedded?: { text: string; firstLine: number },
): ValidatedYaml<z.infer<S>> | undefined {
  const lines = new LineCounter();
  const text = embedded ? embedded.text : String(file.value);
  const lineOffset = embedded ? embedded.firstLine - 1 : 0;
  const at = (offset: number): Place => {
    const { line, col } = lines.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } catch (error) {
    // The parser recurses once per level of nesting: thousands of levels overflow the stack.
    if (!(error instanceof RangeError)) throw error;
    const deepest = deepestLine(text);
    fatal(
      file,
      'Invalid YAML: it is nested too deep to read (thousands of levels): flatten it',
      { line: deepest + lineOffset, column: 1 },
      `${source}:yaml-syntax`,
      source,
    );
    return undefined;
  }
  const placeOf = (keys: readonly (string | number)[]): Place => {
    for (let n = keys.length; n >= 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return { line: 1, column: 1 };
  };
  const keyPlaceOf = (keys: readonly (string | number)[]): Place => {
    const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
    const last = keys[keys.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
      if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
    }
    return placeOf(keys.slice(0, -1));
  };

  for (const error of doc.errors) {
    fatal(
      file,
      `Invalid YAML: ${error.message.split('\n')[0]}`,
      at(error.pos[0]),
      `${source}:yaml-syntax`,
      source,
    );
  }
  if (doc.errors.length > 0) return undefined;

  const data = aliasSafeData(doc);
  if ('problem' in data) {
    const place = data.at?.range ? at(data.at.range[0]) : at(0);
    fatal(file, `Invalid YAML: ${data.problem}`, place, `${source}:yaml-syntax`, source);
    return undefined;
  }
  const parsed = schema.safeParse(data.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      const name = keys.length > 0 ? `\`${keys.join('.')}\`` : 'the file';
      if (issue.code === 'unrecognized_keys') {
        const allowed = allowedKeys(schema, keys);
        const expected = allowed?.map((k) => `\`${k}\``).join(', ');
        for (const key of issue.keys) {
          fatal(
            file,
            `Unknown key \`${[...keys, key].join('.')}\`${didYouMean(key, allowed ?? [], 1)}${expected ? `: expected one of ${expected}` : ''}`,
            keyPlaceOf([...keys, key]),
            `${source}:unknown-key`,
            source,
          );
        }
      } else if (keys.length > 0 && doc.getIn(keys) === undefined) {
        // Whatever zod calls it (a union's `invalid_union`, a plain `invalid_type`), a key
        // that is not there is missing, not invalid.
        fatal(file, `Missing required key ${name}`, placeOf(keys), `${source}:missing-key`, source);
      } else {
        fatal(
          file,
          `Invalid value for ${name}: ${issue.message}`,
          placeOf(keys),
          `${source}:invalid-value`,
          source,
        );
      }
    }
    return undefined;
  }
  return { data: parsed.data, doc, placeOf };
}

/**
 * The document's data, or the alias that makes it unsafe to build: one that names no
 * anchor before it, one inside its own anchor, or the one at which the expansion passes
 * `maxAliasCount`.
 */
function aliasSafeData(doc: Document): { value: unknown } | { problem: string; at?: Alias } {
  const anchors = new Map<string, Node>();
  const aliases: Alias[] = [];
  let unsafe: { problem: string; at: Alias } | undefined;
  // Document order, anchors before what they hold: the anchor an alias names is the last
  // one with that name seen so far, as the `yaml` package resolves it.
  visit(doc, {
    Node: (_key, node, path) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (!target)
          unsafe = {
            problem: `the alias \`*${node.source}\` names no anchor (\`&${node.source}\`) before it`,
            at: node,
          };
        else if (path.includes(target))
          unsafe = {
            problem: `the alias \`*${node.source}\` stands inside its own anchor: a value cannot contain itself`,
            at: node,
          };
        else aliases.push(node);
        return unsafe ? visit.BREAK : undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  if (unsafe) return unsafe;
  // The package throws a bare ReferenceError when the count is passed; the aliases being
  // resolved when it does are on this stack, the one that passed it on top.
  const resolving: Alias[] = [];
  for (const alias of aliases) {
    const resolve = alias.resolve.bind(alias);
    alias.resolve = (...args) => {
      resolving.push(alias);
      const found = resolve(...args);
      resolving.pop();
      return found;
    };
  }
  try {
    return { value: doc.toJS({ maxAliasCount }) };
  } catch (error) {
    const alias = resolving.at(-1) ?? aliases[0];
    // Building the values recurses too: a document nested thousands deep overflows the stack.
    if (error instanceof RangeError)
      return { problem: 'it is nested too deep to read (thousands of levels): flatten it' };
    if (!(error instanceof ReferenceError) || !alias) throw error;
    return {
      problem: `the aliases expand past ${maxAliasCount} uses here (the limit that guards against alias bombs): write the values out or use fewer aliases`,
      at: alias,
    };
  }
}

/** The line that opens the most levels (indentation, `- `, `[` and `{`), where a stack overflows. */
function deepestLine(text: string): number {
  let deepest = { line: 1, depth: -1 };
  text.split('\n').forEach((line, i) => {
    const depth = line.length - line.replace(/^[\s\-[{]+/, '').length;
    if (depth > deepest.depth) deepest = { line: i + 1, depth };
  });
  return deepest.line;
}

export function fatal(
  file: VFile,
  reason: string,
  place: Place,
  ruleId: string,
  source: string,
): void {
  const message = file.message(reason, { place, ruleId, source });
  message.fatal = true;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (
      (def.type === 'default' || def.type === 'optional' || def.type === 'nullable') &&
      def.innerType
    ) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The keys a schema allows at a path, for "did you mean" and "expected one of" in unknown-key messages. */
function allowedKeys(schema: z.ZodType, keys: readonly (string | number)[]): string[] | undefined {
  let current = unwrap(schema);
  for (const key of keys) {
    const def = defOf(current);
    if (typeof key === 'number' && def.type === 'array' && def.element)
      current = unwrap(def.element);
    else if (typeof key === 'string' && def.type === 'object' && def.shape?.[key])
      current = unwrap(def.shape[key]);
    else return undefined;
  }
  const def = defOf(current);
  if (def.type !== 'object' || !def.shape) return undefined;
  return Object.keys(def.shape);
}
