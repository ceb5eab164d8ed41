import { fileSize } from "./file-size";

describe("a chat file's size", () => {
  it("counts bytes, then whole kilobytes, then megabytes to one decimal, never '1024 KB'", () => {
    expect(
      [0, 1023, 1024, 1536, 1024 * 1023, 1024 * 1024 - 1, 1024 * 1024, 20 * 1024 * 1024 - 1].map(fileSize),
    ).toEqual(["0 B", "1023 B", "1 KB", "2 KB", "1023 KB", "1.0 MB", "1.0 MB", "20.0 MB"]);
  });
});
