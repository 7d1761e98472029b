/**
 * Links between manuscript files, as written for GitHub (`chapter.md`, `chapter.md#heading`,
 * `../part/x.md#y`): the anchor each leads to in the book, the first heading of that file
 * or the heading the fragment names inside it (its GitHub id), or why it leads nowhere.
 * One answer for a Markdown link (remark-resolve-crossrefs.ts) and a raw HTML `<a href>`
 * (rehype-raw-html.ts), so that both resolve alike in every format.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { documentTitleAnchor } from '../model/ids.ts';
import type { Registry } from '../model/registry.ts';
import { decodedOrAsWritten } from '../model/url-escapes.ts';
import type {} from '../plugins/remark-collect-sections.ts';

export type FileLinkTarget =
  | { kind: 'anchor'; anchor: string; documentId: string }
  | { kind: 'unknown'; reason: string; ruleId: 'link:unknown-file' | 'link:unknown-heading' };

/** Resolves `url` (a relative link to a file) written in `file`, against the registry's manuscripts. */
export type FileLinkResolver = (url: string, file: VFile) => FileLinkTarget;

export function fileLinkResolver(registry: Registry): FileLinkResolver {
  /** Manuscript files by absolute path, with their document: made on first use. */
  let manuscripts: Map<string, { file: VFile; documentId: string }> | undefined;
  const manuscriptAt = (absolute: string) => {
    manuscripts ??= new Map(
      [...registry.documents.values()].flatMap((d) =>
        d.files.map((f) => [path.resolve(f.cwd, f.path), { file: f, documentId: d.id }] as const),
      ),
    );
    return manuscripts.get(absolute);
  };
  return (url, file) => {
    const [pathPart = '', fragment] = url.split('#', 2);
    const base = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd;
    const target =
      pathPart === '' ? undefined : manuscriptAt(path.resolve(base, decodedOrAsWritten(pathPart)));
    if (!target)
      return {
        kind: 'unknown',
        reason: `Link \`${url}\` leads to no manuscript file of the book: only its text is kept (link to a chapter file, or to a web address)`,
        ruleId: 'link:unknown-file',
      };
    const ids = target.file.data.headings?.byLocalId;
    // GitHub's ids are lower case; a link written `#Details` finds `details` there too.
    const anchor = fragment
      ? (ids?.get(decodedOrAsWritten(fragment)) ??
        ids?.get(decodedOrAsWritten(fragment).toLowerCase()))
      : (target.file.data.headings?.first ?? documentTitleAnchor(target.documentId));
    if (!anchor)
      return {
        kind: 'unknown',
        reason: `Link \`${url}\` names no heading of \`${pathPart}\`: only its text is kept${didYouMean(fragment ?? '', [...(ids?.keys() ?? [])])}`,
        ruleId: 'link:unknown-heading',
      };
    return { kind: 'anchor', anchor, documentId: target.documentId };
  };
}
