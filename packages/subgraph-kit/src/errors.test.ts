import { fieldOfVariableError } from "./errors";

describe("fieldOfVariableError", () => {
  it("names the path inside a variable", () => {
    expect(fieldOfVariableError('Variable "$input" got invalid value "X" at "input.route"; Value "X" does not exist in "MedicationRoute" enum.')).toBe("input.route");
  });
  it("names the variable itself", () => {
    expect(fieldOfVariableError('Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"')).toBe("first");
  });
  it("leaves other messages alone", () => {
    expect(fieldOfVariableError("Cannot query field \"wings\" on type \"Pet\".")).toBeUndefined();
  });
});
