/** Validators shared by the invite, member and user schemas (fact sheet §12). */

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function checkEmail(field: string) {
  return (email: string): string | undefined =>
    EMAIL.test(email.trim()) ? undefined : `${field} must be an email address like dev@example.com; got ${JSON.stringify(email)}`;
}

export function checkRole(field: string, roles: readonly string[]) {
  return (role: string): string | undefined => (roles.includes(role) ? undefined : `${field} must be one of ${roles.map((r) => `"${r}"`).join(", ")}; got ${JSON.stringify(role)}`);
}

/** Emails compare case-insensitively: keep the configured spelling when Portkey's differs only in case. */
export function configuredEmail(remote: string | undefined, prior: string | null | undefined): string | null {
  if (remote === undefined) return prior ?? null;
  return prior && prior.trim().toLowerCase() === remote.trim().toLowerCase() ? prior : remote;
}
