import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants as bufferConstants } from 'node:buffer';
import { InputError } from './errors.js';

const MiB = 1024 * 1024;

/** `.tf`, `.tf.json` and `.tfvars` files larger than this are refused: hand-written configuration is far smaller. */
export const maxConfigBytes = 64 * MiB;

/**
 * Plan and state JSON larger than this is refused: 500 MiB, or less where
 * V8 cannot hold such a string (its limit is just under 512 Mi characters).
 * Parsing a file that size already takes several GiB of heap.
 */
export const maxJsonBytes = Math.min(500 * MiB, bufferConstants.MAX_STRING_LENGTH);

/** A `.env` file larger than this is refused: it holds a few variables. */
export const maxDotEnvBytes = 1 * MiB;

/** Options for reading one text file. */
export interface ReadTextOptions {
  /** What the file is, for messages, e.g. `plan` or `configuration file`. */
  readonly what: string;
  /** Larger files are refused. */
  readonly maxBytes: number;
  /** How messages name the file. @default the path */
  readonly display?: string | undefined;
}

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging.
// The descriptor is then checked with fstat, so what is read is what was checked.
// (Windows has no such flag and no FIFOs to open this way.)
const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file as UTF-8, following symlinks as Terraform does. A
 * FIFO, device, socket or folder (directly or behind a symlink), a missing
 * file, a symlink loop and a file over `maxBytes` each get one InputError line.
 */
export async function readTextFile(path: string, options: ReadTextOptions): Promise<string> {
  const name = options.display ?? path;
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    throw createOpenError(error, options.what, name);
  }
  try {
    const info = await handle.stat();
    checkRegular(info, options, name);
    let buffer: Buffer = Buffer.alloc(initialSize(info, options));
    let total = 0;
    for (;;) {
      if (total === buffer.length) buffer = grow(buffer, options, name);
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.toString('utf8', 0, total);
      total += bytesRead;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw createOpenError(error, options.what, name);
  } finally {
    await handle.close();
  }
}

/** readTextFile for callers that must stay synchronous (credentials from `.env`). */
export function readTextFileSync(path: string, options: ReadTextOptions): string {
  const name = options.display ?? path;
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    throw createOpenError(error, options.what, name);
  }
  try {
    const info = fstatSync(fd);
    checkRegular(info, options, name);
    let buffer: Buffer = Buffer.alloc(initialSize(info, options));
    let total = 0;
    for (;;) {
      if (total === buffer.length) buffer = grow(buffer, options, name);
      const bytesRead = readSync(fd, buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.toString('utf8', 0, total);
      total += bytesRead;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw createOpenError(error, options.what, name);
  } finally {
    closeSync(fd);
  }
}

/** True when an error from the readers above says the file does not exist. */
export function isMissingFileError(error: unknown): boolean {
  return (
    error instanceof InputError &&
    (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
  );
}

function checkRegular(info: Stats, options: ReadTextOptions, name: string): void {
  if (!info.isFile()) {
    throw new InputError(`${options.what} ${name} is not a regular file (${describeType(info)})`, {
      file: name,
      hint: 'gcadopt reads regular files only (symlinks to them are followed)',
    });
  }
  if (info.size > options.maxBytes) throw createTooLargeError(options, name);
}

/** One byte more than fstat says, to see the end of the file (or that it grew) in one read. */
function initialSize(info: Stats, options: ReadTextOptions): number {
  return Math.min(info.size, options.maxBytes) + 1;
}

/** A full buffer: the file is longer than fstat said (it grew, or it is a /proc-like file). */
function grow(buffer: Buffer, options: ReadTextOptions, name: string): Buffer {
  if (buffer.length > options.maxBytes) throw createTooLargeError(options, name);
  const next = Buffer.alloc(Math.min(Math.max(buffer.length * 2, 64 * 1024), options.maxBytes + 1));
  buffer.copy(next);
  return next;
}

function describeType(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function createTooLargeError(options: ReadTextOptions, name: string): InputError {
  return new InputError(
    `${options.what} ${name} is larger than ${formatBytes(options.maxBytes)}, the most gcadopt reads`,
    { file: name, hint: 'is it the right file?' },
  );
}

function formatBytes(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  EISDIR: 'it is a folder',
  ENXIO: 'it is not a regular file (a socket?)',
  ENOTDIR: 'a part of the path is not a folder',
};

function createOpenError(error: unknown, what: string, name: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === undefined ? undefined : (reasons[code] ?? code);
  return new InputError(`cannot read ${what} ${name}${reason === undefined ? '' : `: ${reason}`}`, {
    file: name,
    cause: error,
  });
}
