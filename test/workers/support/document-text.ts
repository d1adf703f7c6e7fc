import { unzipSync } from 'fflate';

/**
 * Reads generated documents back the way a reader's software does: the PDF through pdf.js (Mozilla's PDF reader, the
 * one in Firefox), the DOCX by unzipping it and reading word/document.xml.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  try {
    const texts: string[] = [];
    for (let page = 1; page <= pdf.numPages; page += 1) {
      const content = await (await pdf.getPage(page)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
    }
    // the page footers (第 1 页 共 2 页) sit between the last line of a page and the first of the next
    return { text: withoutSpace(texts.join('')).replace(/第\d+页共\d+页/g, ''), pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}

export function docxParts(bytes: Uint8Array): { documentXml: string; stylesXml: string; files: string[]; text: string } {
  const files = unzipSync(bytes);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error(`Expected the DOCX to contain word/document.xml, but it has ${Object.keys(files).join(', ')}`);
  const documentXml = new TextDecoder().decode(xml);
  const text = [...documentXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] as string)).join('');
  const stylesXml = new TextDecoder().decode(files['word/styles.xml'] ?? new Uint8Array());
  return { documentXml, stylesXml, files: Object.keys(files), text: withoutSpace(text) };
}

/** Fonts a PDF embeds, from its font dictionaries (pdfkit writes them uncompressed). */
export function pdfEmbeddedFonts(bytes: Uint8Array): { baseFonts: string[]; fontFiles: number } {
  const raw = Buffer.from(bytes).toString('latin1');
  return {
    baseFonts: [...new Set([...raw.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+-]+)/g)].map((m) => m[1] as string))],
    fontFiles: [...raw.matchAll(/\/FontFile2\s+\d+\s+0\s+R/g)].length,
  };
}

export function withoutSpace(text: string): string {
  return text.replace(/\s+/g, '');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
