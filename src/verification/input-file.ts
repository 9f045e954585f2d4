import { open } from 'node:fs/promises';
import { DomainError } from '../common/domain-error';

/** A file to verify: where it is, and the name to show in messages (a temp path means nothing to an uploader). */
export interface InputFile {
  path: string;
  name: string;
}

export interface FileKind {
  gzip: boolean;
  /** Bytes on disk (compressed size for gzip). */
  size: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];

// Formats people download or pack by mistake: named, so the error says what was received.
const OTHER_FORMATS: ReadonlyArray<[readonly number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP 压缩包（或 Excel .xlsx）'],
  [[0x42, 0x5a, 0x68], 'bzip2 压缩文件'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz 压缩文件'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd 压缩文件'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z 压缩包'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件'],
];

const startsWith = (head: Buffer, magic: readonly number[]): boolean => magic.every((b, i) => head[i] === b);

export const unsupportedFile = (message: string): DomainError => new DomainError('UNSUPPORTED_FILE', message);

/** Opens the file once to check it exists and to read its first bytes: gzip is told by its magic number, not its name. */
export async function sniffFile(file: InputFile, label: string): Promise<FileKind> {
  let handle;
  try {
    handle = await open(file.path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw unsupportedFile(`找不到${label}：${file.name}`);
    if (code === 'EACCES' || code === 'EPERM') throw unsupportedFile(`没有读取${label}的权限：${file.name}`);
    throw unsupportedFile(`无法打开${label} ${file.name}：${(e as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw unsupportedFile(`${label} ${file.name} 不是普通文件（是否给了一个目录？）`);
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const first = head.subarray(0, bytesRead);
    for (const [magic, what] of OTHER_FORMATS) {
      if (startsWith(first, magic))
        throw unsupportedFile(`${label} ${file.name} 是${what}；请提供文本文件（.txt、.json）或 gzip 压缩文件（.gz）`);
    }
    return { gzip: bytesRead >= 2 && startsWith(first, GZIP_MAGIC), size: stat.size };
  } finally {
    await handle.close();
  }
}

/** zlib errors carry Z_* codes (Z_DATA_ERROR, Z_BUF_ERROR …). Duck-typed: Node's own errors fail instanceof under Jest's VM. */
export function isZlibError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}
