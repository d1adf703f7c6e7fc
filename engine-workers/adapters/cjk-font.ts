import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FontMissingError } from '../errors.js';

/**
 * The CJK font embedded in every PDF: Noto Serif SC (思源宋体, SIL Open Font License 1.1), complete TrueType files
 * shipped by the npm package @expo-google-fonts/noto-serif-sc, so `npm ci` alone brings it (no Debian font package,
 * no download at run time). TrueType outlines subset cleanly: each PDF embeds only the glyphs it uses.
 */
export const CJK_FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';

export interface CjkFontFiles {
  regular: string;
  bold: string;
}

let cached: CjkFontFiles | undefined;

export function cjkFontFiles(): CjkFontFiles {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const resolve = (file: string): string => {
    let resolved: string;
    try {
      resolved = require.resolve(`${CJK_FONT_PACKAGE}/${file}`);
    } catch (error) {
      throw new FontMissingError(`Expected the CJK font ${CJK_FONT_PACKAGE}/${file} to be installed (npm ci), but it is missing`, { cause: error });
    }
    if (!existsSync(resolved)) throw new FontMissingError(`Expected the CJK font file ${resolved} to exist, but it does not`);
    return resolved;
  };
  cached = Object.freeze({ regular: resolve('400Regular/NotoSerifSC_400Regular.ttf'), bold: resolve('700Bold/NotoSerifSC_700Bold.ttf') });
  return cached;
}
