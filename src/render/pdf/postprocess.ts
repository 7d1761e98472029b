/**
 * After the last print: qpdf lays the running heads over the pages, writes the page
 * labels (i, ii … 1, 2 …) and the document information (title, author, subject, keywords,
 * language, dates taken from the manuscript or SOURCE_DATE_EPOCH, never the clock), and
 * compresses into object streams. qpdf keeps the structure tree; pdf-lib would drop it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EnvironmentFailure } from '../../failures.ts';

const run = promisify(execFile);

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  language: string;
  /** The date the edition carries (ISO date). */
  date: Date;
}

export interface PostprocessInput {
  pdf: Uint8Array;
  /** Running heads, one page per page of `pdf`; omitted when there are none. */
  overlay?: Uint8Array;
  /** Physical page index (0-based) where a new numbering style starts. */
  labelRanges: Array<{ from: number; style: 'r' | 'D'; start?: number }>;
  info: PdfInfo;
}

export async function postprocess(input: PostprocessInput): Promise<Uint8Array> {
  const work = await mkdtemp(path.join(tmpdir(), 'folio-pdf-'));
  try {
    const printed = path.join(work, 'printed.pdf');
    const overlaid = path.join(work, 'overlaid.pdf');
    const final = path.join(work, 'final.pdf');
    await writeFile(printed, input.pdf);
    if (input.overlay) {
      const heads = path.join(work, 'heads.pdf');
      await writeFile(heads, input.overlay);
      await qpdf([printed, '--overlay', heads, '--', overlaid]);
    } else {
      await writeFile(overlaid, input.pdf);
    }
    const update = path.join(work, 'update.json');
    await writeFile(update, JSON.stringify(await metadataUpdate(overlaid, input)));
    await qpdf([
      overlaid,
      `--update-from-json=${update}`,
      '--object-streams=generate',
      '--compress-streams=y',
      '--deterministic-id',
      final,
    ]);
    return new Uint8Array(await readFile(final));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function qpdf(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('qpdf', args, { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { code?: string | number; stderr?: string };
    if (failure.code === 'ENOENT')
      throw new EnvironmentFailure('qpdf is needed to finish PDFs: `apt-get install qpdf`');
    // Exit code 3 is qpdf's "succeeded with warnings".
    if ((failure.code as unknown) === 3) return '';
    throw new Error(`qpdf ${args.join(' ')} failed: ${failure.stderr ?? failure.message}`);
  }
}

type JsonObject = Record<string, unknown>;

/** A qpdf JSON v2 update: page labels and language in the catalog, a fresh Info dict. */
async function metadataUpdate(file: string, input: PostprocessInput): Promise<JsonObject> {
  const json = JSON.parse(await qpdf(['--json=2', '--json-key=qpdf', file])) as {
    qpdf: [JsonObject, Record<string, { value?: JsonObject }>];
  };
  const objects = json.qpdf[1];
  const trailer = objects.trailer?.value ?? {};
  const root = String(trailer['/Root']);
  const catalog = { ...(objects[`obj:${root}`]?.value ?? {}) };
  const maxId = Math.max(
    ...Object.keys(objects).map((k) => Number(/^obj:(\d+) /.exec(k)?.[1] ?? 0)),
  );
  const infoRef = `${maxId + 1} 0 R`;
  catalog['/PageLabels'] = {
    '/Nums': input.labelRanges.flatMap((range) => [
      range.from,
      {
        '/S': `/${range.style}`,
        ...(range.start && range.start !== 1 ? { '/St': range.start } : {}),
      },
    ]),
  };
  catalog['/Lang'] = `u:${input.info.language}`;
  catalog['/ViewerPreferences'] = { '/DisplayDocTitle': true };
  const date = `u:${pdfDate(input.info.date)}`;
  const info: JsonObject = {
    '/Title': `u:${input.info.title}`,
    '/Creator': 'u:Folio',
    '/Producer': 'u:Folio (Chromium, qpdf)',
    '/CreationDate': date,
    '/ModDate': date,
    ...(input.info.author ? { '/Author': `u:${input.info.author}` } : {}),
    ...(input.info.subject ? { '/Subject': `u:${input.info.subject}` } : {}),
    ...(input.info.keywords.length > 0
      ? { '/Keywords': `u:${input.info.keywords.join(', ')}` }
      : {}),
  };
  return {
    qpdf: [
      {
        jsonversion: 2,
        pushedinheritedpageresources: false,
        calledgetallpages: false,
        maxobjectid: maxId,
      },
      {
        [`obj:${root}`]: { value: catalog },
        [`obj:${infoRef}`]: { value: info },
        // Chromium's /ID is random; without it qpdf derives one from the content (--deterministic-id).
        trailer: { value: { ...withoutKey(trailer, '/ID'), '/Info': infoRef } },
      },
    ],
  };
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
