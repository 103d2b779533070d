// Certificate numbering and the printable certificate document.
export * from './certificate-number';
export * from './certificate-number-allocator';
export * from './certificate-document';
export * from './certificate-record';
export * from './certificates.module';
