/**
 * Lets the pure settings renderer (which checks every rule of claude-code-gateway.md) run at
 * synth time over values that are still Terraform references: each token is swapped for a
 * harmless placeholder of the right shape, the result is rendered and checked, then every
 * placeholder is swapped back. The secret thus stays a reference and never enters cdk.tf.json.
 */
import { Fn, Token } from "cdktf";

export type PlaceholderShape = "text" | "url";

/**
 * cdktf writes literal strings inside function calls (Fn.join, Fn.jsonencode) without escaping
 * `"` or `\` (measured with cdktf 0.21): such a literal would make the expression invalid HCL.
 */
export function checkFunctionLiteral(text: string, where: string): void {
  if (/["\\]/.test(text)) {
    throw new Error(`${where}: ${JSON.stringify(text)} contains a double quote or backslash, which cdktf cannot pass to a Terraform function; remove it.`);
  }
}

export class TokenPlaceholders {
  private readonly tokens = new Map<string, string>();

  /** `value` itself when it is a literal, else a placeholder that `restore` turns back into it. */
  hold(value: string, shape: PlaceholderShape = "text"): string {
    if (!Token.isUnresolved(value)) return value;
    // Letters and digits only, ended by "x" so that placeholder 1 is no prefix of placeholder 10.
    const name = `tokenplaceholder${this.tokens.size}x`;
    const placeholder = shape === "url" ? `https://${name}.invalid` : name;
    this.tokens.set(placeholder, value);
    return placeholder;
  }

  /** Whether `text` holds a placeholder. */
  holds(text: string): boolean {
    return [...this.tokens.keys()].some((placeholder) => text.includes(placeholder));
  }

  /**
   * A deep copy of `value` with its placeholders turned back into tokens. A string that mixes
   * text and tokens becomes `join("", [...])` rather than an interpolation, which cdktf cannot
   * nest inside a function call.
   */
  restore<T>(value: T): T {
    if (typeof value === "string") return this.restoreString(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.restore(item)) as T;
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.restore(item)])) as T;
    }
    return value;
  }

  private restoreString(text: string): string {
    if (!this.holds(text)) return text;
    const pattern = new RegExp(`(${[...this.tokens.keys()].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`);
    const pieces = text.split(pattern).filter((piece) => piece !== "");
    const parts = pieces.map((piece) => this.tokens.get(piece) ?? piece);
    if (parts.length === 1) return parts[0];
    for (const piece of pieces) if (!this.tokens.has(piece)) checkFunctionLiteral(piece, "settings value");
    return Fn.join("", parts);
  }
}
