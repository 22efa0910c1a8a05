/**
 * A line diff for `--dry-run` (settings files are small: a plain LCS table is fine).
 * Unchanged runs are shortened to `context` lines around each change.
 */

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

function lcsOps(before: string[], after: string[]): Op[] {
  const rows = before.length;
  const cols = after.length;
  // table[i][j] = length of the LCS of before[i..] and after[j..]
  const table = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      table[i][j] = before[i] === after[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && before[i] === after[j]) {
      ops.push({ kind: " ", line: before[i++] });
      j++;
    } else if (i < rows && (j === cols || table[i + 1][j] >= table[i][j + 1])) {
      // removals before additions, as diff(1) prints them
      ops.push({ kind: "-", line: before[i++] });
    } else {
      ops.push({ kind: "+", line: after[j++] });
    }
  }
  return ops;
}

/** `- old` / `+ new` lines with `context` unchanged lines around each change; "" when equal. */
export function lineDiff(before: string, after: string, context = 2): string {
  const ops = lcsOps(before === "" ? [] : before.replace(/\n$/, "").split("\n"), after.replace(/\n$/, "").split("\n"));
  if (ops.every((op) => op.kind === " ")) return "";
  const near = ops.map((_, index) => ops.slice(Math.max(0, index - context), index + context + 1).some((op) => op.kind !== " "));
  const out: string[] = [];
  ops.forEach((op, index) => {
    if (near[index]) out.push(`${op.kind} ${op.line}`);
    else if (index === 0 || near[index - 1]) out.push("  …");
  });
  return out.join("\n");
}
