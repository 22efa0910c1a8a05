/**
 * Look for secret values in texts and say where they were found, without ever echoing a secret:
 * a finding names the secret by label and the place by name and line number.
 */

export interface NamedSecret {
  /** How to refer to the secret in a finding, e.g. `API key secret of "ci-team-01"`. */
  readonly label: string;
  readonly value: string;
}

export interface NamedText {
  /** Where the text came from, e.g. `TF_LOG=trace log`. */
  readonly where: string;
  readonly text: string;
}

/**
 * Every form in which a secret could appear in a text: as is, JSON-escaped (a key file's
 * "\n"), and base64 (terraform's msgpack dumps in trace logs).
 */
function forms(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), Buffer.from(value).toString("base64")])];
}

/** One finding per secret and place: `<label> in <where> (line N, M times)`. */
export function findLeaks(secrets: readonly NamedSecret[], texts: readonly NamedText[]): string[] {
  const findings: string[] = [];
  for (const secret of secrets) {
    if (secret.value.length < 6) throw new Error(`The secret "${secret.label}" is too short to scan for meaningfully.`);
    const needles = forms(secret.value);
    for (const { where, text } of texts) {
      const offsets = needles.flatMap((needle) => occurrences(text, needle));
      if (offsets.length === 0) continue;
      const line = text.slice(0, Math.min(...offsets)).split("\n").length;
      findings.push(`${secret.label} in ${where} (line ${line}, ${offsets.length} time${offsets.length === 1 ? "" : "s"})`);
    }
  }
  return findings;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}
