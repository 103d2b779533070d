/**
 * What a document is, judged from its bytes (never from its name or the client's Content-Type): PDF, JPEG, PNG,
 * WebP by their signatures; DOCX and XLSX are ZIP archives told apart by the part names inside
 * (`word/document.xml`, `xl/workbook.xml`), which a ZIP stores uncompressed in its headers.
 */
export const ACCEPTED_TYPES = {
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  webp: { mime: 'image/webp', extension: 'webp' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;

export type AcceptedType = keyof typeof ACCEPTED_TYPES;

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Enough leading bytes to judge the signature. */
export const SNIFF_HEAD_BYTES = 16;

const WORD_PART = Buffer.from('word/document.xml');
const EXCEL_PART = Buffer.from('xl/workbook.xml');

/** Follows a file's bytes as they stream past, keeping only the head and a short tail (never the whole file). */
export class FileTypeSniffer {
  private head = Buffer.alloc(0);
  private carry = Buffer.alloc(0);
  private sawWord = false;
  private sawExcel = false;

  push(chunk: Buffer): void {
    if (this.head.length < SNIFF_HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_HEAD_BYTES - this.head.length)]);
    // Search the chunk with the previous chunk's last bytes in front, so a name split across chunks is still found.
    const window = Buffer.concat([this.carry, chunk]);
    this.sawWord ||= window.includes(WORD_PART);
    this.sawExcel ||= window.includes(EXCEL_PART);
    this.carry = Buffer.from(window.subarray(Math.max(0, window.length - Math.max(WORD_PART.length, EXCEL_PART.length))));
  }

  private isZip(): boolean {
    return startsWith(this.head, [0x50, 0x4b, 0x03, 0x04]);
  }

  /** The type, once every byte has been pushed; undefined when it is none of the accepted ones. */
  result(): AcceptedType | undefined {
    const head = this.head;
    if (startsWith(head, ascii('%PDF-'))) return 'pdf';
    if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
    if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
    if (this.isZip()) {
      if (this.sawWord && !this.sawExcel) return 'docx';
      if (this.sawExcel && !this.sawWord) return 'xlsx';
    }
    return undefined;
  }
}

/** The type of a whole buffer (tests, small inputs). */
export function sniffFileType(bytes: Buffer): AcceptedType | undefined {
  const sniffer = new FileTypeSniffer();
  for (let at = 0; at < bytes.length; at += 7) sniffer.push(bytes.subarray(at, at + 7)); // small chunks: the split path runs too
  return sniffer.result();
}
