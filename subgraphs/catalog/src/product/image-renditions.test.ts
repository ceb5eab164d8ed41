import sharp from "sharp";
import { makeRenditions } from "./image-renditions";

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .png()
    .toBuffer();

describe("image renditions", () => {
  it("makes a 200 px thumbnail and an 800 px medium image in WebP from a PNG", async () => {
    const made = await makeRenditions(await png(1600, 1000), "image/png");
    expect(made).toMatchObject({ width: 1600, height: 1000 });
    expect(await sharp(made!.thumbnail).metadata()).toMatchObject({ format: "webp", width: 200, height: 125 });
    expect(await sharp(made!.medium).metadata()).toMatchObject({ format: "webp", width: 800, height: 500 });
  });

  it("never enlarges a small image", async () => {
    const made = await makeRenditions(await png(120, 80), "image/png");
    expect(await sharp(made!.medium).metadata()).toMatchObject({ width: 120, height: 80 });
  });

  it("refuses bytes that are not an image, or not of the declared type", async () => {
    expect(await makeRenditions(Buffer.from("not an image at all"), "image/png")).toBeNull();
    expect(await makeRenditions(await png(10, 10), "image/jpeg")).toBeNull();
  });
});
