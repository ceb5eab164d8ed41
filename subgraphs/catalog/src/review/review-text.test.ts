import { reviewText } from "./review-text";

describe("a review's text before it is stored", () => {
  it("is trimmed, and a blank title is none", () => {
    expect(reviewText({ rating: 4, title: "   ", body: "  Good kibble.  " })).toEqual({
      rating: 4,
      title: null,
      body: "Good kibble.",
    });
    expect(reviewText({ rating: 5, title: " Loved it ", body: "" })).toEqual({
      rating: 5,
      title: "Loved it",
      body: "",
    });
  });

  it("has card numbers, IBANs and passwords masked, in the title and the body", () => {
    expect(
      reviewText({
        rating: 2,
        title: "pin: 4821",
        body: "Paid with 4111 1111 1111 1111, refund to DE89370400440532013000",
      }),
    ).toEqual({
      rating: 2,
      title: "pin: [hidden]",
      body: "Paid with [card number ending 1111], refund to [bank account ending 3000]",
    });
  });

  it("is refused for abusive language, naming the field at fault", () => {
    expect(reviewText({ rating: 1, title: "Idiot seller", body: "fine" })).toEqual({
      field: "input.title",
      reasons: ['abusive language: "idiot"'],
    });
    expect(reviewText({ rating: 1, body: "what a sh1t product" })).toEqual({
      field: "input.body",
      reasons: ['abusive language: "shit"'],
    });
  });

  it("keeps what owners say about their animals' bodies", () => {
    expect(reviewText({ rating: 5, body: "Helped my bitch's anal glands" })).toMatchObject({
      body: "Helped my bitch's anal glands",
    });
  });
});
