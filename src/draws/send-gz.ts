import type { Response } from 'express';

/** Sends a stored gzip file as a download; the name says what it holds. */
export function sendGz(res: Response, gz: Buffer, fileName: string): void {
  res.setHeader('Content-Type', 'application/gzip');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Content-Length', String(gz.length));
  res.end(gz);
}
