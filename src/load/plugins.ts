/**
 * The project's own remark and rehype plugins (`plugins:` in the config), resolved as Node
 * resolves a package from the project folder (its `node_modules`, then its parents') and
 * loaded when the config is: a plugin that cannot be found or loaded, or that is no
 * function, is a located config error. Folio runs each one on its own, so that one that
 * throws or works asynchronously is reported by name at the manuscript it was given.
 *
 * Plugins are the project's code and Folio trusts them: they run in Folio's process, with
 * its rights, and what a rehype plugin adds to the HTML is not sanitised.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { type Pluggable, type Plugin, type Processor, unified } from 'unified';
import type { VFile } from 'vfile';
import type { FolioConfig } from '../config/schema.ts';
import { fail } from '../diagnostics/messages.ts';
import { fatal, type YamlSource } from '../yaml/validate-yaml.ts';

/** One loaded plugin, ready to run on a tree. */
export interface ProjectPlugin {
  /** Its package name, as the config gives it. */
  name: string;
  processor: Processor;
}

export interface ProjectPlugins {
  /** Run on each manuscript file's Markdown tree after parsing, before Folio collects it. */
  remark: ProjectPlugin[];
  /** Run on each manuscript file's HTML tree after Folio's rehype steps (resolve.ts). */
  rehype: ProjectPlugin[];
}

export const noPlugins: ProjectPlugins = { remark: [], rehype: [] };

/** Loads the plugins a config names; problems are fatal messages at their config keys. */
export function loadPlugins(
  file: VFile,
  yaml: YamlSource,
  config: FolioConfig,
  root: string,
): ProjectPlugins {
  if (!config.plugins) return noPlugins;
  // Resolved from the project folder, never from Folio's own dependencies.
  const require = createRequire(path.join(path.resolve(root), 'package.json'));
  const load = (kind: 'remark' | 'rehype') =>
    config.plugins?.[kind].flatMap((entry, i): ProjectPlugin[] => {
      const { name, options } =
        typeof entry === 'string' ? { name: entry, options: undefined } : entry;
      const keys = typeof entry === 'string' ? ['plugins', kind, i] : ['plugins', kind, i, 'name'];
      const problem = (reason: string, ruleId: string) => {
        fatal(file, reason, yaml.placeOf(keys), ruleId, 'config');
        return [];
      };
      let resolved: string;
      try {
        resolved = require.resolve(name);
      } catch {
        return problem(
          `Cannot find the ${kind} plugin \`${name}\` from the project folder: install it there (\`npm install ${name}\`)`,
          'config:missing-plugin',
        );
      }
      let plugin: unknown;
      try {
        plugin = pluginExport(require(resolved));
      } catch (error) {
        return problem(
          `The ${kind} plugin \`${name}\` could not be loaded: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
          'config:missing-plugin',
        );
      }
      if (typeof plugin !== 'function')
        return problem(
          `The package \`${name}\` exports no ${kind} plugin (its default export is no function)`,
          'config:missing-plugin',
        );
      const attacher = plugin as Plugin<unknown[]>;
      const pluggable: Pluggable = options === undefined ? attacher : [attacher, options];
      return [{ name, processor: unified().use([pluggable]).freeze() }];
    }) ?? [];
  return { remark: load('remark'), rehype: load('rehype') };
}

/** The attacher a plugin module exports: its default export (ESM or CommonJS), else itself. */
function pluginExport(module: unknown): unknown {
  if (typeof module === 'function') return module;
  if (module && typeof module === 'object' && 'default' in module) return module.default;
  return module;
}

/**
 * Runs the project's plugins on one tree, in config order. A plugin that throws or works
 * asynchronously (Folio's pipeline runs synchronously) is an error at the file, naming it;
 * the tree then goes on as that plugin got it.
 */
export function runProjectPlugins<T extends Root | HastRoot>(
  plugins: readonly ProjectPlugin[],
  kind: 'remark' | 'rehype',
  tree: T,
  file: VFile,
): T {
  let current = tree;
  for (const { name, processor } of plugins) {
    try {
      current = processor.runSync(current, file) as T;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      fail(
        file,
        /runSync.*async/i.test(reason)
          ? `The ${kind} plugin \`${name}\` works asynchronously, which Folio’s pipeline does not: use a synchronous plugin`
          : `The ${kind} plugin \`${name}\` failed on this file: ${reason}`,
        { place: { line: 1, column: 1 }, ruleId: 'plugin:failed' },
      );
    }
  }
  return current;
}
