/** A `terraform import` argument for POSIX shells: single quotes, `'` as `'\''`. */
export function quoteBash(arg: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * A `terraform import` argument for PowerShell: single quotes (no expansion
 * of `$`), `'` doubled, and embedded `"` written as `\"`, because Windows
 * PowerShell (and PowerShell 7 on Windows) pass arguments to native programs
 * without escaping inner double quotes, which terraform.exe would otherwise drop.
 */
export function quotePowerShell(arg: string): string {
  if (/^[A-Za-z0-9_./:@=-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", "''").replaceAll('"', '\\"')}'`;
}
