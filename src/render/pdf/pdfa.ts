/**
 * PDF/A-2b for archival print editions: what post-processing adds to the printed
 * PDF (Chromium already embeds and subsets every font): an output intent carrying an sRGB
 * ICC profile, and XMP metadata that declares the conformance (`pdfaid:part` 2,
 * `pdfaid:conformance` B) and repeats the document information dictionary (title, author,
 * subject, keywords, tools, dates) as PDF/A requires. The profile comes from the system:
 * Debian's `icc-profiles-free` (or the one Ghostscript ships).
 */
import { existsSync, readFileSync } from 'node:fs';
import { EnvironmentFailure } from '../../failures.ts';
import type { ArchivalParts } from './document-objects.ts';
import type { PdfInfo } from './pdf-info.ts';

export const pdfaPart = 2;
export const pdfaConformance = 'B';
export const outputCondition = 'sRGB IEC61966-2.1';

/** Where Debian keeps sRGB profiles, in order of preference. */
export const srgbProfilePaths = [
  '/usr/share/color/icc/sRGB.icc',
  '/usr/share/color/icc/ghostscript/srgb.icc',
  '/usr/share/color/icc/colord/sRGB.icc',
];

/** What the XMP packet states, which must agree with the document information. */
export interface ArchivalInfo extends PdfInfo {
  creator: string;
  producer: string;
}

export function srgbProfile(paths: readonly string[] = srgbProfilePaths): Uint8Array {
  const env = process.env.FOLIO_ICC_PROFILE;
  const found = [...(env ? [env] : []), ...paths].find((p) => existsSync(p));
  if (!found) {
    throw new EnvironmentFailure(
      'A PDF/A edition needs an sRGB ICC profile for its output intent: `apt-get install icc-profiles-free` (or set FOLIO_ICC_PROFILE to an RGB .icc file)',
    );
  }
  const bytes = new Uint8Array(readFileSync(found));
  // An ICC profile says `acsp` at byte 36 and its colour space at byte 16.
  const text = Buffer.from(bytes).toString('latin1');
  if (text.slice(36, 40) !== 'acsp' || text.slice(16, 20) !== 'RGB ') {
    throw new EnvironmentFailure(`${found} is not an RGB ICC profile`);
  }
  return bytes;
}

export function archivalParts(info: ArchivalInfo): ArchivalParts {
  return {
    xmp: new TextEncoder().encode(xmpPacket(info)),
    icc: srgbProfile(),
    outputCondition,
  };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet; every value equals its entry in the document information dictionary. */
export function xmpPacket(info: ArchivalInfo): string {
  const date = `${info.date.toISOString().slice(0, 19)}Z`;
  const alt = (value: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  const properties = [
    `<pdfaid:part>${pdfaPart}</pdfaid:part>`,
    `<pdfaid:conformance>${pdfaConformance}</pdfaid:conformance>`,
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    ...(info.author
      ? [`<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>`]
      : []),
    ...(info.subject ? [`<dc:description>${alt(info.subject)}</dc:description>`] : []),
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(info.language)}</rdf:li></rdf:Bag></dc:language>`,
    ...(info.keywords.length > 0
      ? [`<pdf:Keywords>${escapeXml(info.keywords.join(', '))}</pdf:Keywords>`]
      : []),
    `<pdf:Producer>${escapeXml(info.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
  ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    ...properties,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
