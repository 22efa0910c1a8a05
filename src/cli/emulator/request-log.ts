/** Bounded in-memory logs of what the emulator was asked, for tests and the inspection API. */
import type { FaultKind } from "./faults";

export interface RequestRecord {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** `null` when the connection was dropped without a response. */
  readonly status: number | null;
  readonly durationMs: number;
  readonly fault?: FaultKind;
}

export interface GatewayRequestRecord {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Request headers, secrets masked (`ab*****yz`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly model: string | null;
  readonly stream: boolean;
  readonly routing: { readonly provider?: string; readonly config?: string } | null;
  readonly workspaceId: string | null;
  readonly apiKeyId: string | null;
  readonly error?: string;
}

type Unnumbered<T> = Omit<T, "seq" | "at">;

export class Log<T extends { seq: number; at: string }> {
  private items: T[] = [];
  private next = 1;

  constructor(private readonly limit = 10_000) {}

  add(item: Unnumbered<T>): void {
    this.items.push({ ...item, seq: this.next++, at: new Date().toISOString() } as T);
    if (this.items.length > this.limit) this.items.shift();
  }

  all(): T[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}
