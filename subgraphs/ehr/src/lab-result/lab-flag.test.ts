// LabResultFlag lives with its GraphQL type, whose decorators need the metadata polyfill (in the app the kit loads it).
import "reflect-metadata";
import { LabResultFlag } from "./lab-result.type";
import { flagFor } from "./lab-flag";

describe("flagFor", () => {
  it.each([
    ["150", 44, 133, 150, LabResultFlag.HIGH],
    ["30", 44, 133, 30, LabResultFlag.LOW],
    ["90.5", 44, 133, 90.5, LabResultFlag.NORMAL],
    ["90", null, null, 90, LabResultFlag.NORMAL],
    ["negative", 0, 1, null, LabResultFlag.NORMAL],
  ])("%s in [%s, %s]", (value, low, high, numeric, flag) => {
    expect(flagFor(value, low, high)).toEqual({ numeric, flag });
  });
});
