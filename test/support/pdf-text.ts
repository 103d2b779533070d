// Reads a PDF's text back the way a reader sees it: pages of lines, each line the text items at one height, left to
// right (pdf-parse with Mozilla's PDF.js inside; its own page renderer glues a line's items together with nothing between).

// lib/pdf-parse.js, not the package's index, which reads a test file of its own when it is the main module.
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
  options: { pagerender: (page: PdfPage) => Promise<string> },
) => Promise<{ numpages: number; text: string; info: Record<string, unknown> }>;

interface PdfPage {
  getTextContent: (options: object) => Promise<{ items: { str: string; transform: number[] }[] }>;
}

export interface PdfText {
  readonly pages: number;
  readonly info: Record<string, unknown>;
  /** Every line of every page, in reading order: its cells (text items) left to right. */
  readonly lines: string[][];
}

export async function pdfText(bytes: Buffer): Promise<PdfText> {
  const parsed = await pdfParse(bytes, {
    pagerender: async (page) => {
      const { items } = await page.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false });
      const rows = new Map<number, { x: number; text: string }[]>();
      for (const item of items) {
        if (!item.str.trim()) continue;
        const y = Math.round(item.transform[5]!);
        if (!rows.has(y)) rows.set(y, []);
        rows.get(y)!.push({ x: item.transform[4]!, text: item.str });
      }
      const lines = [...rows.entries()]
        .sort(([a], [b]) => b - a) // PDF space: y grows upwards
        .map(([, cells]) => cells.sort((a, b) => a.x - b.x).map((c) => c.text.trim()));
      return JSON.stringify(lines);
    },
  });
  // pdf-parse joins the pages' answers with blank lines.
  const lines = parsed.text
    .split(/\n\n/)
    .filter((page) => page.trim())
    .flatMap((page) => JSON.parse(page) as string[][]);
  return { pages: parsed.numpages, info: parsed.info, lines };
}
