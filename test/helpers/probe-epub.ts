/**
 * A one-chapter EPUB 3 for the validators' own tests (EPUBCheck's and Ace's services): a
 * package, a navigation document and one chapter, with what a test adds to the metadata,
 * the chapter's body and the files beside them.
 */
import JSZip from 'jszip';

export interface ProbeEpub {
  /** Elements after dc:identifier, dc:title, dc:language and dcterms:modified. */
  metadata?: string;
  /** The chapter's body. */
  chapter: string;
  /** Files beside the chapter (OEBPS/NAME), each declared in the manifest with its type. */
  files?: Record<string, { type: string; bytes: Uint8Array }>;
}

export function probeEpub({ metadata = '', chapter, files = {} }: ProbeEpub): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    '<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  );
  const items = Object.entries(files)
    .map(([name, file], n) => `<item id="f${n}" href="${name}" media-type="${file.type}"/>`)
    .join('');
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:0b9b2c4e-1f7e-4c1b-9d3e-2a6f0c7d8e91</dc:identifier><dc:title>Probe</dc:title><dc:language>en</dc:language><meta property="dcterms:modified">2020-01-01T00:00:00Z</meta>${metadata}</metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c" href="chapter.xhtml" media-type="application/xhtml+xml"/>${items}</manifest><spine><itemref idref="c"/></spine></package>`,
  );
  const page = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en"><head><title>Probe</title></head><body>${body}</body></html>`;
  zip.file(
    'OEBPS/nav.xhtml',
    page(
      '<nav epub:type="toc" role="doc-toc"><ol><li><a href="chapter.xhtml">Chapter</a></li></ol></nav>',
    ),
  );
  zip.file('OEBPS/chapter.xhtml', page(chapter));
  for (const [name, file] of Object.entries(files)) zip.file(`OEBPS/${name}`, file.bytes);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
