/**
 * Builds a project's EPUBs into a temporary folder and prints, as JSON, the sha256 of each
 * book and of each entry in it: the reproducibility test runs it in a child process under
 * another time zone.
 * Usage: tsx test/epub/print-epub-hashes.ts path/to/folio.config.yaml
 */
import { buildEpubs, fingerprints } from './epub-helpers.ts';

const configPath = process.argv[2];
if (!configPath) throw new Error('usage: print-epub-hashes.ts <folio.config.yaml>');
const result = await buildEpubs(configPath);
process.stdout.write(JSON.stringify(await fingerprints(result.outputs)));
