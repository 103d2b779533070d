import { aDocx, aJpegHead, anXlsxPackage, aPdf, aPng, aWebpHead, aZip } from '../../../../test/support/sample-files';
import { sniffFileType } from './file-type';

describe('file type from the bytes', () => {
  it.each([
    ['a PDF', aPdf(), 'pdf'],
    ['a PNG', aPng(), 'png'],
    ['a JPEG', aJpegHead(), 'jpeg'],
    ['a WebP', aWebpHead(), 'webp'],
    ['a Word document', aDocx(), 'docx'],
    ['an Excel workbook', anXlsxPackage(), 'xlsx'],
    ['a plain ZIP', aZip({ 'readme.txt': 'hello' }), undefined],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>'), undefined],
    ['an executable', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), undefined],
    ['a text file named .pdf', Buffer.from('not really a pdf'), undefined],
    ['nothing', Buffer.alloc(0), undefined],
    ['three bytes of a PNG', aPng().subarray(0, 3), undefined],
  ])('%s → %s', (_what, bytes, expected) => {
    expect(sniffFileType(bytes)).toBe(expected);
  });
});
