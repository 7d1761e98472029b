/**
 * Checks what the config says of an edition's look that the schema cannot: the faces it
 * chooses must be bundled ones (an unknown family is an error at its key, with "did you
 * mean"), and its margins must leave room for text on its paper.
 */
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { bundledFamilies, faceRoles } from '../render/fonts.ts';
import { editionGeometry, textBlock } from '../render/pdf/paper-sizes.ts';
import { fatal, type YamlSource } from '../yaml/validate-yaml.ts';
import type { FolioConfig } from './schema.ts';

/** The narrowest text block Folio lays out, in millimetres: about twenty characters. */
const narrowestText = 40;

export function checkLook(file: VFile, yaml: YamlSource, config: FolioConfig): void {
  const known = bundledFamilies.map((f) => `\`${f}\``).join(', ');
  config.editions.forEach((edition, i) => {
    for (const role of Object.keys(faceRoles) as Array<keyof typeof faceRoles>) {
      const family = edition.faces?.[role];
      if (family === undefined || bundledFamilies.includes(family)) continue;
      fatal(
        file,
        `Unknown face \`${family}\`${didYouMean(family, bundledFamilies)}: Folio bundles ${known}`,
        yaml.placeOf(['editions', i, 'faces', role]),
        'config:unknown-face',
        'config',
      );
    }
    const block = textBlock(editionGeometry(edition));
    if (block.width < narrowestText || block.height < narrowestText)
      fatal(
        file,
        `The margins leave a text block of ${Math.round(block.width)} × ${Math.round(block.height)} mm on this paper: Folio needs at least ${narrowestText} mm each way`,
        yaml.placeOf(['editions', i, edition.margins ? 'margins' : 'paper']),
        'config:invalid-value',
        'config',
      );
  });
}
