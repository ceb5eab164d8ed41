// The cost of one password check (identity's zxcvbn policy) on ordinary and crafted passwords: the
// check runs on every registration and password change, so a crafted password must not buy seconds
// of CPU. Needs no stack.
import { checkPasswordPolicy, warmPasswordPolicy } from "../subgraphs/identity/src/session/password-policy";

const CASES: Record<string, string> = {
  "ordinary passphrase": "correct horse battery staple",
  "crafted l33t, 128 chars": "1!1!3$3$5!5!0o0o7l7l2z2z$$@@!!11".repeat(4),
  "repeated character, 128 chars": "a".repeat(128),
  "keyboard walks, 128 chars": "qwertyuiop1234567890asdfghjkl;zxcvbnm,./".repeat(4).slice(0, 128),
};

function timeOne(password: string): number {
  const started = performance.now();
  try {
    checkPasswordPolicy(password, "bench@example.test");
  } catch {
    // A refusal costs the same work as an acceptance; only the time matters here.
  }
  return performance.now() - started;
}

export function passwordPolicyBench(): void {
  const warmStarted = performance.now();
  warmPasswordPolicy();
  const warmMs = performance.now() - warmStarted;
  const rows = Object.entries(CASES).map(([name, password]) => {
    const times = Array.from({ length: 20 }, () => timeOne(password)).sort((a, b) => a - b);
    return {
      password: name,
      "p50 ms": Number(times[10]!.toFixed(1)),
      "max ms": Number(times[times.length - 1]!.toFixed(1)),
    };
  });
  console.log(`\nPassword policy: building the estimator ${warmMs.toFixed(0)} ms (once per process); 20 checks each:`);
  console.table(rows);
}
