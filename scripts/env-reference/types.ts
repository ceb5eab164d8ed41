import { resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");

/** One read of one variable: where, with what default, and what the code says about it. */
export interface EnvRead {
  name: string;
  file: string;
  /** The top-level function (or constant, or class) of the file the read is in. */
  owner?: string;
  default?: string;
  requiredInProduction: boolean;
  /** `envString(NAME)` with no fallback: required, unless the same variable is also read as optional. */
  bare?: boolean;
  description?: string;
}

/** One variable with every read of it and the processes that load those reads. */
export interface EnvVariable {
  name: string;
  processes: string[];
  default?: string;
  requiredInProduction: boolean;
  description?: string;
  files: string[];
}
