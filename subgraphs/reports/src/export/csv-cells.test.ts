import { neutraliseCell } from "./csv-cells";

describe("neutraliseCell", () => {
  it.each(["=cmd()", "+1+2", "-2+3", "@SUM(A1)", "\tX", "\r=1"])("prefixes %j with an apostrophe", (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it.each(["Rabies booster", "Kibble = tasty", "", "1-2"])("leaves %j alone", (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });
});
