import { isAbsolute, join } from 'node:path';

/**
 * The user's own cache folder for gcadopt, or undefined when there is none to
 * use (no home folder). Never a shared temporary folder: a token there could be
 * read or planted by another user of the machine.
 *
 * `GCADOPT_CACHE_DIR` names the folder itself; `XDG_CACHE_HOME` (absolute only,
 * as the XDG spec requires) wins over the platform's default.
 */
export function resolveCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  platform: string,
): string | undefined {
  const set = (name: string): string | undefined => {
    const value = env[name];
    return value !== undefined && value !== '' && isAbsolute(value) ? value : undefined;
  };
  const explicit = set('GCADOPT_CACHE_DIR');
  if (explicit !== undefined) return explicit;
  const xdg = set('XDG_CACHE_HOME');
  if (xdg !== undefined) return join(xdg, 'gcadopt');
  if (platform === 'win32') {
    const local = set('LOCALAPPDATA');
    if (local !== undefined) return join(local, 'gcadopt', 'Cache');
  }
  if (home === '' || !isAbsolute(home)) return undefined;
  if (platform === 'win32') return join(home, 'AppData', 'Local', 'gcadopt', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'gcadopt');
  return join(home, '.cache', 'gcadopt');
}
