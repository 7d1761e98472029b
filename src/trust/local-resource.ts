/**
 * The one decision on a resource a user names by URL (an image in Markdown or raw HTML, a
 * glossary definition's or an annotation's image): it must be a file inside the project,
 * by its real path. A remote URL would make the print browser or the EPUB step reach the
 * network; a path that leaves the project (`../../etc/passwd`, an absolute path, a symlink
 * out) could leak a private file into an edition; a missing file would print a broken
 * image. Callers report the refusal at the element that named the resource.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeUrlComponent } from '../model/url-escapes.ts';

export type LocalResource =
  | { ok: true /** The real path of the file, inside the project. */; file: string }
  | {
      ok: false;
      reason: string;
      ruleId: 'image:remote' | 'image:missing' | 'image:outside-project';
    };

/**
 * Where `url`, written in a file of folder `base`, leads: a real file inside `projectRoot`
 * (itself a real path), or why not.
 */
export function localResource(url: string, base: string, projectRoot: string): LocalResource {
  const trimmed = url.trim();
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(trimmed) && !/^file:/i.test(trimmed)) {
    return {
      ok: false,
      reason: `Remote image \`${trimmed}\`: Folio never fetches from the network; save the image in the project and link it by path`,
      ruleId: 'image:remote',
    };
  }
  const decoded = decodeUrlComponent(trimmed.replace(/^file:(\/\/)?/i, '').split(/[?#]/)[0] ?? '');
  if (decoded === undefined) {
    return {
      ok: false,
      reason: `Image path \`${trimmed}\` is not a valid URL (a \`%\` must start an escape such as \`%20\`)`,
      ruleId: 'image:missing',
    };
  }
  // An absolute path or a file: URL is refused even when it points inside the project: the
  // build would then depend on where the project lies.
  const absoluteWritten = path.isAbsolute(decoded) || /^file:/i.test(trimmed);
  const absolute = path.resolve(base, decoded);
  const real = realFile(absolute);
  if (!absoluteWritten && real === undefined) {
    return { ok: false, reason: `Image not found: \`${trimmed}\``, ruleId: 'image:missing' };
  }
  if (absoluteWritten || real === undefined || !isInside(real, projectRoot)) {
    return {
      ok: false,
      reason: `Image \`${trimmed}\` is outside the project folder; only files inside it are embedded`,
      ruleId: 'image:outside-project',
    };
  }
  return { ok: true, file: real };
}

/** The real path of `file` if it is a regular file (through any symlinks), else undefined. */
export function realFile(file: string): string | undefined {
  try {
    const real = realpathSync(file);
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Whether real path `file` is `folder` or lies inside it (both real paths). */
export function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
