/**
 * `folio init [DIR]`: writes a small project that `folio build` builds at once — a config,
 * a chapter with an index mark and a cross-reference, a glossary with one entry, and
 * `styles/print.css`, a commented copy of Folio's own, to show where a project's styles go.
 * It never overwrites: if any of its files exists, it writes nothing and names the file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { folioRoot } from '../assemble/template.ts';
import { UsageFailure } from '../failures.ts';

// Beside this module in src/ and in the compiled lib/ alike (the pack copies it).
const templateFolder = fileURLToPath(new URL('./template/', import.meta.url));

const styleHeader = `/*
 * This project's print stylesheet. A file in styles/ replaces Folio's stylesheet of the
 * same name for this project: base.css (every edition), print.css (the PDF), screen.css
 * (the HTML edition), epub.css (the EPUB). This one starts as a copy of Folio's print.css;
 * change what you like, or delete it to go back to Folio's.
 */
`;

/** The files of a new project, by path relative to its folder. */
function projectFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(templateFolder, folder), { withFileTypes: true })) {
      const name = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(name);
      else files.set(name, readFileSync(path.join(templateFolder, name), 'utf8'));
    }
  };
  walk('');
  const print = readFileSync(path.join(folioRoot, 'styles', 'print.css'), 'utf8');
  files.set(path.join('styles', 'print.css'), styleHeader + print);
  return files;
}

/** Writes a new project into `folder`; returns the paths written, relative to it. */
export function initProject(folder: string): string[] {
  const files = projectFiles();
  const existing = [...files.keys()].filter((name) => existsSync(path.join(folder, name)));
  if (existing.length > 0) {
    const named = existing.map((name) => `\`${path.join(folder, name)}\``).join(', ');
    throw new UsageFailure(
      `Not writing a project into \`${folder}\`: ${named} already exist${existing.length === 1 ? 's' : ''}, and folio init never overwrites. Choose an empty folder: \`folio init DIR\``,
    );
  }
  for (const [name, text] of files) {
    const target = path.join(folder, name);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      // `wx`: should a file appear meanwhile, fail rather than overwrite it.
      writeFileSync(target, text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A folder that is a file, is read-only or appeared meanwhile: the user's to fix.
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EROFS')
        throw new UsageFailure(`Cannot write \`${target}\` (${code}): choose another folder`);
      throw error;
    }
  }
  return [...files.keys()].sort();
}
