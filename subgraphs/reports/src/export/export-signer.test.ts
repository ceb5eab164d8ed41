import { ExportSigner, type ExportRequest } from "./export-signer";

describe("ExportSigner", () => {
  const signer = new ExportSigner("a test secret that is long enough");
  const request: ExportRequest = {
    kind: "CLINIC_BOOKINGS",
    subjectId: "0b9a4c2e-8d1f-4e6a-a7b3-5c2d9e8f1a22",
    from: "2026-01-01",
    to: "2026-01-31",
    grouping: "DAY",
    timeZone: "Europe/Berlin",
    expiresAt: 1_800_000_000_000,
  };
  const query = () => new URLSearchParams(signer.sign(request));

  it("accepts its own link before it expires, and gives back the request", () => {
    expect(signer.verify(query(), request.expiresAt - 1)).toEqual(request);
  });

  it("refuses it from the moment it expires", () => {
    expect(signer.verify(query(), request.expiresAt)).toBe("expired");
  });

  it.each([
    ["id", "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e01"],
    ["kind", "VENDOR_SALES"],
    ["to", "2026-12-31"],
    ["tz", "UTC"],
    ["expires", String(request.expiresAt + 60_000)],
    ["sig", "AAAA"],
  ])("refuses a link whose %s was changed", (name, value) => {
    const changed = query();
    changed.set(name, value);
    expect(signer.verify(changed, request.expiresAt - 1)).toBe("tampered");
  });

  it("refuses a link missing a part, and one signed with another secret", () => {
    const missing = query();
    missing.delete("grouping");
    expect(signer.verify(missing, 0)).toBe("missing");
    const other = new ExportSigner("another secret, also long enough");
    expect(other.verify(query(), 0)).toBe("tampered");
  });
});
